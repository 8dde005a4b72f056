"""Who may see and handle restricted documents: the one module that decides it. Querysets
(`RestrictedDocument.objects.visible_to(user)` and friends), selectors, services and views ask
here; nothing else encodes a rule about restricted documents.

The rules, in words:

- A restricted document is seen ONLY by named people: the mayor's-office user who registered
  it (while they still hold RECEIVE_RESTRICTED_DOCUMENTS for its municipality), and each
  person with a current grant (not revoked, end date/time still ahead). Nobody else, whatever
  their role: not other mayor's-office users, coordinators, chairs, privacy officers,
  application managers, nor the team of a linked case. For everyone else the document does
  not exist (404).
- The restricted pages and endpoints themselves exist only for users who hold the
  capability or a current grant; for anyone else they answer 404 too.
- Only the registrar manages a document: adds grants, revokes them and records release
  decisions. Grants go to active users holding the mayor's-office or the coordinator role
  in the document's municipality (the mayor and a designated coordinator).
- A restricted document is never part of minutes, exports or reports. The only way in is a
  recorded ReleaseDecision for that purpose (and, for minutes, that meeting): see
  `released_documents` and `may_include`. The case pages, case and meeting APIs, minutes
  PDFs and exports do not read this app at all.
- Audit entries about restricted documents carry no subject id, so that neither the audit
  log's subject filter nor a data subject's access export reveals that a restricted document
  concerns the person (see docs/adr/0006-restricted-documents.md).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samenspel.accounts.roles import Capability, Role

if TYPE_CHECKING:
    from samenspel.accounts.models import Municipality, User

NOTHING = Q(pk__in=[])
CAPABILITY = Capability.RECEIVE_RESTRICTED_DOCUMENTS
GRANTEE_ROLES = (Role.MAYORS_OFFICE, Role.COORDINATOR)
# A grant is time-limited: at most this far ahead.
MAX_GRANT_DURATION = datetime.timedelta(days=366)


def _model(name: str):
    return apps.get_model("restricted", name)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _scope_q(user, field: str) -> Q:
    """Records whose municipality (the field named) lies in the scope of the user's roles
    that grant the capability."""
    if not _authenticated(user):
        return NOTHING
    condition = NOTHING
    for assignment in user.assignments_with(CAPABILITY):
        if assignment.region_id is not None:
            condition |= Q(**{f"{field}__region_id": assignment.region_id})
        else:
            condition |= Q(**{f"{field}_id": assignment.municipality_id})
    return condition


def registrar_q(user, prefix: str = "") -> Q:
    """Documents the user registered, while they still hold the capability for them."""
    if not _authenticated(user):
        return NOTHING
    return Q(**{f"{prefix}registered_by_id": user.pk}) & _scope_q(user, f"{prefix}municipality")


def current_grant_q(now: datetime.datetime | None = None, prefix: str = "") -> Q:
    return Q(**{f"{prefix}revoked_at__isnull": True, f"{prefix}ends_at__gt": now or timezone.now()})


def grantee_q(user, prefix: str = "", now: datetime.datetime | None = None) -> Q:
    """Documents the user holds a current grant for."""
    if not _authenticated(user):
        return NOTHING
    outer = f"{prefix[:-2]}_id" if prefix else "pk"  # "document__" -> "document_id"
    grants = _model("AccessGrant").objects.filter(current_grant_q(now), grantee_id=user.pk, document_id=OuterRef(outer))
    return Q(Exists(grants))


def document_q(user, prefix: str = "", now: datetime.datetime | None = None) -> Q:
    return registrar_q(user, prefix) | grantee_q(user, prefix, now)


def may_use_area(user) -> bool:
    """Whether the restricted pages and endpoints exist for the user at all."""
    if not _authenticated(user):
        return False
    if user.has_capability(CAPABILITY):
        return True
    return _model("AccessGrant").objects.filter(current_grant_q(), grantee_id=user.pk).exists()


def may_register(user) -> bool:
    return _authenticated(user) and user.has_capability(CAPABILITY)


def registration_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities the user may register restricted documents for."""
    from samenspel.accounts.models import Municipality

    if not may_register(user):
        return Municipality.objects.none()
    condition = NOTHING
    for assignment in user.assignments_with(CAPABILITY):
        if assignment.region_id is not None:
            condition |= Q(region_id=assignment.region_id)
        else:
            condition |= Q(pk=assignment.municipality_id)
    return Municipality.objects.filter(condition).order_by("name")


def may_manage(user, document) -> bool:
    """Grant, revoke and release: the registrar only, while in scope."""
    if not _authenticated(user) or document.registered_by_id != user.pk:
        return False
    return _model("RestrictedDocument").objects.filter(registrar_q(user), pk=document.pk).exists()


def grantable_users(document) -> QuerySet[User]:
    """Active users holding the mayor's-office or coordinator role for the document's
    municipality (directly or through its region), the registrar excepted."""
    from samenspel.accounts.models import User

    municipality = document.municipality
    covers = Q(role_assignments__municipality_id=municipality.pk) | Q(
        role_assignments__region_id=municipality.region_id
    )
    return (
        User.objects.filter(covers, is_active=True, role_assignments__role__in=GRANTEE_ROLES)
        .exclude(pk=document.registered_by_id)
        .distinct()
        .order_by("full_name", "pk")
    )


def linkable_case_q(document_or_municipality) -> Q:
    """Cases a document may be linked to: those of its municipality."""
    municipality_id = getattr(document_or_municipality, "municipality_id", None) or document_or_municipality.pk
    return Q(municipality_id=municipality_id)


def release_meetings_q(municipality) -> Q:
    """Meetings a document of this municipality may be released to: of the municipality or
    of its region."""
    return Q(municipality_id=municipality.pk) | Q(region_id=municipality.region_id)


# Release into minutes, exports and reports -------------------------------------------------


def released_documents(purpose: str, meeting=None) -> QuerySet:
    """The ONLY documents any minutes, export or report may include: those with a recorded
    release decision for that purpose (and, for minutes, that meeting). Without a decision,
    nothing."""
    decisions = _model("ReleaseDecision").objects.filter(document_id=OuterRef("pk"), purpose=purpose)
    if purpose == "minutes":
        if meeting is None:
            return _model("RestrictedDocument").objects.none()
        decisions = decisions.filter(meeting_id=meeting.pk)
    return _model("RestrictedDocument").objects.filter(Exists(decisions))


def may_include(document, purpose: str, meeting=None) -> bool:
    return released_documents(purpose, meeting).filter(pk=document.pk).exists()
