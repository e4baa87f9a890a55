"""The follow-up of laureates in the admin: periods with their coaching, milestones, time
and resources; indicators and the measurements staff check."""

from django.contrib import admin

from projects.models import Measurement


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "measured_on", "value", "status", "entered_by"]
    list_filter = ["status"]
