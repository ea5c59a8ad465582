"""Django admin, for developers. People use the product's own administration pages."""

from django.contrib import admin

from careloop.core.models import ApiToken, AuditEntry, Directorate, ServiceArea, Team, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "role", "team", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


admin.site.register([Directorate, ServiceArea, Team])


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: audit entries cannot be edited or deleted."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "source"]
    list_filter = ["action", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix"]
