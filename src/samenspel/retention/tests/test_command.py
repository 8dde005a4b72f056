"""manage.py apply_retention: the daily command."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from samenspel.audit.models import AuditEntry
from samenspel.intake.models import Signal
from samenspel.retention.models import DeletionRun
from samenspel.retention.tests.helpers import closed_signal


def test_the_command_deletes_on_the_given_date_and_reports_counts(personas, capsys):
    signal = closed_signal(personas, datetime.date(2025, 3, 10))
    call_command("apply_retention", "--date", "2026-03-09")
    assert Signal.objects.filter(pk=signal.pk).exists()
    call_command("apply_retention", "--date", "2026-03-10")
    assert not Signal.objects.filter(pk=signal.pk).exists()
    out = capsys.readouterr().out
    assert "2026-03-10" in out and "intake.Signal 1" in out
    entry = AuditEntry.objects.filter(action="retention.run").order_by("-id").first()
    assert entry.channel == "command" and entry.actor_label == "apply_retention"
    assert DeletionRun.objects.count() == 2


def test_a_dry_run_deletes_nothing_and_records_no_run(personas, capsys):
    signal = closed_signal(personas, datetime.date(2025, 3, 10))
    call_command("apply_retention", "--date", "2026-03-10", "--dry-run")
    assert Signal.objects.filter(pk=signal.pk).exists()
    assert not DeletionRun.objects.exists()
    assert "signal_no_concern 1" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="retention.preview").count() == 1


@pytest.mark.parametrize("value", ["2026-13-01", "gisteren", "", "2026-02-30"])
def test_a_bad_date_is_refused(db, value):
    with pytest.raises(CommandError, match="--date"):
        call_command("apply_retention", "--date", value)
    assert not DeletionRun.objects.exists()
