"""The write paths of retention: a municipality's shortened periods and legal holds. Only
privacy officers (MANAGE_RETENTION) within their municipalities; every change is audited in
the same transaction. The deletion job itself is in job.py."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, Subject
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotVisible
from samenspel.intake.models import Signal
from samenspel.retention.models import REASON_MAX_LENGTH, HoldTarget, LegalHold, RetentionOverride
from samenspel.retention.policy import DEFAULT_MONTHS, MIN_MONTHS, SHORTENABLE
from samenspel.retention.querysets import municipality_ids_in_scope

PURPOSE = "retention"
# A hold longer than this is a typo rather than a decision.
HOLD_MAX_YEARS = 20


def _reason(reason: object) -> str:
    text = (reason or "").strip() if isinstance(reason, str) else ""
    if not text:
        raise ValidationError({"reason": _("Geef een onderbouwing.")})
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Houd de onderbouwing korter dan %(max)s tekens.") % {"max": REASON_MAX_LENGTH}}
        )
    return text


@transaction.atomic
def set_period(
    actor: User, *, municipality_id: int, record_type: str, months: int, reason: str
) -> RetentionOverride | None:
    """Shorten a record type's period for a municipality, or (months equal to the default)
    go back to the default. Never longer than the default."""
    role = require_capability(actor, Capability.MANAGE_RETENTION, "retention_period.set")
    if municipality_id not in municipality_ids_in_scope(actor):
        raise NotVisible("retention_period.set", object_type="municipality", object_id=municipality_id)
    if record_type not in SHORTENABLE:
        raise ValidationError({"record_type": _("Deze bewaartermijn kan een gemeente niet aanpassen.")})
    default = DEFAULT_MONTHS[record_type]
    if not isinstance(months, int) or isinstance(months, bool) or not MIN_MONTHS <= months <= default:
        raise ValidationError(
            {
                "months": _("Kies een termijn van %(min)s tot en met %(max)s maanden (de standaardtermijn).")
                % {"min": MIN_MONTHS, "max": default}
            }
        )
    reason = _reason(reason)
    existing = (
        RetentionOverride.objects.select_for_update()
        .filter(municipality_id=municipality_id, record_type=record_type)
        .first()
    )
    if months == default:
        if existing is not None:
            pk = existing.pk
            existing.delete()
            record(
                "retention_period.reset",
                object_type="retention_override",
                object_id=pk,
                purpose=PURPOSE,
                actor=actor,
                role=role,
            )
        return None
    override = existing or RetentionOverride(municipality_id=municipality_id, record_type=record_type)
    override.months = months
    override.reason = reason
    override.changed_by = actor
    override.changed_at = timezone.now()
    override.full_clean()
    override.save()
    record(
        "retention_period.set",
        object_type="retention_override",
        object_id=override.pk,
        purpose=PURPOSE,
        actor=actor,
        role=role,
    )
    return override


def _target(actor: User, target_type: str, target_id: int):
    """The record to hold, locked (so a running deletion batch and a new hold never cross),
    with the municipality in the actor's scope that manages the hold. Outside the scope a
    record does not exist, as far as the form tells."""
    scope = municipality_ids_in_scope(actor)
    missing = ValidationError({"target_id": _("Er is geen gegeven van deze soort met dit nummer in uw gemeente.")})
    if target_type == HoldTarget.SIGNAL:
        target = Signal.objects.select_for_update().filter(pk=target_id, municipality_id__in=scope).first()
        if target is None:
            raise missing
        return target, target.municipality_id
    if target_type == HoldTarget.CASE:
        target = Case.objects.select_for_update().filter(pk=target_id, municipality_id__in=scope).first()
        if target is None:
            raise missing
        return target, target.municipality_id
    if target_type == HoldTarget.SUBJECT:
        target = Subject.objects.select_for_update().filter(pk=target_id).first()
        if target is None:
            raise missing
        municipality_id = (
            Case.objects.filter(subject=target, municipality_id__in=scope)
            .values_list("municipality_id", flat=True)
            .first()
            or Signal.objects.filter(subject=target, municipality_id__in=scope)
            .values_list("municipality_id", flat=True)
            .first()
        )
        if municipality_id is None:
            raise missing
        return target, municipality_id
    raise ValidationError({"target_type": _("Kies wat u wilt bewaren.")})


@transaction.atomic
def place_hold(actor: User, *, target_type: str, target_id: int, reason: str, ends_on: datetime.date) -> LegalHold:
    role = require_capability(actor, Capability.MANAGE_RETENTION, "legal_hold.place")
    if not isinstance(target_id, int) or isinstance(target_id, bool) or not 0 < target_id < 2**63:
        raise ValidationError({"target_id": _("Vul een nummer in.")})
    reason = _reason(reason)
    today = timezone.localdate()
    if not isinstance(ends_on, datetime.date) or ends_on < today:
        raise ValidationError({"ends_on": _("Kies een einddatum vandaag of later.")})
    if ends_on > today + datetime.timedelta(days=366 * HOLD_MAX_YEARS):
        raise ValidationError(
            {"ends_on": _("Een bewaarplicht duurt hoogstens %(years)s jaar.") % {"years": HOLD_MAX_YEARS}}
        )
    target, municipality_id = _target(actor, target_type, target_id)
    hold = LegalHold(
        target_type=target_type,
        municipality_id=municipality_id,
        reason=reason,
        ends_on=ends_on,
        placed_by=actor,
        **{target_type: target},
    )
    hold.full_clean()
    hold.save()
    subject_id = target.pk if target_type == HoldTarget.SUBJECT else (target.subject_id or "")
    record(
        "legal_hold.place",
        object_type="legal_hold",
        object_id=hold.pk,
        subject_id=subject_id,
        purpose=PURPOSE,
        actor=actor,
        role=role,
    )
    return hold


@transaction.atomic
def lift_hold(actor: User, hold: LegalHold) -> LegalHold:
    """End a hold before its end date. The record then follows its period again."""
    role = require_capability(actor, Capability.MANAGE_RETENTION, "legal_hold.lift")
    hold = LegalHold.objects.visible_to(actor).select_for_update().filter(pk=hold.pk).first()
    if hold is None:
        raise NotVisible("legal_hold.lift", object_type="legal_hold")
    if hold.lifted_at is not None:
        raise ValidationError(_("Deze bewaarplicht is al opgeheven."))
    hold.lifted_at = timezone.now()
    hold.lifted_by = actor
    hold.save(update_fields=["lifted_at", "lifted_by"])
    record(
        "legal_hold.lift",
        object_type="legal_hold",
        object_id=hold.pk,
        subject_id=_hold_subject(hold),
        purpose=PURPOSE,
        actor=actor,
        role=role,
    )
    return hold


def _hold_subject(hold: LegalHold) -> object:
    if hold.subject_id:
        return hold.subject_id
    if hold.case_id:
        return Case.objects.filter(pk=hold.case_id).values_list("subject_id", flat=True).first() or ""
    return Signal.objects.filter(pk=hold.signal_id).values_list("subject_id", flat=True).first() or ""
