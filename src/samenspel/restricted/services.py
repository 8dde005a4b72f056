"""The only write path of restricted documents. Every function is one transaction that checks
the rules in restricted.policy, locks what it changes, writes, and appends its audit entry
in the same transaction. Files are checked and stored by intake.attachments (the same code
the signals' attachments use); a failed write leaves no file behind."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Municipality, User
from samenspel.audit.services import record
from samenspel.cases.models import Case
from samenspel.cases.services.common import Errors, parse_id
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import attachments as files
from samenspel.intake.services.common import removing_files_on_failure
from samenspel.restricted import policy
from samenspel.restricted.models import (
    AccessGrant,
    ReleaseDecision,
    ReleasePurpose,
    RestrictedDocument,
)

PURPOSE = "restricted_document"
OBJECT_TYPE = "restricted_document"


def _audit(action: str, document: RestrictedDocument, actor: User, role: str = "") -> None:
    # No subject_id, on purpose: see restricted.policy and ADR 0006.
    record(action, object_type=OBJECT_TYPE, object_id=document.pk, purpose=PURPOSE, actor=actor, role=role)


def _locked_for_management(actor: User, document: RestrictedDocument | int, action: str) -> RestrictedDocument:
    """The document, locked, for its registrar; 404 for whoever does not see it, 403 for a
    named person who sees it but does not manage it."""
    pk = document.pk if isinstance(document, RestrictedDocument) else parse_id(document)
    locked = (
        RestrictedDocument.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("municipality")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotVisible(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    if not policy.may_manage(actor, locked):
        raise NotAllowed(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    return locked


def _case_in(errors: Errors, municipality: Municipality | None, case: Any) -> Case | None:
    if case in (None, ""):
        return None
    pk = case.pk if isinstance(case, Case) else parse_id(case) if not isinstance(case, bool) else 0
    found = None
    if municipality is not None and pk:
        found = Case.objects.filter(policy.linkable_case_q(municipality), pk=pk).first()
    if found is None:
        errors.add("case", _("Er is geen casus met dit nummer in deze gemeente."))
    return found


@transaction.atomic
def register_document(
    actor: User,
    *,
    municipality: Municipality | None,
    title: str,
    classification: str,
    kind: str,
    received_on: datetime.date | None,
    description: str = "",
    case: Any = None,
    upload: Any = None,
) -> RestrictedDocument:
    """Register a restricted document (and its file) for a municipality of the actor's
    mayor's-office scope. The actor is its registrar and sees it from then on."""
    action = "restricted_document.create"
    if not policy.may_register(actor):
        raise NotVisible(action, object_type=OBJECT_TYPE, purpose=PURPOSE)
    role = require_capability(actor, policy.CAPABILITY, action)
    errors = Errors()
    if (
        not isinstance(municipality, Municipality)
        or not policy.registration_municipalities(actor).filter(pk=municipality.pk).exists()
    ):
        errors.add("municipality", _("Kies een gemeente waarvoor u vertrouwelijke stukken ontvangt."))
        municipality = None
    linked = _case_in(errors, municipality, case)
    document = RestrictedDocument(
        municipality=municipality,
        title=(title or "").strip() if isinstance(title, str) else title,
        classification=classification,
        kind=kind,
        received_on=received_on,
        description=description or "",
        case=linked,
        registered_by=actor,
    )
    errors.clean(document, exclude=["municipality", "case", "registered_by", "stored_name"])
    if isinstance(received_on, datetime.date) and not errors.has("received_on") and received_on > timezone.localdate():
        errors.add("received_on", _("De ontvangstdatum kan niet in de toekomst liggen."))
    if upload is not None:
        try:
            content_type = files.check(upload, field="file")
        except ValidationError as error:
            for message in error.message_dict.get("file", []):
                errors.add("file", message)
    errors.raise_if_any()
    with removing_files_on_failure() as written:
        if upload is not None:
            stored = files.store(upload, content_type)
            written.append(stored.stored_name)
            document.file_name = stored.original_name
            document.stored_name = stored.stored_name
            document.content_type = stored.content_type
            document.size = stored.size
            document.sha256 = stored.sha256
        document.save()
        _audit(action, document, actor, role)
    return document


@transaction.atomic
def grant_access(actor: User, document: RestrictedDocument | int, *, grantee: Any, ends_at: Any) -> AccessGrant:
    """Give one named person access until `ends_at` (in the future, at most
    policy.MAX_GRANT_DURATION ahead). A person with a current grant gets no second one."""
    action = "restricted_document.grant"
    locked = _locked_for_management(actor, document, action)
    errors = Errors()
    person = None
    if isinstance(grantee, User):
        person = policy.grantable_users(locked).filter(pk=grantee.pk).first()
    elif not isinstance(grantee, bool) and grantee is not None:
        person = policy.grantable_users(locked).filter(pk=parse_id(grantee)).first()
    if person is None:
        errors.add("grantee", _("Kies de burgemeester of een dossierhouder van deze gemeente."))
    elif AccessGrant.objects.current().filter(document=locked, grantee=person).exists():
        errors.add("grantee", _("Deze persoon heeft al toegang. Trek die eerst in om een andere einddatum te geven."))
    now = timezone.now()
    if not isinstance(ends_at, datetime.datetime):
        errors.add("ends_at", _("Geef een einddatum en -tijd op."))
    elif ends_at <= now:
        errors.add("ends_at", _("De toegang moet in de toekomst eindigen."))
    elif ends_at > now + policy.MAX_GRANT_DURATION:
        errors.add("ends_at", _("Toegang kan hoogstens een jaar vooruit worden gegeven."))
    errors.raise_if_any()
    grant = AccessGrant.objects.create(document=locked, grantee=person, granted_by=actor, ends_at=ends_at)
    _audit(action, locked, actor)
    return grant


@transaction.atomic
def revoke_access(actor: User, document: RestrictedDocument | int, grant: Any) -> AccessGrant:
    action = "restricted_document.revoke"
    locked = _locked_for_management(actor, document, action)
    pk = grant.pk if isinstance(grant, AccessGrant) else parse_id(grant)
    found = AccessGrant.objects.select_for_update().filter(document=locked, pk=pk).first()
    if found is None:
        raise NotVisible(action, object_type="restricted_document_grant", object_id=pk, purpose=PURPOSE)
    if found.revoked_at is not None:
        raise ValidationError({"grant": _("Deze toegang is al ingetrokken.")})
    found.revoked_at = timezone.now()
    found.revoked_by = actor
    found.save(update_fields=["revoked_at", "revoked_by"])
    _audit(action, locked, actor)
    return found


@transaction.atomic
def record_release(
    actor: User, document: RestrictedDocument | int, *, purpose: Any, reason: Any, meeting: Any = None
) -> ReleaseDecision:
    """Record the decision that lets the document into minutes (of one meeting of its
    municipality or region), an export or a report."""
    from samenspel.meetings.models import Meeting

    action = "restricted_document.release"
    locked = _locked_for_management(actor, document, action)
    errors = Errors()
    found_meeting = None
    if purpose == ReleasePurpose.MINUTES:
        pk = meeting.pk if isinstance(meeting, Meeting) else parse_id(meeting) if meeting not in (None, "") else 0
        if isinstance(meeting, bool):
            pk = 0
        if pk:
            found_meeting = Meeting.objects.filter(policy.release_meetings_q(locked.municipality), pk=pk).first()
        if found_meeting is None:
            errors.add("meeting", _("Geef het nummer van een casusoverleg van deze gemeente of regio."))
    elif meeting not in (None, ""):
        errors.add("meeting", _("Een casusoverleg hoort alleen bij vrijgave voor een verslag."))
    decision = ReleaseDecision(
        document=locked,
        purpose=purpose if isinstance(purpose, str) else "",
        meeting=found_meeting,
        reason=reason.strip() if isinstance(reason, str) else "",
        decided_by=actor,
    )
    errors.clean(decision, exclude=["document", "meeting", "decided_by"])
    errors.raise_if_any()
    decision.save()
    _audit(action, locked, actor)
    return decision
