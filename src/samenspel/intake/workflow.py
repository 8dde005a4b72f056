"""The life cycle of a signal: statuses and the transitions allowed between them. Services
move a signal only through `transition()`, which appends a SignalTransition; history is never
edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samenspel.accounts.models import User
    from samenspel.intake.models import Signal, SignalTransition


class SignalStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_TRIAGE = "in_triage", _("In duiding")
    MONITORING = "monitoring", _("Monitoren")
    CLOSED_NO_CONCERN = "closed_no_concern", _("Gesloten: geen zorg")
    REFERRED = "referred", _("Doorverwezen naar reguliere zorg")
    HANDED_TO_POLICE = "handed_to_police", _("Overgedragen aan politie")
    CASE = "case", _("Casus")


S = SignalStatus
# A new signal is taken into triage; triage ends in one decision. A monitored signal comes
# back into triage at its review. The other outcomes are final: a new concern about the same
# person is a new signal.
TRANSITIONS: dict[SignalStatus, frozenset[SignalStatus]] = {
    S.NEW: frozenset({S.IN_TRIAGE}),
    S.IN_TRIAGE: frozenset({S.CLOSED_NO_CONCERN, S.MONITORING, S.REFERRED, S.HANDED_TO_POLICE, S.CASE}),
    S.MONITORING: frozenset({S.IN_TRIAGE}),
    S.CLOSED_NO_CONCERN: frozenset(),
    S.REFERRED: frozenset(),
    S.HANDED_TO_POLICE: frozenset(),
    S.CASE: frozenset(),
}
INITIAL = S.NEW
# Statuses in which a coordinator still works on the signal (notes, requests, decisions).
OPEN_STATUSES = frozenset({S.NEW, S.IN_TRIAGE, S.MONITORING})
# Statuses that count against the deadline for a first assessment.
AWAITING_ASSESSMENT = frozenset({S.NEW, S.IN_TRIAGE})
FINAL_STATUSES = frozenset(status for status, targets in TRANSITIONS.items() if not targets)


class ReporterStatus(models.TextChoices):
    """What a reporter is shown of their signal: that it arrived and whether it is still being
    handled, never which decision was taken (that is triage information)."""

    RECEIVED = "received", _("Ontvangen")
    IN_PROGRESS = "in_progress", _("In behandeling")
    COMPLETED = "completed", _("Afgehandeld")


REPORTER_STATUS: dict[SignalStatus, ReporterStatus] = {
    S.NEW: ReporterStatus.RECEIVED,
    S.IN_TRIAGE: ReporterStatus.IN_PROGRESS,
    S.MONITORING: ReporterStatus.IN_PROGRESS,
    S.CLOSED_NO_CONCERN: ReporterStatus.COMPLETED,
    S.REFERRED: ReporterStatus.COMPLETED,
    S.HANDED_TO_POLICE: ReporterStatus.COMPLETED,
    S.CASE: ReporterStatus.COMPLETED,
}


class IllegalTransition(ValidationError):
    pass


def can_transition(current: str, target: str) -> bool:
    return SignalStatus(target) in TRANSITIONS[SignalStatus(current)]


def transition(signal: Signal, target: str, actor: User | None, reason: str = "") -> SignalTransition:
    """Move a locked signal to the target status and append the change. Services only."""
    from samenspel.intake.models import SignalTransition

    if target not in SignalStatus.values or not can_transition(signal.status, target):
        raise IllegalTransition(
            {
                "status": _('Een melding met status "%(current)s" kan niet naar "%(target)s".')
                % {"current": SignalStatus(signal.status).label, "target": _label(target)}
            },
            code="illegal_transition",
        )
    change = SignalTransition.objects.create(
        signal=signal, from_status=signal.status, to_status=target, actor=actor, reason=reason, at=timezone.now()
    )
    signal.status = target
    signal.save(update_fields=["status"])
    return change


def _label(value: str) -> str:
    return str(SignalStatus(value).label) if value in SignalStatus.values else str(value)
