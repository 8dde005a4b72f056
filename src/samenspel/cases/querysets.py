"""Reads of subjects and cases, already filtered for the user asking. `visible_to(user)` is
the only way views, the API and services fetch these records; the rules are in
sharing.policy."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from samenspel.cases.workflow import (
    OPEN_INTERVENTION_STATUSES,
    OPEN_PHASES,
    InterventionStatus,
    Phase,
    TransferStatus,
)
from samenspel.sharing import policy


class SubjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> SubjectQuerySet:
        return self.filter(policy.subject_q(user))


class RelatedPersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> RelatedPersonQuerySet:
        return self.filter(policy.related_person_q(user))


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """Cases the user directs (coordinators in scope) or whose team includes the user's
        organisation."""
        return self.filter(policy.case_q(user))

    def directed_by(self, user) -> CaseQuerySet:
        """Cases the user may open, staff and move (coordinators in scope)."""
        return self.filter(policy.directed_case_q(user))

    def on_team_of(self, user) -> CaseQuerySet:
        return self.filter(policy.team_q(user))

    def open(self) -> CaseQuerySet:
        return self.filter(phase__in=OPEN_PHASES)

    def closed(self) -> CaseQuerySet:
        return self.filter(phase=Phase.CLOSED)

    def review_due(self, today: datetime.date | None = None, *, within_days: int = 0) -> CaseQuerySet:
        """Open cases whose next review is due by today (plus `within_days`), or that have no
        review date at all; annotated with `is_review_overdue`."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=within_days)
        return (
            self.open()
            .filter(Q(next_review_date__lte=horizon) | Q(next_review_date__isnull=True))
            .annotate(
                is_review_overdue=models.ExpressionWrapper(
                    Q(next_review_date__lt=today) | Q(next_review_date__isnull=True),
                    output_field=models.BooleanField(),
                )
            )
        )


class CasePhaseChangeQuerySet(models.QuerySet):
    def visible_to(self, user) -> CasePhaseChangeQuerySet:
        return self.filter(policy.case_q(user, "case__"))


class CaseTeamMemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseTeamMemberQuerySet:
        return self.filter(policy.case_q(user, "case__"))


class InformationItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> InformationItemQuerySet:
        """Items on visible cases and triaged signals, in categories the user's organisation
        may receive or provided by it (sharing.policy.information_item_q)."""
        return self.filter(policy.information_item_q(user))


class LifeDomainAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> LifeDomainAssessmentQuerySet:
        return self.filter(policy.case_q(user, "case__"))

    def current(self) -> LifeDomainAssessmentQuerySet:
        """The newest assessment per case and life domain (assessments are appended)."""
        newer = self.model.objects.filter(
            case_id=OuterRef("case_id"), life_domain=OuterRef("life_domain"), pk__gt=OuterRef("pk")
        )
        return self.filter(~Exists(newer))


# Plans, reviews, closure and transfer (issue 4) ---------------------------------------------
# Plans, goals, interventions, reviews and closures are shared with whoever sees the case
# (the coordinator and the organisations on the team); transfers with the coordinators of
# both municipalities only.


class InterventionTypeQuerySet(models.QuerySet):
    def active(self) -> InterventionTypeQuerySet:
        return self.filter(is_active=True)


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> PlanQuerySet:
        return self.filter(policy.case_q(user, "case__"))

    def current(self) -> PlanQuerySet:
        return self.filter(is_current=True)


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user) -> GoalQuerySet:
        return self.filter(policy.case_q(user, "plan__case__"))


class InterventionQuerySet(models.QuerySet):
    def visible_to(self, user) -> InterventionQuerySet:
        return self.filter(policy.case_q(user, "plan__case__"))

    def open(self) -> InterventionQuerySet:
        return self.filter(status__in=OPEN_INTERVENTION_STATUSES)

    def of_organisation(self, organisation) -> InterventionQuerySet:
        return self.filter(responsible_organisation=organisation)

    def overdue(self, today: datetime.date | None = None) -> InterventionQuerySet:
        """Open interventions past their planned end (or planned ones past their start), on
        open cases."""
        today = today or timezone.localdate()
        late = Q(planned_end_date__lt=today) | Q(status=InterventionStatus.PLANNED, start_date__lt=today)
        return self.open().filter(late, plan__case__phase__in=OPEN_PHASES)


class InterventionStatusChangeQuerySet(models.QuerySet):
    def visible_to(self, user) -> InterventionStatusChangeQuerySet:
        return self.filter(policy.case_q(user, "intervention__plan__case__"))


class CaseReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseReviewQuerySet:
        return self.filter(policy.case_q(user, "case__"))


class CaseClosureQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseClosureQuerySet:
        return self.filter(policy.case_q(user, "case__"))

    def pending(self) -> CaseClosureQuerySet:
        """Closures decided with aftercare, the case not closed yet."""
        return self.filter(closed_at__isnull=True, withdrawn_at__isnull=True)


class CaseReopeningQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseReopeningQuerySet:
        return self.filter(policy.case_q(user, "case__"))


class CaseTransferQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseTransferQuerySet:
        """Transfers from or to a municipality the user directs cases in."""
        return self.filter(policy.transfer_q(user))

    def incoming_for(self, user) -> CaseTransferQuerySet:
        """Transfers the user may decide on (to their municipality)."""
        return self.filter(policy.incoming_transfer_q(user))

    def pending(self) -> CaseTransferQuerySet:
        return self.filter(status=TransferStatus.REQUESTED)
