"""Transferring a case to another municipality when the person moves. The directing
coordinator asks; a coordinator of the receiving municipality accepts or declines.

What travels on acceptance (the agreement's need-to-know): the case with its history, plan,
reviews, closures and information items move to the new municipality and its coordinator,
who sees the items through the sharing matrix like any coordinator. The case team ends: the
partners of the old municipality lose access at once and the new coordinator forms a new
team. Signals stay with the triage of the municipality that received them. Both sides' steps
are audited with the case's subject."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.accounts.models import Municipality, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import workflow
from samenspel.cases.models import Case, CaseTeamMember, CaseTransfer
from samenspel.cases.services import inputs
from samenspel.cases.services.common import PURPOSE_CASE_WORK, Errors
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.cases.workflow import TransferStatus
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible

TRANSFER_LINKS = (
    "case",
    "from_municipality",
    "to_municipality",
    "requested_by",
    "previous_coordinator",
    "new_coordinator",
    "decided_by",
)


def _audit(action: str, transfer: CaseTransfer, case: Case, actor: User, role: str) -> None:
    record(
        action,
        object_type="case_transfer",
        object_id=transfer.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )


@transaction.atomic
def request_transfer(actor: User, case: Case, *, to_municipality: Municipality, reason: str) -> CaseTransfer:
    """Ask another municipality to take over an open case. One pending request per case."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case_transfer.request")
    case = lock_directed_case(actor, case, "case_transfer.request")
    ensure_case_open(case)
    errors = Errors()
    destination = inputs.instance(
        errors, "to_municipality", to_municipality, Municipality, _("Kies de gemeente waar de casus heen gaat.")
    )
    if destination is not None and destination.pk == case.municipality_id:
        errors.add("to_municipality", _("Kies een andere gemeente dan die van de casus."))
    if CaseTransfer.objects.filter(case=case).pending().exists():
        errors.add("to_municipality", _("Er loopt al een verzoek tot overdracht van deze casus."))
    transfer = CaseTransfer(
        case=case,
        from_municipality_id=case.municipality_id,
        to_municipality=destination,
        reason=inputs.text(errors, "reason", reason),
        requested_by=actor,
        previous_coordinator_id=case.coordinator_id,
    )
    inputs.clean(errors, transfer, exclude=TRANSFER_LINKS)
    errors.raise_if_any()
    transfer.save()
    _audit("case_transfer.request", transfer, case, actor, role)
    return transfer


def _lock_incoming(actor: User, transfer: CaseTransfer, action: str) -> CaseTransfer:
    """The transfer, locked, if the actor may decide on it (a coordinator of the receiving
    municipality). The sending side sees it but may not decide (403); others get a 404."""
    if not isinstance(transfer, CaseTransfer):
        raise TypeError("transfer must be a CaseTransfer")
    locked = CaseTransfer.objects.incoming_for(actor).select_for_update(of=("self",)).filter(pk=transfer.pk).first()
    if locked is None:
        if CaseTransfer.objects.visible_to(actor).filter(pk=transfer.pk).exists():
            raise NotAllowed(action, object_type="case_transfer", object_id=transfer.pk, purpose=PURPOSE_CASE_WORK)
        raise NotVisible(action, object_type="case_transfer", object_id=transfer.pk, purpose=PURPOSE_CASE_WORK)
    return locked


@transaction.atomic
def accept_transfer(
    actor: User, transfer: CaseTransfer, *, coordinator: User | None = None, note: str = ""
) -> CaseTransfer:
    """Take over the case: it moves to the receiving municipality with `coordinator` (default
    the actor; a coordinator of that municipality) directing it, and its team ends."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case_transfer.accept")
    transfer = _lock_incoming(actor, transfer, "case_transfer.accept")
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    workflow.decide_transfer(transfer, TransferStatus.ACCEPTED, actor)
    errors = Errors()
    coordinator = coordinator or actor
    if not isinstance(coordinator, User) or not (
        CaseTransfer.objects.incoming_for(coordinator).filter(pk=transfer.pk).exists()
    ):
        errors.add("coordinator", _("Kies een dossierhouder van de ontvangende gemeente."))
    if case.is_closed:
        errors.add("case", _("Deze casus is intussen afgesloten."))
    elif case.municipality_id != transfer.from_municipality_id:
        errors.add("case", _("Deze casus hoort intussen bij een andere gemeente."))
    elif (
        Case.objects.open()
        .filter(subject_id=case.subject_id, municipality_id=transfer.to_municipality_id)
        .exclude(pk=case.pk)
        .exists()
    ):
        errors.add(
            "case", _("In uw gemeente loopt al een casus voor deze betrokkene; neem contact op met de dossierhouder.")
        )
    transfer.decision_reason = inputs.text(errors, "note", note, required=False)
    inputs.clean(errors, transfer, exclude=TRANSFER_LINKS)
    if errors.has("decision_reason"):
        errors.by_field["note"] = errors.by_field.pop("decision_reason")
    errors.raise_if_any()
    transfer.new_coordinator = coordinator
    transfer.save()
    CaseTeamMember.objects.filter(case=case).delete()
    case.municipality_id = transfer.to_municipality_id
    case.coordinator = coordinator
    case.save(update_fields=["municipality", "coordinator"])
    _audit("case_transfer.accept", transfer, case, actor, role)
    return transfer


@transaction.atomic
def decline_transfer(actor: User, transfer: CaseTransfer, *, reason: str) -> CaseTransfer:
    """Decline the transfer, with a reason; the case stays where it is."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case_transfer.decline")
    transfer = _lock_incoming(actor, transfer, "case_transfer.decline")
    workflow.decide_transfer(transfer, TransferStatus.DECLINED, actor)
    errors = Errors()
    transfer.decision_reason = inputs.text(errors, "reason", reason)
    inputs.clean(errors, transfer, exclude=TRANSFER_LINKS)
    if errors.has("decision_reason"):
        errors.by_field["reason"] = errors.by_field.pop("decision_reason")
    errors.raise_if_any()
    transfer.save()
    _audit("case_transfer.decline", transfer, transfer.case, actor, role)
    return transfer
