"""Reads of the audit log, filtered for the reader. Only privacy officers read it, and only
entries of actors in organisations within their scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Capability
from samenspel.audit.models import AuditEntry


def organisations_in_scope(user) -> QuerySet[Organisation]:
    condition = Q(pk__in=[])
    for assignment in user.assignments_with(Capability.READ_AUDIT_LOG):
        if assignment.region_id is not None:
            condition |= Q(region_id=assignment.region_id)
        else:
            condition |= Q(municipality_id=assignment.municipality_id) | Q(
                municipality__isnull=True, region__municipalities=assignment.municipality_id
            )
    return Organisation.objects.filter(condition).distinct()


def entries_visible_to(user) -> QuerySet[AuditEntry]:
    """Entries whose actor belongs to an organisation in the privacy officer's scope, and
    entries without an organisation (commands, failed logins) for region-wide officers.
    Everyone else sees nothing."""
    if not user.has_capability(Capability.READ_AUDIT_LOG):
        return AuditEntry.objects.none()
    org_ids = list(organisations_in_scope(user).values_list("pk", flat=True))
    condition = Q(actor_organisation_id__in=org_ids)
    if any(a.region_id is not None for a in user.assignments_with(Capability.READ_AUDIT_LOG)):
        condition |= Q(actor_organisation_id__isnull=True)
    return AuditEntry.objects.filter(condition)
