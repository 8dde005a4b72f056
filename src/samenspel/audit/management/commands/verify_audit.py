from django.core.management.base import BaseCommand, CommandError

from samenspel.audit import context
from samenspel.audit.services import record
from samenspel.audit.verify import verify_all


class Command(BaseCommand):
    help = "Recompute the audit log's hash chains and name the first broken entry of each."

    def handle(self, *args, **options):
        report = verify_all()
        with context.as_command("verify_audit"):
            record("audit.verify", object_type="audit_log")
        if not report.ok:
            for found in report.breaks:
                self.stderr.write(f"Broken: {found}")
            raise CommandError(f"Audit log verification failed ({report.entries} entries read).")
        self.stdout.write(f"Audit log intact: {report.entries} entries verified.")
