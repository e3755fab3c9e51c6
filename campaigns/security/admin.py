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


# django-otp's own device admin shows any user's TOTP secret as a QR code (and answers 500
# for a missing device): administrators may list and delete (reset) devices, never read them.
def _plain_device_admin():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)

    @admin.register(TOTPDevice)
    class TOTPDeviceAdmin(admin.ModelAdmin):
        list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
        list_select_related = ["user"]
        fields = ["user", "name", "confirmed"]
        readonly_fields = ["user", "name"]

        def has_add_permission(self, request):
            return False


_plain_device_admin()
