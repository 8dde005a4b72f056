"""Reads of signals and their triage, already filtered for the user asking.
`visible_to(user)` is the only way views, the API and services fetch these records; the
rules are in sharing.policy."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone

from samenspel.intake.workflow import AWAITING_ASSESSMENT, OPEN_STATUSES, SignalStatus
from samenspel.sharing import policy


class SignalQuerySet(models.QuerySet):
    def visible_to(self, user) -> SignalQuerySet:
        """Signals in the user's triage scope, and the signals the user reported."""
        return self.filter(policy.signal_q(user))

    def triageable_by(self, user) -> SignalQuerySet:
        """Signals whose triage the user sees and does (coordinators in scope)."""
        return self.filter(policy.triage_q(user))

    def reported_by(self, user) -> SignalQuerySet:
        return self.filter(policy.signal_q(user), reporter_id=user.pk)

    def open(self) -> SignalQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_assessment(self) -> SignalQuerySet:
        return self.filter(status__in=AWAITING_ASSESSMENT)

    def inbox(self) -> SignalQuerySet:
        """New and in-triage signals, oldest first."""
        return self.awaiting_assessment().order_by("received_at", "pk")

    def overdue(self, today: datetime.date | None = None) -> SignalQuerySet:
        return self.awaiting_assessment().filter(triage_deadline__lt=today or timezone.localdate())

    def with_overdue(self, today: datetime.date | None = None) -> SignalQuerySet:
        """Annotates `is_overdue`: awaiting a first assessment past the deadline."""
        overdue = Q(status__in=AWAITING_ASSESSMENT, triage_deadline__lt=today or timezone.localdate())
        return self.annotate(is_overdue=ExpressionWrapper(overdue, output_field=models.BooleanField()))

    def reviews_due(self, today: datetime.date | None = None) -> SignalQuerySet:
        """Monitored signals whose review date has come."""
        return self.filter(status=SignalStatus.MONITORING, review_date__lte=today or timezone.localdate())


class SignalTransitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> SignalTransitionQuerySet:
        return self.filter(policy.triage_q(user, "signal__"))


class AssessmentNoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssessmentNoteQuerySet:
        return self.filter(policy.triage_q(user, "signal__"))


class TriageDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> TriageDecisionQuerySet:
        return self.filter(policy.triage_q(user, "signal__"))


class InformationRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> InformationRequestQuerySet:
        """Requests made within the user's coordinator scope, and requests addressed to the
        user's organisation."""
        return self.filter(policy.information_request_q(user))

    def addressed_to(self, user) -> InformationRequestQuerySet:
        """Requests the user's organisation is asked to answer."""
        return self.filter(policy.addressed_request_q(user))

    def open(self) -> InformationRequestQuerySet:
        from samenspel.intake.models import RequestStatus

        return self.filter(status=RequestStatus.OPEN)


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AttachmentQuerySet:
        """Triage sees every file of its signals; a reporter only the files they sent with their
        own signal (a file the coordinator adds is triage material, like a note)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        own_uploads = policy.signal_q(user, "signal__") & Q(uploaded_by=user)
        return self.filter(policy.triage_q(user, "signal__") | own_uploads)
