"""What the projects admin modules share."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """History shown as it was written: nobody adds, edits or deletes it here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
