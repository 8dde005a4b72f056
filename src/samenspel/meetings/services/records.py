"""Minutes and decisions per agenda item."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import User
from samenspel.accounts.roles import Capability
from samenspel.cases.services.common import Errors
from samenspel.meetings.models import AgendaItem, MeetingDecision, Minutes, MinutesRevision
from samenspel.meetings.services.common import audit, ensure_not_cancelled, lock_item, role_for


@transaction.atomic
def write_minutes(actor: User, item: AgendaItem, *, text: str, expected_version: int | None = None) -> Minutes:
    """Write the item's minutes (the chair or the directing coordinator, after confirming
    confidentiality). The text replaces the current version; every version is kept as a
    MinutesRevision. Pass the version the writer started from as `expected_version` to
    refuse overwriting someone else's newer text."""
    role_for(actor, "minutes.write", (Capability.READ_CASE_CONTENT,))
    item = lock_item(actor, item, "minutes.write")
    ensure_not_cancelled(item.meeting)
    text = (text or "").strip()
    minutes = Minutes.objects.select_for_update().filter(item=item).first()
    current_version = minutes.version if minutes is not None else 0
    if expected_version is not None and expected_version != current_version:
        raise ValidationError(
            {"text": _("Het verslag is intussen door iemand anders gewijzigd; laad het opnieuw en vul het aan.")}
        )
    if minutes is None:
        minutes = Minutes(item=item, text=text, version=1, updated_by=actor)
    else:
        minutes.text, minutes.version, minutes.updated_by = text, minutes.version + 1, actor
        minutes.updated_at = timezone.now()
    errors = Errors()
    errors.clean(minutes, exclude=["item", "updated_by"])
    errors.raise_if_any()
    minutes.save()
    MinutesRevision.objects.create(minutes=minutes, version=minutes.version, text=text, written_by=actor)
    audit("minutes.write", "minutes", minutes.pk, actor, subject_id=item.case.subject_id)
    return minutes


@transaction.atomic
def record_decision(actor: User, item: AgendaItem, *, text: str) -> MeetingDecision:
    """Record a decision on the item (the chair or the directing coordinator, after
    confirming confidentiality). Decisions are appended, never edited."""
    role_for(actor, "meeting_decision.add", (Capability.READ_CASE_CONTENT,))
    item = lock_item(actor, item, "meeting_decision.add")
    ensure_not_cancelled(item.meeting)
    decision = MeetingDecision(item=item, text=(text or "").strip(), decided_by=actor)
    errors = Errors()
    errors.clean(decision, exclude=["item", "decided_by"])
    errors.raise_if_any()
    decision.save()
    audit("meeting_decision.add", "meeting_decision", decision.pk, actor, subject_id=item.case.subject_id)
    return decision
