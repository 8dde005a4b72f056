"""The retention policy: how long each kind of record is kept, and from when. The one place
that says so (docs/domain/retention.md has the same table).

A period counts from the day a record was closed: a signal from its closing decision, a case
from the day it was closed (after any aftercare), an audit entry from the day it was written.
A record closed on day D with a period of N months expires on D + N months: the run of that
day deletes it, the run of the day before keeps it. A municipality may shorten the periods of
signals and cases (RetentionOverride), never lengthen them beyond the default; the audit log's
period is the installation's and cannot be shortened (NEN 7513 asks five years).
"""

from __future__ import annotations

import calendar
import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.intake.workflow import SignalStatus


class RecordType(models.TextChoices):
    SIGNAL_NO_CONCERN = "signal_no_concern", _("Melding gesloten als geen zorg")
    SIGNAL_CLOSED = "signal_closed", _("Melding met een ander besluit (doorverwezen, overgedragen aan politie)")
    CASE = "case", _("Afgesloten casus")
    AUDIT_ENTRY = "audit_entry", _("Logregel in het auditlog")


# The default periods in months. The defaults are also the maximum.
DEFAULT_MONTHS: dict[str, int] = {
    RecordType.SIGNAL_NO_CONCERN: 12,
    RecordType.SIGNAL_CLOSED: 24,
    RecordType.CASE: 60,
    RecordType.AUDIT_ENTRY: 60,
}
# What happens when the period ends.
EFFECT: dict[str, str] = {
    RecordType.SIGNAL_NO_CONCERN: _("verwijderd"),
    RecordType.SIGNAL_CLOSED: _("verwijderd"),
    RecordType.CASE: _("verwijderd"),
    RecordType.AUDIT_ENTRY: _("gepseudonimiseerd"),
}
# The record types a municipality may shorten; the audit log is one for the installation.
SHORTENABLE = (RecordType.SIGNAL_NO_CONCERN, RecordType.SIGNAL_CLOSED, RecordType.CASE)
MIN_MONTHS = 1

# The final signal statuses each signal record type covers. A signal that became a case
# (status "case") is kept and deleted with its case.
SIGNAL_STATUSES: dict[str, tuple[str, ...]] = {
    RecordType.SIGNAL_NO_CONCERN: (SignalStatus.CLOSED_NO_CONCERN,),
    RecordType.SIGNAL_CLOSED: (SignalStatus.REFERRED, SignalStatus.HANDED_TO_POLICE),
}


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of that month when it is shorter)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_bound(today: datetime.date, months: int) -> datetime.datetime:
    """Records closed before this moment have expired on `today`: the start of the day after
    the last expired closing day (today minus the period), in the installation's time zone."""
    last_expired_day = months_before(today, months)
    start = datetime.datetime.combine(last_expired_day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start)


def expires_on(closed_on: datetime.date, months: int) -> datetime.date:
    """The day the run deletes a record closed on `closed_on`."""
    index = closed_on.year * 12 + (closed_on.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(closed_on.day, calendar.monthrange(year, month)[1])
    candidate = datetime.date(year, month, day)
    # months_before() clamps to the month's end; the first day it reaches closed_on is the day.
    while months_before(candidate, months) < closed_on:
        candidate += datetime.timedelta(days=1)
    return candidate


class Periods:
    """The periods in force, per municipality and record type: the default unless the
    municipality shortened it. Reads the (small) override table once."""

    def __init__(self) -> None:
        from samenspel.retention.models import RetentionOverride

        self._overrides = {
            (municipality_id, record_type): months
            for municipality_id, record_type, months in RetentionOverride.objects.values_list(
                "municipality_id", "record_type", "months"
            )
        }

    def months(self, record_type: str, municipality_id: int | None = None) -> int:
        default = DEFAULT_MONTHS[record_type]
        if record_type not in SHORTENABLE or municipality_id is None:
            return default
        # Never longer than the default, whatever is stored.
        return min(default, max(MIN_MONTHS, self._overrides.get((municipality_id, record_type), default)))

    def is_shortened(self, record_type: str, municipality_id: int) -> bool:
        return self.months(record_type, municipality_id) < DEFAULT_MONTHS[record_type]
