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
