"""Reads of subjects and cases for views and the API, filtered for the user. Functions named
get_*_for fetch one record and write its audit entry ("case.view", "subject.view"): call
exactly one per page or API response. The lists of a case's parts (items, team, history,
assessments) are covered by that entry and are not audited again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from samenspel.accounts.models import Organisation
from samenspel.audit.services import record
from samenspel.cases.models import (
    Case,
    CaseClosure,
    CasePhaseChange,
    CaseReopening,
    CaseReview,
    CaseTeamMember,
    CaseTransfer,
    Goal,
    InformationItem,
    Intervention,
    InterventionStatusChange,
    InterventionType,
    LifeDomainAssessment,
    Plan,
    RelatedPerson,
    Subject,
)
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.cases.workflow import OPEN_PHASES
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


# Plans, interventions and reviews (issue 4): covered by the case's "case.view" entry ----------


def intervention_types(*, active_only: bool = True) -> QuerySet[InterventionType]:
    """The catalogue (reference data, not personal data): for choosing, the active types."""
    types = InterventionType.objects.all()
    return types.active() if active_only else types


def current_plan_for(user, case: Case) -> Plan | None:
    """The case's current plan with its goals and interventions (type, organisation)
    prefetched, or None."""
    interventions = Intervention.objects.select_related("intervention_type", "responsible_organisation", "goal")
    return (
        Plan.objects.visible_to(user)
        .filter(case=case)
        .current()
        .select_related("created_by")
        .prefetch_related("goals", Prefetch("interventions", queryset=interventions))
        .first()
    )


def plans_for(user, case: Case) -> QuerySet[Plan]:
    """Every plan of the case, the current one first, then the superseded ones, newest first."""
    return Plan.objects.visible_to(user).filter(case=case).order_by("-is_current", "-created_at", "-pk")


def goals_for(user, plan: Plan) -> QuerySet[Goal]:
    return Goal.objects.visible_to(user).filter(plan=plan)


def interventions_for(user, case: Case, *, open_only: bool = False) -> QuerySet[Intervention]:
    """The interventions of all the case's plans (the current plan's and earlier ones)."""
    interventions = Intervention.objects.visible_to(user).filter(plan__case=case)
    if open_only:
        interventions = interventions.open()
    return interventions.select_related("intervention_type", "responsible_organisation", "goal", "plan")


def intervention_history_for(user, intervention: Intervention) -> QuerySet[InterventionStatusChange]:
    return (
        InterventionStatusChange.objects.visible_to(user).filter(intervention=intervention).select_related("changed_by")
    )


def interventions_of_my_organisation(user) -> QuerySet[Intervention]:
    """Open interventions the user's organisation is responsible for, on cases the user sees
    (a partner's start page), soonest planned end first."""
    return (
        Intervention.objects.visible_to(user)
        .open()
        .filter(responsible_organisation_id=getattr(user, "organisation_id", None), plan__case__phase__in=OPEN_PHASES)
        .select_related("intervention_type", "plan__case")
        .order_by("planned_end_date", "pk")
    )


def reviews_for(user, case: Case) -> QuerySet[CaseReview]:
    """The case's reviews, newest first: the trend per review is what evaluation counts."""
    return CaseReview.objects.visible_to(user).filter(case=case).select_related("author", "author_organisation")


def closures_for(user, case: Case) -> QuerySet[CaseClosure]:
    return CaseClosure.objects.visible_to(user).filter(case=case).select_related("decided_by")


def reopenings_for(user, case: Case) -> QuerySet[CaseReopening]:
    return CaseReopening.objects.visible_to(user).filter(case=case).select_related("reopened_by")


# The coordinator's overview -------------------------------------------------------------------


def review_overview_for(user, *, today: datetime.date | None = None, within_days: int = 14) -> QuerySet[Case]:
    """Open cases the user directs whose next review is overdue or due within `within_days`,
    overdue first: annotated with `is_review_overdue`, `last_review_date` and `last_trend`.
    Lists are audited by the view (e.g. "case.review_overview")."""
    latest = CaseReview.objects.filter(case_id=OuterRef("pk")).order_by("-review_date", "-pk")
    return (
        Case.objects.directed_by(user)
        .review_due(today, within_days=within_days)
        .annotate(
            last_review_date=Subquery(latest.values("review_date")[:1]),
            last_trend=Subquery(latest.values("trend")[:1]),
        )
        .select_related("subject", "municipality", "coordinator")
        .order_by("-is_review_overdue", F("next_review_date").asc(nulls_first=True), "pk")
    )


@dataclass
class PartnerWork:
    """One partner organisation's overdue work on the cases the coordinator directs."""

    organisation: Organisation
    interventions: list = field(default_factory=list)
    actions: list = field(default_factory=list)  # from the meetings app, through cases.followup
    others: list = field(default_factory=list)  # any other registered source

    @property
    def count(self) -> int:
        return len(self.interventions) + len(self.actions) + len(self.others)


def overdue_interventions_for(user, *, today: datetime.date | None = None) -> QuerySet[Intervention]:
    """Open interventions on cases the user directs that are past their planned end (or
    still planned after their start date)."""
    return (
        Intervention.objects.filter(plan__case__in=Case.objects.directed_by(user))
        .overdue(today)
        .select_related("intervention_type", "responsible_organisation", "plan__case")
        .order_by("planned_end_date", "pk")
    )


def overdue_work_by_organisation(user, *, today: datetime.date | None = None) -> list[PartnerWork]:
    """The coordinator's overdue work per partner organisation: interventions, plus whatever
    other apps register through cases.followup (the meetings app's actions). Sorted by
    organisation name."""
    from samenspel.cases.followup import OverdueItem, overdue_sources

    today = today or timezone.localdate()
    work: dict[int, PartnerWork] = {}
    for intervention in overdue_interventions_for(user, today=today):
        organisation = intervention.responsible_organisation
        work.setdefault(organisation.pk, PartnerWork(organisation))
        work[organisation.pk].interventions.append(intervention)
    for _name, source in sorted(overdue_sources().items()):
        for item in source(user, today):
            if not isinstance(item, OverdueItem):
                continue
            entry = work.setdefault(item.organisation.pk, PartnerWork(item.organisation))
            (entry.actions if item.kind == "action" else entry.others).append(item)
    return sorted(work.values(), key=lambda entry: (entry.organisation.name, entry.organisation.pk))


# Transfers --------------------------------------------------------------------------------------


def transfers_for(user, *, case: Case | None = None) -> QuerySet[CaseTransfer]:
    """Transfers from or to the municipalities the user directs cases in, newest first."""
    transfers = CaseTransfer.objects.visible_to(user)
    if case is not None:
        transfers = transfers.filter(case=case)
    return transfers.select_related("from_municipality", "to_municipality", "requested_by", "decided_by")


def incoming_transfers_for(user) -> QuerySet[CaseTransfer]:
    """Pending transfers the user may accept or decline, oldest first."""
    return (
        CaseTransfer.objects.incoming_for(user)
        .pending()
        .select_related("from_municipality", "to_municipality", "requested_by")
        .order_by("requested_at", "pk")
    )


def get_transfer_for(user, pk: object) -> CaseTransfer:
    """One transfer, audited as "case_transfer.view" with the case's subject. The receiving
    coordinator sees the request, the reason and the subject's identity (identification, which
    the agreement lets every partner exchange) to decide; the case itself only after
    accepting."""
    transfer = transfers_for(user).select_related("case__subject").filter(pk=parse_id(pk)).first()
    if transfer is None:
        raise NotVisible("case_transfer.view", object_type="case_transfer", object_id=pk, purpose=PURPOSE_CASE_WORK)
    record(
        "case_transfer.view",
        object_type="case_transfer",
        object_id=transfer.pk,
        subject_id=transfer.case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=user,
    )
    return transfer
