"""The life cycle of a case: phases and the transitions allowed between them. Services move a
case only through `transition()`, which appends a CasePhaseChange; history is never edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samenspel.accounts.models import User
    from samenspel.cases.models import Case, CasePhaseChange


class Phase(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    ASSESSMENT = "assessment", _("In duiding")
    PLAN = "plan", _("Plan van aanpak")
    EXECUTION = "execution", _("Uitvoering")
    AFTERCARE = "aftercare", _("Nazorg")
    CLOSED = "closed", _("Afgesloten")


# Forward along the chain, back one step where the work needs it (a plan that does not work
# goes back to assessment; relapse in aftercare goes back to execution), and closing from
# any open phase. A closed case stays closed: new concerns open a new case.
TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.REGISTERED: frozenset({Phase.ASSESSMENT, Phase.CLOSED}),
    Phase.ASSESSMENT: frozenset({Phase.PLAN, Phase.CLOSED}),
    Phase.PLAN: frozenset({Phase.EXECUTION, Phase.ASSESSMENT, Phase.CLOSED}),
    Phase.EXECUTION: frozenset({Phase.AFTERCARE, Phase.PLAN, Phase.CLOSED}),
    Phase.AFTERCARE: frozenset({Phase.CLOSED, Phase.EXECUTION}),
    Phase.CLOSED: frozenset(),
}
INITIAL = Phase.REGISTERED
OPEN_PHASES = frozenset(Phase) - {Phase.CLOSED}
_ORDER = list(Phase)


class IllegalTransition(ValidationError):
    pass


def can_transition(current: str, target: str) -> bool:
    return Phase(target) in TRANSITIONS[Phase(current)]


def is_backward(current: str, target: str) -> bool:
    return target != Phase.CLOSED and _ORDER.index(Phase(target)) < _ORDER.index(Phase(current))


def needs_reason(current: str, target: str) -> bool:
    """Closing a case and moving it back need a reason; moving forward does not."""
    return target == Phase.CLOSED or is_backward(current, target)


def transition(case: Case, target: str, actor: User | None, reason: str = "") -> CasePhaseChange:
    """Move a locked case to the target phase and append the change. Called by services only."""
    from samenspel.cases.models import CasePhaseChange

    if target not in Phase.values or not can_transition(case.phase, target):
        raise IllegalTransition(
            {
                "phase": _('Een casus in fase "%(current)s" kan niet naar fase "%(target)s".')
                % {"current": Phase(case.phase).label, "target": _label(target)}
            },
            code="illegal_transition",
        )
    now = timezone.now()
    change = CasePhaseChange.objects.create(
        case=case, from_phase=case.phase, to_phase=target, reason=reason, changed_by=actor, changed_at=now
    )
    case.phase = target
    case.closed_at = now if target == Phase.CLOSED else None
    case.save(update_fields=["phase", "closed_at"])
    return change


def _label(value: str) -> str:
    return str(Phase(value).label) if value in Phase.values else str(value)


# Reopening ----------------------------------------------------------------------------------
# A closed case stays closed for the phase table above. The one way back is reopen(), which
# the closure services call with a recorded CaseReopening: the case goes back to assessment,
# because what happened since closing has to be judged again before any plan.

REOPEN_TRANSITIONS: dict[Phase, frozenset[Phase]] = {Phase.CLOSED: frozenset({Phase.ASSESSMENT})}
REOPEN_TARGET = Phase.ASSESSMENT


def reopen(case: Case, actor: User | None, reason: str) -> CasePhaseChange:
    """Move a locked, closed case back to assessment and append the change. Called by
    cases.services.closure.reopen_case only."""
    from samenspel.cases.models import CasePhaseChange

    if REOPEN_TARGET not in REOPEN_TRANSITIONS.get(Phase(case.phase), frozenset()):
        raise IllegalTransition(
            {"phase": _("Alleen een afgesloten casus kan worden heropend.")}, code="illegal_transition"
        )
    change = CasePhaseChange.objects.create(
        case=case, from_phase=case.phase, to_phase=REOPEN_TARGET, reason=reason, changed_by=actor
    )
    case.phase = REOPEN_TARGET
    case.closed_at = None
    case.save(update_fields=["phase", "closed_at"])
    return change


# Interventions ------------------------------------------------------------------------------


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Loopt")
    COMPLETED = "completed", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


# Planned work starts or is called off; running work is completed or stopped early. An ended
# intervention stays ended: doing it again is a new intervention in the plan.
INTERVENTION_TRANSITIONS: dict[InterventionStatus, frozenset[InterventionStatus]] = {
    InterventionStatus.PLANNED: frozenset({InterventionStatus.RUNNING, InterventionStatus.STOPPED}),
    InterventionStatus.RUNNING: frozenset({InterventionStatus.COMPLETED, InterventionStatus.STOPPED}),
    InterventionStatus.COMPLETED: frozenset(),
    InterventionStatus.STOPPED: frozenset(),
}
INTERVENTION_INITIAL = InterventionStatus.PLANNED
OPEN_INTERVENTION_STATUSES = frozenset({InterventionStatus.PLANNED, InterventionStatus.RUNNING})
ENDED_INTERVENTION_STATUSES = frozenset(InterventionStatus) - OPEN_INTERVENTION_STATUSES


def can_change_intervention(current: str, target: str) -> bool:
    return target in InterventionStatus.values and InterventionStatus(target) in INTERVENTION_TRANSITIONS.get(
        InterventionStatus(current), frozenset()
    )


def ensure_intervention_change(current: str, target: str) -> None:
    """Refuse (IllegalTransition keyed "status") a step outside the intervention table."""
    if not can_change_intervention(current, target):
        raise IllegalTransition(
            {
                "status": _('Een interventie met status "%(current)s" kan niet naar "%(target)s".')
                % {
                    "current": InterventionStatus(current).label,
                    "target": _choice_label(InterventionStatus, target),
                }
            },
            code="illegal_transition",
        )


def change_intervention_status(intervention, target: str, actor: User | None, reason: str = ""):
    """Move a locked intervention to the target status and append the change (an
    InterventionStatusChange). Called by services only."""
    from samenspel.cases.models import InterventionStatusChange

    ensure_intervention_change(intervention.status, target)
    if target in ENDED_INTERVENTION_STATUSES and not intervention.outcome:
        raise ValidationError({"outcome": _("Geef aan in hoeverre het doel is bereikt.")}, code="required")
    if target not in ENDED_INTERVENTION_STATUSES:  # an outcome belongs to the end only
        intervention.outcome = intervention.outcome_text = ""
    change = InterventionStatusChange.objects.create(
        intervention=intervention, from_status=intervention.status, to_status=target, reason=reason, changed_by=actor
    )
    intervention.status = target
    intervention.ended_on = timezone.localdate() if target in ENDED_INTERVENTION_STATUSES else None
    intervention.save(update_fields=["status", "ended_on", "outcome", "outcome_text"])
    return change


# Transfers ----------------------------------------------------------------------------------


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")


# The receiving municipality's coordinator decides once; a declined transfer may be asked
# again as a new request.
TRANSFER_TRANSITIONS: dict[TransferStatus, frozenset[TransferStatus]] = {
    TransferStatus.REQUESTED: frozenset({TransferStatus.ACCEPTED, TransferStatus.DECLINED}),
    TransferStatus.ACCEPTED: frozenset(),
    TransferStatus.DECLINED: frozenset(),
}
TRANSFER_INITIAL = TransferStatus.REQUESTED


def can_change_transfer(current: str, target: str) -> bool:
    return target in TransferStatus.values and TransferStatus(target) in TRANSFER_TRANSITIONS.get(
        TransferStatus(current), frozenset()
    )


def decide_transfer(transfer, target: str, actor: User) -> None:
    """Set a locked transfer's decision (status, decided_by, decided_at). Called by
    cases.services.transfer only; the caller saves."""
    if not can_change_transfer(transfer.status, target):
        raise IllegalTransition(
            {
                "status": _('Over een overdracht met status "%(current)s" is al besloten.')
                % {"current": TransferStatus(transfer.status).label}
            },
            code="illegal_transition",
        )
    transfer.status = target
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else str(value)
