"""Who sees which retention records: privacy officers (MANAGE_RETENTION), for the
municipalities of their role's scope. The scope is computed here only."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from samenspel.accounts.roles import Capability


def municipality_ids_in_scope(user) -> list[int]:
    """The municipalities whose retention the user manages: the municipality of each
    MANAGE_RETENTION role, or every municipality of its region."""
    from samenspel.accounts.models import Municipality

    if user is None or not user.is_authenticated:
        return []
    condition = Q(pk__in=[])
    for assignment in user.assignments_with(Capability.MANAGE_RETENTION):
        if assignment.region_id is not None:
            condition |= Q(region_id=assignment.region_id)
        else:
            condition |= Q(pk=assignment.municipality_id)
    return list(Municipality.objects.filter(condition).order_by("name", "pk").values_list("pk", flat=True))


class RetentionOverrideQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(municipality_id__in=municipality_ids_in_scope(user))


class LegalHoldQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(municipality_id__in=municipality_ids_in_scope(user))

    def active(self, today):
        return self.filter(lifted_at__isnull=True, ends_on__gte=today)


class DeletionRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A run holds counts only and covers the whole installation: every privacy officer."""
        if user is None or not user.is_authenticated or not user.has_capability(Capability.MANAGE_RETENTION):
            return self.none()
        return self
