"""What the start page shows of signals and information requests: numbers, dates and
statuses, never a name (so the start page is no look at personal data and writes no audit
entry). Wired into core.start_sections."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samenspel.intake import selectors
from samenspel.intake.models import Signal
from samenspel.intake.workflow import SignalStatus

START_ROWS = 5


def coordinator_signals(request) -> dict[str, Any]:
    """The oldest signals awaiting a first assessment, and the monitored ones due for review."""
    user = request.user
    inbox = list(selectors.signal_inbox(user)[: START_ROWS + 1])
    reviews = list(
        Signal.objects.triageable_by(user)
        .reviews_due()
        .filter(status=SignalStatus.MONITORING)
        .only("pk", "review_date")
        .order_by("review_date", "pk")[:START_ROWS]
    )
    return {
        "signals_to_triage": inbox[:START_ROWS],
        "more_signals_to_triage": len(inbox) > START_ROWS,
        "reviews_due": reviews,
        "today": timezone.localdate(),
    }


def partner_signals(request) -> dict[str, Any]:
    """The reporter's newest signals (reporter-facing status) and the open information
    requests addressed to their organisation."""
    user = request.user
    mine = list(selectors.signals_reported_by(user)[:START_ROWS])
    requests = list(selectors.requests_to_answer(user)[: START_ROWS + 1])
    return {
        "my_signals": mine,
        "open_requests": requests[:START_ROWS],
        "more_open_requests": len(requests) > START_ROWS,
    }
