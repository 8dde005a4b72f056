"""manage.py send_reminders [--date YYYY-MM-DD]: remind people of overdue actions and reviews.

Run it once a day (cron or a systemd timer; see docs/domain/notifications.md). Idempotent: a
person is reminded of the same overdue thing once, however often it runs. Audited as a
command (notification.send_reminders)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from samenspel.audit.context import as_command
from samenspel.notifications.services import send_overdue_reminders


class Command(BaseCommand):
    help = "Notify owners, coordinators and chairs of overdue actions, and coordinators of overdue reviews."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Treat this day (YYYY-MM-DD) as today; for catching up or testing.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2026-03-01.") from None
        with as_command("send_reminders"):
            run = send_overdue_reminders(today)
        self.stdout.write(
            f"{run.today.isoformat()}: {run.overdue_actions} overdue actions, {run.overdue_reviews} overdue reviews; "
            f"{run.created} new notifications for {run.recipients} people."
        )
