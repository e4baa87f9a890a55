"""The deliberation page's attendance sheet and its list of scoring sheets, in one call
each instead of a template loop over the convened members and, for each, over the
choices of their attendance: those loops were a good part of the page's time."""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jury.templatetags.jury_ranking import item_url

register = template.Library()


@register.simple_tag
def attendance_rows(sheet):
    """The ``<tr>`` of each member of ``sheet`` (``jury.forms.AttendanceSheetForm``): their
    name and role, the choice of their attendance, the item after which they arrived.
    The choices are the same on every row: escaped once."""
    html, choices, roles = [], None, {}
    for convocation, attendance, arrival in sheet.rows():
        if choices is None:
            choices = [
                (value, escape(value), escape(label)) for value, label in attendance.field.choices
            ]
        member = convocation.member
        # Each role's label once: ``get_role_display`` reads the choices on every call.
        role = roles.get(member.role)
        if role is None:
            role = roles[member.role] = escape(member.get_role_display())
        chosen = attendance.value()
        options = "".join(
            f'<option value="{value}"{" selected" if raw == chosen else ""}>{label}</option>'
            for raw, value, label in choices
        )
        arrived = arrival.value()
        attendance_id, arrival_id = escape(attendance.id_for_label), escape(arrival.id_for_label)
        html.append(
            f'<tr><th scope="row">{escape(member.user)} — {role}</th>'
            f'<td><label class="visually-hidden" for="{attendance_id}">'
            f"{escape(attendance.label)}</label>"
            f'<select class="form-select form-select-sm" name="{escape(attendance.html_name)}" '
            f'id="{attendance_id}">{options}</select></td>'
            f'<td><label class="visually-hidden" for="{arrival_id}">{escape(arrival.label)}</label>'
            '<input class="form-control form-control-sm" type="number" min="1" '
            f'inputmode="numeric" name="{escape(arrival.html_name)}" id="{arrival_id}" '
            f'value="{"" if arrived is None else escape(arrived)}"></td></tr>'
        )
    return mark_safe("\n".join(html))


@register.simple_tag(takes_context=True)
def scoring_sheet_links(context, sheet):
    """The ``<li>`` of the scoring sheet (PDF) of each voting member of ``sheet``."""
    session = context["session"]
    html = []
    for convocation in sheet.convocations:
        member = convocation.member
        if not member.can_vote:
            continue
        url = item_url(context, "jury:scoring_sheet", session.pk, convocation.member_id)
        label = _("Grille de notation de %(name)s (PDF)") % {"name": escape(member.user)}
        html.append(f'<li><a href="{url}">{label}</a></li>')
    return mark_safe("\n".join(html))
