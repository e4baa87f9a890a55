"""The agenda in the session's admin page: a picker offering only what may be decided,
each subject labelled with its edition and status, and an agenda frozen once scoring
opens (items then leave it from the deliberation screen, with a reason); the mixins that
freeze a session's inlines; the teams of pitches the agenda drops are told."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from editions.enums import RUNNING_PHASES
from jury.enums import SessionStatus
from jury.models import AgendaItem
from jury.models.agenda import DECIDABLE_APPLICATIONS
from jury.services.pitches import cancel_pitch
from projects.models import Application, Project


class FrozenWhenClosedMixin:
    """Inlines of a closed session are part of its minutes: they no longer change."""

    def _session_open(self, obj):
        return obj is None or not obj.is_closed

    def has_add_permission(self, request, obj=None):
        return self._session_open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._session_open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._session_open(obj) and super().has_delete_permission(request, obj)


class FrozenOnceScoringMixin(FrozenWhenClosedMixin):
    """Inlines that change only before scoring opens: marks hang on them."""

    def _session_open(self, obj):
        return obj is None or obj.status == SessionStatus.PLANNED


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, application):
        return _("%(title)s — %(edition)s — %(status)s") % {
            "title": application.title,
            "edition": application.call.edition.name,
            "status": application.get_status_display(),
        }


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, project):
        return _("%(title)s — %(edition)s — %(phase)s") % {
            "title": project.title,
            "edition": project.application.call.edition.name,
            "phase": project.get_phase_display(),
        }


class AgendaItemForm(forms.ModelForm):
    """The subjects that may be decided: applications submitted (for a shortlisting) or
    shortlisted (for a selection), projects in a coached phase; and the item's own."""

    class Meta:
        model = AgendaItem
        fields = ["position", "scheduled_time", "kind", "application", "project"]
        field_classes = {"application": ApplicationChoiceField, "project": ProjectChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own_application = Q(pk=self.instance.application_id) if self.instance.pk else Q(pk=None)
        own_project = Q(pk=self.instance.project_id) if self.instance.pk else Q(pk=None)
        self.fields["application"].queryset = (
            Application.objects.filter(
                Q(status__in=set(DECIDABLE_APPLICATIONS.values())) | own_application
            )
            .select_related("call__edition")
            .order_by("-call__edition__number", "title")
        )
        self.fields["project"].queryset = (
            Project.objects.filter(Q(phase__in=RUNNING_PHASES) | own_project)
            .select_related("application__call__edition")
            .order_by("-application__call__edition__number", "title")
        )


class AgendaItemInline(FrozenOnceScoringMixin, admin.TabularInline):
    """The agenda changes only before scoring opens: marks and withdrawals hang on it."""

    model = AgendaItem
    form = AgendaItemForm
    extra = 0
    fields = ["position", "scheduled_time", "kind", "application", "project"]


def cancel_dropped_pitches(formset, *, actor):
    """Before the agenda's formset saves: tell the team of each pitch it was invited to
    that the item deletes, or gives another subject or kind, that the pitch is off."""
    for item_form in formset.initial_forms:
        if item_form in formset.deleted_forms:
            reason = _("Point supprimé de l'ordre du jour de la séance.")
        elif {"application", "kind"} & set(item_form.changed_data):
            reason = _("Sujet du point modifié dans l'ordre du jour de la séance.")
        else:
            continue
        cancel_pitch(item_form.instance, actor=actor, reason=str(reason))
