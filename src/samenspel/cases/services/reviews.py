"""Follow-up: reviews of a case (the professionals' judgement of the trend, in words) and its
next review date. Every open case has one; a returnee case is reviewed at least every
SAMENSPEL_RETURNEE_REVIEW_WEEKS weeks, and a new case's first review falls within that
period too."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenspel.accounts.models import User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, CaseReview, Trend
from samenspel.cases.services import inputs
from samenspel.cases.services.common import PURPOSE_CASE_WORK, Errors
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.core.access import require_capability

# However far ahead a coordinator plans, a case is looked at again within a year.
LONGEST_REVIEW_INTERVAL = datetime.timedelta(days=366)


def review_norm_weeks() -> int:
    return settings.SAMENSPEL_RETURNEE_REVIEW_WEEKS


def first_review_date(today: datetime.date | None = None) -> datetime.date:
    """The next review date of a newly opened or reopened case: within the norm."""
    return (today or timezone.localdate()) + datetime.timedelta(weeks=review_norm_weeks())


def latest_allowed_review(case: Case, today: datetime.date | None = None) -> datetime.date:
    """The latest next review date the case may have: the norm for returnees, a year for
    others."""
    today = today or timezone.localdate()
    if case.is_returnee:
        return first_review_date(today)
    return today + LONGEST_REVIEW_INTERVAL


def check_next_review(errors: Errors, field: str, case: Case, value: Any) -> datetime.date | None:
    """A next review date after today and no later than the case allows."""
    next_review = inputs.date(errors, field, value)
    if next_review is None:
        return None
    today = timezone.localdate()
    latest = latest_allowed_review(case, today)
    if next_review <= today:
        errors.add(field, _("Kies een datum na vandaag."))
    elif next_review > latest and case.is_returnee:
        errors.add(
            field,
            _("Een terugkeerder wordt ten minste elke %(weeks)s weken besproken: kies uiterlijk %(date)s.")
            % {"weeks": review_norm_weeks(), "date": date_format(latest, "j F Y")},
        )
    elif next_review > latest:
        errors.add(field, _("Kies een datum binnen een jaar: een open casus wordt minstens jaarlijks besproken."))
    return next_review


def _audit(action: str, object_type: str, obj: Any, case: Case, actor: User, role: str) -> None:
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
def record_review(
    actor: User,
    case: Case,
    *,
    trend: str,
    reason: str,
    next_review_date: datetime.date,
    review_date: datetime.date | None = None,
) -> CaseReview:
    """Record a review held on `review_date` (default today; not in the future, not before the
    case was opened): the professionals' judgement of the trend (better, unchanged, worse)
    with a short reason, and the next review date, which becomes the case's. The directing
    coordinator records it, on behalf of the professionals who discussed the case."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.review_add")
    case = lock_directed_case(actor, case, "case.review_add")
    ensure_case_open(case)
    errors = Errors()
    today = timezone.localdate()
    held = inputs.date(errors, "review_date", review_date, required=False) if review_date is not None else today
    if held is not None and held > today:
        errors.add("review_date", _("Een bespreking die nog moet komen, kunt u niet vastleggen."))
    elif held is not None and held < timezone.localdate(case.opened_at):
        errors.add("review_date", _("Deze datum ligt vóór de opening van de casus."))
    review = CaseReview(
        case=case,
        review_date=held,
        trend=inputs.choice(errors, "trend", trend, Trend),
        reason=inputs.text(errors, "reason", reason),
        next_review_date=check_next_review(errors, "next_review_date", case, next_review_date),
        author=actor,
        author_organisation=actor.organisation,
    )
    inputs.clean(
        errors, review, exclude=["case", "author", "author_organisation", "review_date", "next_review_date", "trend"]
    )
    errors.raise_if_any()
    review.save()
    case.next_review_date = review.next_review_date
    case.save(update_fields=["next_review_date"])
    _audit("case.review_add", "case_review", review, case, actor, role)
    return review


@transaction.atomic
def schedule_review(actor: User, case: Case, *, next_review_date: datetime.date) -> Case:
    """Move the case's next review date (without a review), within the same limits."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.review_schedule")
    case = lock_directed_case(actor, case, "case.review_schedule")
    ensure_case_open(case)
    errors = Errors()
    next_review = check_next_review(errors, "next_review_date", case, next_review_date)
    errors.raise_if_any()
    case.next_review_date = next_review
    case.save(update_fields=["next_review_date"])
    _audit("case.review_schedule", "case", case, case, actor, role)
    return case


def clamp_for_returnee(case: Case) -> bool:
    """Bring a returnee case's next review forward to the norm (when a case becomes a
    returnee case). Returns whether the date changed; the caller saves."""
    if not case.is_returnee or case.is_closed:
        return False
    latest = latest_allowed_review(case)
    if case.next_review_date is None or case.next_review_date > latest:
        case.next_review_date = latest
        return True
    return False
