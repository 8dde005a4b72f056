"""Closing a case (with a reason, an outcome and optionally an aftercare period), ending the
aftercare, and reopening a closed case. Only the directing coordinator. The phase moves
through cases.workflow: without aftercare straight to "afgesloten" (any open phase may
close), with aftercare from "uitvoering" to "nazorg" and later to "afgesloten"."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import workflow
from samenspel.cases.models import Case, CaseClosure, CaseReopening, ClosureReason
from samenspel.cases.services import inputs
from samenspel.cases.services.common import PURPOSE_CASE_WORK, Errors
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.cases.services.reviews import check_next_review, first_review_date
from samenspel.cases.workflow import Phase
from samenspel.core.access import require_capability

# An aftercare period longer than this is probably a typo.
LONGEST_AFTERCARE = datetime.timedelta(days=3 * 366)


def _audit(action: str, object_type: str, obj, case: Case, actor: User, role: str) -> None:
    record(
        action,
        object_type=object_type,
        object_id=obj.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )


@transaction.atomic
def close_case(
    actor: User,
    case: Case,
    *,
    reason: str,
    outcome: str,
    aftercare_until: datetime.date | None = None,
    aftercare_review_date: datetime.date | None = None,
) -> CaseClosure:
    """Decide to close the case, with a reason (risk_reduced, referred_to_regular_care,
    moved, detention, no_cooperation, other) and the outcome in words.

    Without aftercare the case closes at once. With `aftercare_until` (and
    `aftercare_review_date`, on or before it, which becomes the next review date) the case
    goes from "uitvoering" to "nazorg" (or stays there) and closes with end_aftercare."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.close")
    case = lock_directed_case(actor, case, "case.close")
    ensure_case_open(case)
    if CaseClosure.objects.filter(case=case).pending().exists():
        raise ValidationError({"phase": _("Deze casus is al afgesloten met nazorg; rond de nazorg af.")})
    with_aftercare = aftercare_until not in (None, "") or aftercare_review_date not in (None, "")
    target = Phase.AFTERCARE if with_aftercare else Phase.CLOSED
    if target == Phase.AFTERCARE and case.phase not in (Phase.EXECUTION, Phase.AFTERCARE):
        raise ValidationError(
            {"aftercare_until": _("Nazorg volgt op de uitvoering: sluit deze casus af zonder nazorg.")}
        )
    errors = Errors()
    closure = CaseClosure(
        case=case,
        reason=inputs.choice(errors, "reason", reason, ClosureReason),
        outcome=inputs.text(errors, "outcome", outcome),
        decided_by=actor,
    )
    if with_aftercare:
        today = timezone.localdate()
        until = inputs.date(errors, "aftercare_until", aftercare_until)
        review = check_next_review(errors, "aftercare_review_date", case, aftercare_review_date)
        if until is not None and until <= today:
            errors.add("aftercare_until", _("Kies een datum na vandaag."))
        elif until is not None and until - today > LONGEST_AFTERCARE:
            errors.add("aftercare_until", _("Controleer deze datum: de nazorg duurt langer dan drie jaar."))
        if until is not None and review is not None and review > until:
            errors.add("aftercare_review_date", _("De evaluatie van de nazorg valt binnen de nazorgperiode."))
        closure.aftercare_until, closure.aftercare_review_date = until, review
    inputs.clean(errors, closure, exclude=["case", "decided_by", "reason", "aftercare_until", "aftercare_review_date"])
    errors.raise_if_any()
    if case.phase != target:
        workflow.transition(case, target, actor, str(ClosureReason(closure.reason).label))
    if target == Phase.CLOSED:
        closure.closed_at = case.closed_at
    closure.save()
    case.next_review_date = closure.aftercare_review_date
    case.save(update_fields=["next_review_date"])
    _audit("case.close", "case_closure", closure, case, actor, role)
    return closure


@transaction.atomic
def end_aftercare(actor: User, case: Case, *, note: str = "") -> CaseClosure:
    """End the aftercare of a case closed with aftercare: the case goes to "afgesloten"."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.aftercare_end")
    case = lock_directed_case(actor, case, "case.aftercare_end")
    closure = CaseClosure.objects.select_for_update().filter(case=case).pending().first()
    if case.phase != Phase.AFTERCARE or closure is None:
        raise ValidationError({"phase": _("Deze casus heeft geen lopende nazorg om af te ronden.")})
    errors = Errors()
    note = inputs.text(errors, "note", note, required=False) or _("Nazorg afgerond.")
    inputs.clean(
        errors, case.phase_changes.model(case=case, to_phase=Phase.CLOSED, reason=note), exclude=["changed_by"]
    )
    if errors.has("reason"):
        errors.by_field["note"] = errors.by_field.pop("reason")
    errors.raise_if_any()
    workflow.transition(case, Phase.CLOSED, actor, note)
    closure.closed_at = case.closed_at
    closure.save(update_fields=["closed_at"])
    case.next_review_date = None
    case.save(update_fields=["next_review_date"])
    _audit("case.aftercare_end", "case_closure", closure, case, actor, role)
    return closure


@transaction.atomic
def reopen_case(actor: User, case: Case, *, reason: str) -> CaseReopening:
    """Take a closed case up again, with a reason: it goes back to "in duiding" with a next
    review within the norm. Refused while the subject has another open case in the same
    municipality (add to that one)."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.reopen")
    case = lock_directed_case(actor, case, "case.reopen")
    if case.phase != Phase.CLOSED:
        raise ValidationError({"phase": _("Alleen een afgesloten casus kan worden heropend.")})
    errors = Errors()
    reopening = CaseReopening(
        case=case,
        closure=CaseClosure.objects.filter(case=case, closed_at__isnull=False).first(),
        reason=inputs.text(errors, "reason", reason),
        reopened_by=actor,
    )
    inputs.clean(errors, reopening, exclude=["case", "closure", "reopened_by"])
    if (
        Case.objects.open()
        .filter(subject_id=case.subject_id, municipality_id=case.municipality_id)
        .exclude(pk=case.pk)
        .exists()
    ):
        errors.add("reason", _("Er loopt al een andere casus voor deze betrokkene in deze gemeente; vul die aan."))
    errors.raise_if_any()
    reopening.save()
    workflow.reopen(case, actor, reopening.reason)
    case.next_review_date = first_review_date()
    case.save(update_fields=["next_review_date"])
    _audit("case.reopen", "case_reopening", reopening, case, actor, role)
    return reopening


def after_phase_change(case: Case, from_phase: str, to_phase: str, actor: User, reason: str) -> None:
    """Keep closures in step when cases.services.change_phase moves a case (its one audit
    entry covers this): closing there completes a pending closure, or records one with
    reason "other" and the given reason as outcome, so every closed case has a closure;
    going back from aftercare to execution withdraws the pending closure."""
    pending = CaseClosure.objects.select_for_update().filter(case=case).pending().first()
    if to_phase == Phase.CLOSED:
        if pending is None:
            CaseClosure.objects.create(
                case=case, reason=ClosureReason.OTHER, outcome=reason, decided_by=actor, closed_at=case.closed_at
            )
        else:
            pending.closed_at = case.closed_at
            pending.save(update_fields=["closed_at"])
        case.next_review_date = None
        case.save(update_fields=["next_review_date"])
    elif from_phase == Phase.AFTERCARE and pending is not None:
        pending.withdrawn_at = timezone.now()
        pending.save(update_fields=["withdrawn_at"])
