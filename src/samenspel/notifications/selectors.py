"""Reads for the notification pages and the reminder run. A user's notifications come only
through Notification.objects.for_user; overdue work is what the meetings and cases apps
already call overdue (ActionQuerySet.overdue, CaseQuerySet.review_due), read for everyone at
once because the reminder run acts for nobody in particular."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from samenspel.notifications.models import Notification

LIST_LIMIT = 200
# The header shows at most this many ("99+"): one bounded query, no COUNT(*) on every page.
UNREAD_SHOWN = 99


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.for_user(user).order_by("-created_at", "-pk")


def unread_count_for(user) -> int:
    """How many unread notifications the user has, counted up to UNREAD_SHOWN + 1."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    ids = Notification.objects.for_user(user).unread().order_by().values_list("pk", flat=True)
    return len(ids[: UNREAD_SHOWN + 1])


def unread_label(count: int) -> str:
    return f"{UNREAD_SHOWN}+" if count > UNREAD_SHOWN else str(count)


def overdue_actions(today: datetime.date):
    """Open meeting actions past their due date (meetings' own definition of overdue)."""
    from samenspel.meetings.models import Action

    return (
        Action.objects.overdue(today)
        .select_related("item__case__coordinator", "item__meeting__chair")
        .order_by("due_date", "pk")
    )


def overdue_reviews(today: datetime.date):
    """Open cases whose review is overdue (the cases app's definition: past the review date,
    or none set)."""
    from samenspel.cases.models import Case

    return (
        Case.objects.review_due(today)
        .filter(is_review_overdue=True)
        .select_related("coordinator")
        .order_by("next_review_date", "pk")
    )


def action_key(action) -> str:
    return f"action:{action.pk}:{action.due_date.isoformat()}"


def review_key(case) -> str:
    due = case.next_review_date.isoformat() if case.next_review_date else "none"
    return f"review:{case.pk}:{due}"
