from django.core.management.base import BaseCommand, CommandError

from samenspel.audit import context
from samenspel.audit.models import AuditChainHead
from samenspel.audit.services import record
from samenspel.audit.verify import verify_all


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


class Command(BaseCommand):
    help = "Recompute the audit log's hash chains and name the first broken entry of each."

    def handle(self, *args, **options):
        report = verify_all()
        with context.as_command("verify_audit"):
            record("audit.verify", object_type="audit_log")
        if options["verbosity"] >= 2:
            # The heads, to compare with a copy kept elsewhere (e.g. in a daily report).
            for head in AuditChainHead.objects.order_by("chain"):
                self.stdout.write(f"chain {head.chain}: position {head.seq}, hash {head.last_hash}")
        if not report.ok:
            for found in report.breaks:
                self.stderr.write(f"Broken: {found}")
            raise CommandError(f"Audit log verification failed ({_entries(report.entries)} read).")
        self.stdout.write(f"Audit log intact: {_entries(report.entries)} verified.")
