"""The norm for a first assessment: a number of working days after a signal arrives
(settings.SAMENSPEL_TRIAGE_NORM_WORKING_DAYS, default 5). Working days are Monday to Friday;
public holidays are not taken out (a holiday calendar can replace `is_working_day`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def triage_deadline_for(received_at: datetime.datetime) -> datetime.date:
    return add_working_days(timezone.localdate(received_at), settings.SAMENSPEL_TRIAGE_NORM_WORKING_DAYS)
