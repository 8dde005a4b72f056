"""Django admin for organisations, users and roles, on Samenspel's own admin site
(superusers only, every request audited; see samenspel.audit.admin_site). Day-to-day account
management belongs in the Samenspel UI; this is the operators' fallback.

No search fields: a search puts names or e-mail addresses in the query string."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation, Region, RoleAssignment, User
from samenspel.accounts.sessions import end_all_sessions
from samenspel.audit.admin_site import site

_ORGANISATION_REQUIRED = _("Kies een organisatie: alleen superusers mogen zonder organisatie bestaan.")


class _OrganisationRequiredMixin:
    """The database refuses a user without an organisation unless a superuser; say so next to
    the field instead of failing on save."""

    def clean(self):
        cleaned = super().clean()
        if "organisation" in self.fields and not cleaned.get("organisation"):
            is_superuser = cleaned.get("is_superuser", self.instance.is_superuser)
            if not is_superuser:
                self.add_error("organisation", _ORGANISATION_REQUIRED)
        return cleaned


class UserCreationForm(_OrganisationRequiredMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "organisation")


class UserChangeForm(_OrganisationRequiredMixin, DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(Region, site=site)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name",)
    ordering = ("name",)


@admin.register(Municipality, site=site)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    list_filter = ("region",)
    list_select_related = ("region",)
    ordering = ("name",)


@admin.register(Organisation, site=site)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "region", "municipality", "is_active")
    list_filter = ("type", "is_active", "region")
    list_select_related = ("region", "municipality")
    ordering = ("name",)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ("role", "municipality", "region")
    extra = 0


@admin.register(User, site=site)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("full_name", "organisation")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "organisation", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "full_name", "organisation", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser", "organisation__region")
    list_select_related = ("organisation",)
    search_fields = ()
    ordering = ("email",)
    inlines = [RoleAssignmentInline]

    def save_model(self, request, obj, form, change):
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            # A deactivated account loses every session at once, as in the Samenspel UI.
            end_all_sessions(obj)


@admin.register(RoleAssignment, site=site)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality", "region")
    list_filter = ("role",)
    list_select_related = ("user", "municipality", "region")
    raw_id_fields = ("user",)
    ordering = ("user__email", "role")
