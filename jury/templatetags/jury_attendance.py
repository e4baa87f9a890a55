"""The deliberation page's attendance sheet and its list of scoring sheets, in one call
each instead of a template loop over the convened members and, for each, over the
choices of their attendance: those loops were a good part of the page's time."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jury.enums import Attendance
from jury.forms import AttendanceSheetForm
from jury.templatetags.jury_ranking import item_url
from programme.escaping import escape

register = template.Library()


@register.simple_tag
def attendance_rows(convocations):
    """The ``<tr>`` of each convened member (``convocations``, with their member and
    user): their name and role, the choice of their attendance, the item after which
    they arrived; the fields of ``jury.forms.AttendanceSheetForm`` as Django writes
    them, without building the form. The choices are the same on every row: escaped
    once."""
    html, roles = [], {}
    choices = [(value, escape(value), escape(label)) for value, label in Attendance.choices]
    for convocation in convocations:
        member = convocation.member
        # Each role's label once: ``get_role_display`` reads the choices on every call.
        role = roles.get(member.role)
        if role is None:
            role = roles[member.role] = escape(member.get_role_display())
        attendance, arrival = AttendanceSheetForm.names(member.pk)
        attendance_label, arrival_label = AttendanceSheetForm.labels(member.user)
        options = "".join(
            f'<option value="{value}"{" selected" if raw == convocation.attendance else ""}>'
            f"{label}</option>"
            for raw, value, label in choices
        )
        arrived = convocation.arrived_after
        html.append(
            f'<tr><th scope="row">{escape(member.user)} — {role}</th>'
            f'<td><label class="visually-hidden" for="id_{attendance}">'
            f"{escape(attendance_label)}</label>"
            f'<select class="form-select form-select-sm" name="{attendance}" '
            f'id="id_{attendance}">{options}</select></td>'
            f'<td><label class="visually-hidden" for="id_{arrival}">{escape(arrival_label)}</label>'
            '<input class="form-control form-control-sm" type="number" min="1" '
            f'inputmode="numeric" name="{arrival}" id="id_{arrival}" '
            f'value="{"" if arrived is None else escape(arrived)}"></td></tr>'
        )
    return mark_safe("\n".join(html))


@register.simple_tag(takes_context=True)
def scoring_sheet_links(context, convocations):
    """The ``<li>`` of the scoring sheet (PDF) of each voting member of ``convocations``."""
    session = context["session"]
    html = []
    for convocation in convocations:
        member = convocation.member
        if not member.can_vote:
            continue
        url = item_url(context, "jury:scoring_sheet", session.pk, convocation.member_id)
        label = _("Grille de notation de %(name)s (PDF)") % {"name": escape(member.user)}
        html.append(f'<li><a href="{url}">{label}</a></li>')
    return mark_safe("\n".join(html))
