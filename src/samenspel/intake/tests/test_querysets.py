"""The coordinator's inbox: oldest first, deadline from the working-day norm, overdue
marked; monitored signals come back at their review date."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from samenspel.intake.deadlines import add_working_days, triage_deadline_for
from samenspel.intake.models import Signal
from samenspel.testing.factories_cases import SignalFactory

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (datetime.date(2026, 11, 23), 5, datetime.date(2026, 11, 30)),  # Monday -> next Monday
        (datetime.date(2026, 11, 27), 5, datetime.date(2026, 12, 4)),  # Friday -> next Friday
        (datetime.date(2026, 11, 28), 5, datetime.date(2026, 12, 4)),  # Saturday -> Friday
        (datetime.date(2026, 11, 29), 1, datetime.date(2026, 11, 30)),  # Sunday -> Monday
        (datetime.date(2026, 11, 23), 10, datetime.date(2026, 12, 7)),
    ],
)
def test_working_days_skip_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_the_norm_is_configurable(settings):
    received = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM)
    assert triage_deadline_for(received) == datetime.date(2026, 11, 30)
    settings.SAMENSPEL_TRIAGE_NORM_WORKING_DAYS = 2
    assert triage_deadline_for(received) == datetime.date(2026, 11, 25)


def test_the_deadline_counts_from_the_local_date():
    late_sunday_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)  # Monday 00:30 in Amsterdam
    assert triage_deadline_for(late_sunday_utc) == datetime.date(2026, 12, 7)


@pytest.mark.django_db
def test_the_inbox_lists_new_and_in_triage_signals_oldest_first_with_overdue_marked(personas):
    now = timezone.now()
    old = SignalFactory(municipality=personas.municipality, received_at=now - datetime.timedelta(days=20))
    recent = SignalFactory(municipality=personas.municipality, in_triage=True, received_at=now)
    middle = SignalFactory(municipality=personas.municipality, received_at=now - datetime.timedelta(days=3))
    SignalFactory(municipality=personas.municipality, closed=True, received_at=now - datetime.timedelta(days=30))
    SignalFactory(municipality=personas.municipality, monitoring=True)
    inbox = list(Signal.objects.visible_to(personas.coordinator).with_overdue().inbox())
    assert inbox == [old, middle, recent]
    assert [s.is_overdue for s in inbox] == [True, False, False]
    assert list(Signal.objects.overdue()) == [old]


@pytest.mark.django_db
def test_a_signal_becomes_overdue_after_the_deadline(personas):
    signal = SignalFactory(municipality=personas.municipality)
    assert not Signal.objects.overdue().exists()
    with time_machine.travel(signal.triage_deadline + datetime.timedelta(days=1)):
        assert list(Signal.objects.overdue()) == [signal]


@pytest.mark.django_db
def test_reviews_come_due_on_their_date(personas):
    monitored = SignalFactory(municipality=personas.municipality, monitoring=True)
    assert not Signal.objects.reviews_due().exists()
    assert list(Signal.objects.reviews_due(monitored.review_date)) == [monitored]
