"""Filters for the forms' shared templates (``templates/bootstrap5``)."""

from django import forms, template

register = template.Library()


@register.filter
def has_required_fields(form):
    """Whether ``form`` shows a field marked required (its « * » is then explained)."""
    return any(field.field.required and not field.is_hidden for field in form)


@register.filter
def anchor_id(bound_field):
    """The id an error's link goes to: the field's input, the first one of a choice
    shown as radio buttons or checkboxes."""
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        subwidgets = bound_field.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id
