"""The audit log in Django admin: read-only for superusers. Nobody may add, change or delete
an entry here (and on PostgreSQL a trigger refuses it underneath)."""

from __future__ import annotations

from functools import cached_property

from django.contrib import admin
from django.core.paginator import Paginator

from samenspel.audit.admin_site import site
from samenspel.audit.models import AuditEntry


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so a list page never counts the whole log."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.CAP + 1].count()


@admin.register(AuditEntry, site=site)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "timestamp",
        "actor_label",
        "actor_organisation_id",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "subject_id",
        "result",
        "channel",
    )
    list_filter = ("result", "channel")
    ordering = ("-id",)
    list_per_page = 100
    show_full_result_count = False
    paginator = CappedCountPaginator
    actions = None

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
