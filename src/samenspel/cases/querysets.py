"""Reads of subjects and cases, already filtered for the user asking. `visible_to(user)` is
the only way views, the API and services fetch these records; the rules are in
sharing.policy."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef

from samenspel.cases.workflow import OPEN_PHASES, Phase
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
