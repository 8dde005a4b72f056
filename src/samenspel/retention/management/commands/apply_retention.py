"""manage.py apply_retention [--date YYYY-MM-DD] [--dry-run]: delete what has expired.

Run it once a day (cron or a systemd timer, like send_reminders; see docs/domain/retention.md).
Idempotent: a second run the same day finds nothing left. Each run writes a deletion record
(counts only) and one audit entry (retention.run); a dry run changes nothing and writes one
audit entry (retention.preview)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from samenspel.accounts.models import Municipality
from samenspel.audit.context import as_command
from samenspel.audit.services import record
from samenspel.retention import selectors
from samenspel.retention.job import PURPOSE, run_retention


class Command(BaseCommand):
    help = "Delete signals and cases whose retention period has ended, and pseudonymise old audit entries."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Treat this day (YYYY-MM-DD) as today; for catching up or testing.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, **options):
        today = None
        if options["date"] is not None:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2026-03-01.") from None
        with as_command("apply_retention"):
            if options["dry_run"]:
                self._dry_run(today)
                return
            run = run_retention(today)
        summary = ", ".join(f"{key} {number}" for key, number in run.counts.items()) or "nothing"
        self.stdout.write(f"{run.run_date.isoformat()}: deletion run {run.pk}: {summary}.")

    def _dry_run(self, today):
        from django.utils import timezone

        today = today or timezone.localdate()
        everywhere = list(Municipality.objects.values_list("pk", flat=True))
        counts = selectors.counts(everywhere, today)
        record("retention.preview", object_type="deletion_run", purpose=PURPOSE)
        summary = ", ".join(
            f"{kind} {'>' if number > selectors.COUNT_CAP else ''}{min(number, selectors.COUNT_CAP)}"
            for kind, number in counts.items()
        )
        self.stdout.write(f"{today.isoformat()} (dry run, nothing deleted): {summary}.")
