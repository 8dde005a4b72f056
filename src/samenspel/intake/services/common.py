"""Fetching a signal for a write, and the checks every triage write shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samenspel.cases.services.common import PURPOSE_TRIAGE
from samenspel.core.exceptions import NotVisible
from samenspel.intake import attachments, workflow
from samenspel.intake.models import Signal


def lock_triageable(actor, signal: Signal, action: str) -> Signal:
    """The signal, locked, if the actor triages it; otherwise a 404 (a reporter has no
    capability to triage and is refused with a 403 before this)."""
    locked = Signal.objects.triageable_by(actor).select_for_update(of=("self",)).filter(pk=signal.pk).first()
    if locked is None:
        raise NotVisible(action, object_type="signal", object_id=signal.pk, purpose=PURPOSE_TRIAGE)
    return locked


def ensure_signal_open(signal: Signal) -> None:
    if signal.status not in workflow.OPEN_STATUSES:
        raise ValidationError({"status": _("Deze melding is afgehandeld; er kan niets meer aan worden toegevoegd.")})


def start_if_new(signal: Signal, actor) -> None:
    """Working on a new signal (a note, a request) takes it into triage."""
    if signal.status == workflow.SignalStatus.NEW:
        workflow.transition(signal, workflow.SignalStatus.IN_TRIAGE, actor)


@contextlib.contextmanager
def removing_files_on_failure() -> Iterator[list[str]]:
    """Files written inside the block are deleted again if the block fails, so a refused or
    failed write leaves no orphan on disk. (A rollback by an outer caller after the block
    succeeded is not seen here.)"""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            attachments.delete_stored(name)
        raise
