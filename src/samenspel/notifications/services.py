"""The one write path of notifications. The notify_* functions are called by other apps'
services inside their transaction, so a notification exists exactly when the change it is
about committed; the e-mail follows on commit (notifications.mail). A user reads and marks
only their own notifications.

Notifications hold no personal data (a fixed text per kind and a local path with ids), so
reading them and marking them read are not audited; the writes they come with are, and each
run of send_reminders writes one audit entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.core.exceptions import NotVisible
from samenspel.notifications import links, mail, recipients
from samenspel.notifications.models import Notification, NotificationKind

PURPOSE_FOLLOW_UP = "follow_up"

if TYPE_CHECKING:
    from samenspel.intake.models import InformationRequest, Signal
    from samenspel.meetings.models import Action


def _build(recipient: User, kind: str, link: str, reminder_key: str = "") -> Notification:
    if not links.is_local_path(link):
        raise ValidationError({"link": "A notification links to a local path only."})
    return Notification(recipient=recipient, kind=kind, link=link, reminder_key=reminder_key)


def _notify(users: Iterable[User], kind: str, link: str, *, actor: User | None) -> list[Notification]:
    """One notification per user (never the actor, who knows what they just did), and one
    e-mail each after the commit."""
    made = [_build(user, kind, link) for user in users if actor is None or user.pk != actor.pk]
    Notification.objects.bulk_create(made)
    mail.email_after_commit(n.recipient_id for n in made)
    return made


@transaction.atomic
def notify_new_signal(signal: Signal, *, actor: User | None = None) -> list[Notification]:
    """A signal came in (from a professional or a citizen): tell the coordinators who triage it."""
    return _notify(
        recipients.signal_triagers(signal), NotificationKind.NEW_SIGNAL, links.signal_page(signal.pk), actor=actor
    )


@transaction.atomic
def notify_information_request(request: InformationRequest, *, actor: User | None = None) -> list[Notification]:
    """A coordinator asked an organisation: tell the people of it who may answer."""
    return _notify(
        recipients.request_answerers(request),
        NotificationKind.INFORMATION_REQUEST,
        links.information_request_page(request.pk),
        actor=actor,
    )


@transaction.atomic
def notify_action_assigned(
    action: Action, *, actor: User | None = None, previous_owner: tuple[int | None, int | None] | None = None
) -> list[Notification]:
    """An action was agreed, or handed to someone else: tell its owners. With the previous
    (owner organisation id, owner person id), only those who did not own it already."""
    owners = recipients.action_owners(action.owner_organisation_id, action.owner_person_id)
    if previous_owner is not None:
        owners = owners.exclude(pk__in=recipients.action_owners(*previous_owner).values("pk"))
    return _notify(owners, NotificationKind.ACTION_ASSIGNED, links.own_actions(), actor=actor)


# Reading and marking ------------------------------------------------------------------------


@transaction.atomic
def mark_read(user: User, notification_id: object) -> Notification:
    """Mark one of the user's own notifications read; anyone else's does not exist (404)."""
    try:
        pk = int(str(notification_id))
    except ValueError:
        pk = None
    found = Notification.objects.for_user(user).select_for_update().filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotVisible("notification.open", object_type="notification", object_id=notification_id)
    if found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return found


@transaction.atomic
def mark_all_read(user: User) -> int:
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


# Reminders (manage.py send_reminders) ----------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    today: datetime.date
    overdue_actions: int
    overdue_reviews: int
    created: int
    recipients: int


def _remind(made: list[Notification], user: User, kind: str, link: str, key: str, seen: set) -> None:
    if (user.pk, kind, key) in seen:
        return
    notification = _build(user, kind, link, key)
    try:
        with transaction.atomic():  # a concurrent run that got there first is not an error
            notification.save()
    except IntegrityError:
        return
    seen.add((user.pk, kind, key))
    made.append(notification)


@transaction.atomic
def send_overdue_reminders(today: datetime.date | None = None) -> ReminderRun:
    """Remind of every open action past its due date (its owners, the case's coordinator and
    the meeting's chair) and every open case whose review is overdue (its coordinator). Each
    person is reminded once of each overdue thing: the key is the object and its due date,
    so a new due date that passes in turn is reminded of again. Run it daily; a second run
    on the same day adds nothing. One e-mail per person per run."""
    from samenspel.audit import context as audit_context
    from samenspel.audit.services import record
    from samenspel.notifications import selectors

    today = today or timezone.localdate()
    actions = list(selectors.overdue_actions(today))
    cases = list(selectors.overdue_reviews(today))
    keys = [selectors.action_key(a) for a in actions] + [selectors.review_key(c) for c in cases]
    seen = set(Notification.objects.filter(reminder_key__in=keys).values_list("recipient_id", "kind", "reminder_key"))
    made: list[Notification] = []
    for action in actions:
        key = selectors.action_key(action)
        for user, is_owner in recipients.overdue_action_recipients(action):
            link = links.own_actions() if is_owner else links.meeting_page(action.item.meeting_id)
            _remind(made, user, NotificationKind.ACTION_OVERDUE, link, key, seen)
    for case in cases:
        key = selectors.review_key(case)
        for user in recipients.overdue_review_recipients(case):
            _remind(made, user, NotificationKind.REVIEW_OVERDUE, links.case_page(case.pk), key, seen)
    notified = {n.recipient_id for n in made}
    mail.email_after_commit(notified)
    run = ReminderRun(today, len(actions), len(cases), len(made), len(notified))
    with audit_context.purpose(PURPOSE_FOLLOW_UP):
        record("notification.send_reminders", object_type="notification")
    return run
