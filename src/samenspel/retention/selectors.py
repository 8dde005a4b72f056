"""What has expired: the records the next retention run deletes, per municipality and record
type, leaving out everything under an active legal hold. Shared by the job (job.py) and the
privacy officer's dry-run page, so the page shows exactly what the run would do."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import Case
from samenspel.cases.workflow import Phase
from samenspel.intake.models import Signal, SignalTransition
from samenspel.retention.models import LegalHold
from samenspel.retention.policy import DEFAULT_MONTHS, SIGNAL_STATUSES, Periods, RecordType, expiry_bound


def _held(today: datetime.date, **target) -> Exists:
    return Exists(LegalHold.objects.active(today).filter(**target))


def expired_signals(record_type: str, municipality_id: int, today: datetime.date, periods: Periods) -> QuerySet[Signal]:
    """Closed signals of one municipality whose period has ended and that no hold keeps. A
    signal that became a case is not here: it goes with its case."""
    bound = expiry_bound(today, periods.months(record_type, municipality_id))
    closing = SignalTransition.objects.filter(signal=OuterRef("pk"), to_status=OuterRef("status"))
    return (
        Signal.objects.filter(
            municipality_id=municipality_id, status__in=SIGNAL_STATUSES[record_type], case__isnull=True
        )
        .filter(Exists(closing.filter(at__lt=bound)))
        .exclude(_held(today, signal=OuterRef("pk")))
        .exclude(Q(subject__isnull=False) & _held(today, subject=OuterRef("subject_id")))
    )


def signal_closed_at() -> Subquery:
    closing = SignalTransition.objects.filter(signal=OuterRef("pk"), to_status=OuterRef("status"))
    return Subquery(closing.order_by("-at").values("at")[:1])


def expired_cases(municipality_id: int, today: datetime.date, periods: Periods) -> QuerySet[Case]:
    """Closed cases (after any aftercare: closed_at is set when it ends) of one municipality
    whose period has ended and that no hold keeps."""
    bound = expiry_bound(today, periods.months(RecordType.CASE, municipality_id))
    return (
        Case.objects.filter(municipality_id=municipality_id, phase=Phase.CLOSED, closed_at__lt=bound)
        .exclude(_held(today, case=OuterRef("pk")))
        .exclude(_held(today, subject=OuterRef("subject_id")))
    )


def identified_audit_entries(today: datetime.date) -> QuerySet[AuditEntry]:
    """Audit entries older than their period that still carry an identifying field."""
    bound = expiry_bound(today, DEFAULT_MONTHS[RecordType.AUDIT_ENTRY])
    return AuditEntry.objects.filter(timestamp__lt=bound).filter(
        Q(pseudonymised_at__isnull=True)
        | Q(actor_id__isnull=False)
        | ~Q(actor_label="")
        | ~Q(subject_id="")
        | Q(source_address__isnull=False)
    )


def id_batches(queryset, batch_size: int) -> Iterator[list[int]]:
    """The ids of a queryset in ascending chunks (keyset: no OFFSET, no COUNT, constant
    memory). Re-evaluated per chunk, so rows deleted meanwhile are simply gone."""
    last = 0
    while True:
        ids = list(queryset().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return
        yield ids
        last = ids[-1]


# The dry run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    record_type: str
    record_id: int
    municipality_id: int
    closed_at: datetime.datetime


PREVIEW_TYPES = (RecordType.SIGNAL_NO_CONCERN, RecordType.SIGNAL_CLOSED, RecordType.CASE)


def candidates(
    record_type: str, municipality_ids: list[int], today: datetime.date, *, after: int = 0, limit: int = 50
) -> list[Candidate]:
    """One page of what the next run deletes, ids ascending from `after`: ids, dates and the
    municipality only, never a name. Reads limit rows per municipality at most."""
    periods = Periods()
    found: list[Candidate] = []
    for municipality_id in municipality_ids:
        if record_type == RecordType.CASE:
            rows = (
                expired_cases(municipality_id, today, periods)
                .filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", "closed_at")[:limit]
            )
        else:
            rows = (
                expired_signals(record_type, municipality_id, today, periods)
                .filter(pk__gt=after)
                .annotate(closed=signal_closed_at())
                .order_by("pk")
                .values_list("pk", "closed")[:limit]
            )
        found.extend(Candidate(record_type, pk, municipality_id, closed) for pk, closed in rows)
    found.sort(key=lambda candidate: candidate.record_id)
    return found[:limit]


COUNT_CAP = 10_000


def capped_count(queryset, cap: int = COUNT_CAP) -> int:
    """How many, counted up to cap + 1 (a LIMITed count, never a full COUNT of a big table)."""
    return queryset.order_by()[: cap + 1].count()


def counts(municipality_ids: list[int], today: datetime.date) -> dict[str, int]:
    periods = Periods()
    result = dict.fromkeys(PREVIEW_TYPES, 0)
    for municipality_id in municipality_ids:
        for record_type in SIGNAL_STATUSES:
            result[record_type] += capped_count(expired_signals(record_type, municipality_id, today, periods))
        result[RecordType.CASE] += capped_count(expired_cases(municipality_id, today, periods))
    result[RecordType.AUDIT_ENTRY] = capped_count(identified_audit_entries(today))
    return result
