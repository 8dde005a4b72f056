"""Reads of subjects and cases for views and the API, filtered for the user. Functions named
get_*_for fetch one record and write its audit entry ("case.view", "subject.view"): call
exactly one per page or API response. The lists of a case's parts (items, team, history,
assessments) are covered by that entry and are not audited again."""

from __future__ import annotations

from django.db.models import QuerySet

from samenspel.audit.services import record
from samenspel.cases.models import (
    Case,
    CasePhaseChange,
    CaseTeamMember,
    InformationItem,
    LifeDomainAssessment,
    RelatedPerson,
    Subject,
)
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.core.exceptions import NotVisible


def cases_for(user) -> QuerySet[Case]:
    """The cases the user sees, newest first, ready for a list."""
    return Case.objects.visible_to(user).select_related("subject", "municipality", "coordinator")


def get_case_for(user, pk: object) -> Case:
    """One case, audited as "case.view" with its subject. Unknown or unreachable ids raise
    NotVisible (404)."""
    case = cases_for(user).filter(pk=parse_id(pk)).first()
    if case is None:
        raise NotVisible("case.view", object_type="case", object_id=pk, purpose=PURPOSE_CASE_WORK)
    record(
        "case.view",
        object_type="case",
        object_id=case.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=user,
    )
    return case


def get_subject_for(user, pk: object) -> Subject:
    subject = Subject.objects.visible_to(user).filter(pk=parse_id(pk)).first()
    if subject is None:
        raise NotVisible("subject.view", object_type="subject", object_id=pk, purpose=PURPOSE_CASE_WORK)
    record(
        "subject.view",
        object_type="subject",
        object_id=subject.pk,
        subject_id=subject.pk,
        purpose=PURPOSE_CASE_WORK,
        actor=user,
    )
    return subject


def information_items_for(user, case: Case) -> QuerySet[InformationItem]:
    """The case's items the user may see under the agreement, newest first."""
    return (
        InformationItem.objects.visible_to(user)
        .filter(case=case)
        .select_related("category", "source_organisation", "recorded_by")
    )


def team_for(user, case: Case) -> QuerySet[CaseTeamMember]:
    return CaseTeamMember.objects.visible_to(user).filter(case=case).select_related("organisation", "contact")


def phase_history_for(user, case: Case) -> QuerySet[CasePhaseChange]:
    return CasePhaseChange.objects.visible_to(user).filter(case=case).select_related("changed_by")


def assessments_for(user, case: Case, *, current_only: bool = True) -> QuerySet[LifeDomainAssessment]:
    """The case's life-domain assessments: the newest per domain, or all with
    current_only=False."""
    assessments = LifeDomainAssessment.objects.visible_to(user).filter(case=case)
    if current_only:
        assessments = assessments.current()
    return assessments.select_related("author", "author_organisation")


def related_persons_for(user, subject: Subject) -> QuerySet[RelatedPerson]:
    return RelatedPerson.objects.visible_to(user).filter(subject=subject)
