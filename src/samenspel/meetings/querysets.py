"""Reads of the case conference, already filtered for the user asking. `visible_to(user)` is
the only way views, the API and services fetch these records; the rules are in
sharing.policy (the meeting section)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.sharing import policy


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings the user runs, is invited to, or (coordinators) that lie in or around
        their scope. Header only: the agenda needs a confidentiality confirmation."""
        return self.filter(policy.meeting_q(user))

    def managed_by(self, user) -> MeetingQuerySet:
        return self.filter(policy.meeting_manager_q(user))

    def attended_by(self, user) -> MeetingQuerySet:
        return self.filter(policy.meeting_attendee_q(user))

    def confirmed_by(self, user) -> MeetingQuerySet:
        return self.filter(policy.confirmed_q(user))

    def planned(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.PLANNED)

    def upcoming(self, now: datetime.datetime | None = None) -> MeetingQuerySet:
        """Planned meetings from now on, soonest first."""
        return self.planned().filter(starts_at__gte=now or timezone.now()).order_by("starts_at", "pk")


class MeetingStatusChangeQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingStatusChangeQuerySet:
        return self.filter(policy.meeting_q(user, "meeting__"))


class MeetingInvitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingInvitationQuerySet:
        return self.filter(policy.meeting_q(user, "meeting__"))


class ConfidentialityConfirmationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConfidentialityConfirmationQuerySet:
        """The user's own confirmations, and all confirmations of meetings they run."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(user_id=user.pk) | policy.meeting_manager_q(user, "meeting__"))


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgendaItemQuerySet:
        """Items of meetings whose agenda the user may open (confirmed). What the user sees of
        each item: selectors.agenda_item_view."""
        return self.filter(policy.agenda_item_q(user))

    def participated_by(self, user) -> AgendaItemQuerySet:
        """Items whose discussion the user takes part in (chair, team, directing coordinator)."""
        return self.filter(policy.item_participant_q(user))

    def managed_by(self, user) -> AgendaItemQuerySet:
        return self.filter(policy.item_manager_q(user))


class MinutesQuerySet(models.QuerySet):
    def visible_to(self, user) -> MinutesQuerySet:
        return self.filter(policy.minutes_q(user, "item__"))


class MinutesRevisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> MinutesRevisionQuerySet:
        return self.filter(policy.minutes_q(user, "minutes__item__"))


class MeetingDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingDecisionQuerySet:
        return self.filter(policy.minutes_q(user, "item__"))


class DisclosureDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> DisclosureDecisionQuerySet:
        return self.filter(policy.disclosure_q(user, "item__"))


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ActionQuerySet:
        return self.filter(policy.action_q(user))

    def owned_by(self, user) -> ActionQuerySet:
        """Assigned to the user, or to their organisation without a named person."""
        return self.filter(policy.action_owner_q(user))

    def open(self) -> ActionQuerySet:
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        """Open and past the due date."""
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def with_overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        """Annotates `is_overdue` (open and past due)."""
        return self.annotate(
            is_overdue=Case(
                When(status=ActionStatus.OPEN, due_date__lt=today or timezone.localdate(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )


class ActionStatusChangeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ActionStatusChangeQuerySet:
        return self.filter(policy.action_q(user, "action__"))
