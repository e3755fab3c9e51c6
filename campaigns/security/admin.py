from django.contrib import admin

from .models import PersonalDataAudit, StaffScope


@admin.register(StaffScope)
class StaffScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "include_descendants"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = []
    raw_id_fields = ["user", "unit"]


@admin.register(PersonalDataAudit)
class PersonalDataAuditAdmin(admin.ModelAdmin):
    """Read-only: an audit trail nobody edits or deletes."""

    list_display = [
        "created_at",
        "kind",
        "actor",
        "subject_person_id",
        "file_format",
        "record_count",
        "includes_ethnicity",
    ]
    list_filter = ["kind", "includes_ethnicity"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
