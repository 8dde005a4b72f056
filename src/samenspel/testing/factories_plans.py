"""factory_boy factories for plans, interventions, reviews, closures and transfers. Traits name
states: InterventionFactory(running=True | completed=True | stopped=True | overdue=True),
CaseTransferFactory(accepted=True | declined=True), CaseClosureFactory(with_aftercare=True).

Like factories_cases, these write rows directly (no permission checks, no audit entries):
use the services when the test is about them. Intervention types are the seeded ones, fetched
by code (`intervention_type("mentoring")`)."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from samenspel.cases.catalogue import INTERVENTION_TYPES, install_intervention_types
from samenspel.cases.models import (
    CaseClosure,
    CaseReopening,
    CaseReview,
    CaseTransfer,
    ClosureReason,
    Goal,
    GoalOutcome,
    Intervention,
    InterventionStatusChange,
    InterventionType,
    Plan,
    Trend,
)
from samenspel.cases.workflow import InterventionStatus, TransferStatus
from samenspel.testing.factories import MunicipalityFactory
from samenspel.testing.factories_cases import CaseFactory


def _today() -> datetime.date:
    return timezone.localdate()


def intervention_type(code: str = "mentoring") -> InterventionType:
    """A seeded intervention type by code (seeded again if a flushed database lacks it)."""
    if not InterventionType.objects.filter(code=code).exists():
        install_intervention_types()
    if code not in {seed[0] for seed in INTERVENTION_TYPES}:
        return InterventionTypeFactory(code=code)
    return InterventionType.objects.get(code=code)


class InterventionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"intervention-{n}")
    name = factory.Sequence(lambda n: f"Interventie {n}")
    position = factory.Sequence(lambda n: 1000 + n)

    class Params:
        inactive = factory.Trait(is_active=False)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    case = factory.SubFactory(CaseFactory, in_execution=True)
    summary = "Samen met school en jongerenwerk werken aan een stabiele dagbesteding."
    created_by = factory.SelfAttribute("case.coordinator")

    class Params:
        superseded = factory.Trait(is_current=False, superseded_at=factory.LazyFunction(timezone.now))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = "Gaat weer elke dag naar school."
    position = factory.Sequence(lambda n: n + 1)
    created_by = factory.SelfAttribute("plan.created_by")


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    goal = None
    intervention_type = factory.LazyFunction(lambda: intervention_type("mentoring"))
    responsible_organisation = factory.LazyAttribute(
        lambda o: (
            o.plan.case.team_members.order_by("-is_lead", "pk").first().organisation
            if o.plan.case.team_members.exists()
            else o.plan.case.coordinator.organisation
        )
    )
    start_date = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=7))
    planned_end_date = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=90))
    status = InterventionStatus.PLANNED
    created_by = factory.SelfAttribute("plan.created_by")

    class Params:
        running = factory.Trait(
            status=InterventionStatus.RUNNING,
            start_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30)),
        )
        completed = factory.Trait(
            status=InterventionStatus.COMPLETED,
            start_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=120)),
            planned_end_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=10)),
            ended_on=factory.LazyFunction(_today),
            outcome=GoalOutcome.PARTLY_REACHED,
            outcome_text="Gaat vaker naar school, nog niet elke dag.",
        )
        stopped = factory.Trait(
            status=InterventionStatus.STOPPED,
            ended_on=factory.LazyFunction(_today),
            outcome=GoalOutcome.NOT_REACHED,
            outcome_text="Betrokkene wilde niet meer meedoen.",
        )
        overdue = factory.Trait(
            status=InterventionStatus.RUNNING,
            start_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=90)),
            planned_end_date=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=3)),
        )

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if not create:
            return
        changes = [("", InterventionStatus.PLANNED)]
        if obj.status != InterventionStatus.PLANNED:
            if obj.status == InterventionStatus.COMPLETED:
                changes.append((InterventionStatus.PLANNED, InterventionStatus.RUNNING))
                changes.append((InterventionStatus.RUNNING, obj.status))
            else:
                changes.append((InterventionStatus.PLANNED, obj.status))
        for from_status, to_status in changes:
            InterventionStatusChange.objects.create(
                intervention=obj, from_status=from_status, to_status=to_status, changed_by=obj.created_by
            )


class CaseReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseReview

    case = factory.SubFactory(CaseFactory, in_execution=True)
    review_date = factory.LazyFunction(_today)
    trend = Trend.UNCHANGED
    reason = "Contact met school loopt, thuis nog onrustig."
    next_review_date = factory.LazyFunction(lambda: _today() + datetime.timedelta(weeks=6))
    author = factory.SelfAttribute("case.coordinator")
    author_organisation = factory.SelfAttribute("author.organisation")


class CaseClosureFactory(factory.django.DjangoModelFactory):
    """A closure of a closed case (pass a closed case, e.g. CaseFactory(closed=True)); with
    `with_aftercare=True` a pending closure of a case in aftercare."""

    class Meta:
        model = CaseClosure

    case = factory.SubFactory(CaseFactory, closed=True)
    reason = ClosureReason.RISK_REDUCED
    outcome = "Gaat weer naar school; ouders weten de weg naar het wijkteam."
    decided_by = factory.SelfAttribute("case.coordinator")
    closed_at = factory.LazyFunction(timezone.now)

    class Params:
        with_aftercare = factory.Trait(
            case=factory.SubFactory(CaseFactory, in_aftercare=True),
            closed_at=None,
            aftercare_until=factory.LazyFunction(lambda: _today() + datetime.timedelta(days=180)),
            aftercare_review_date=factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60)),
        )


class CaseReopeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseReopening

    case = factory.SubFactory(CaseFactory, in_assessment=True)
    reason = "Nieuwe zorgen gemeld door school."
    reopened_by = factory.SelfAttribute("case.coordinator")


class CaseTransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTransfer

    case = factory.SubFactory(CaseFactory, in_execution=True)
    from_municipality = factory.SelfAttribute("case.municipality")
    to_municipality = factory.SubFactory(MunicipalityFactory)
    reason = "Betrokkene is verhuisd."
    requested_by = factory.SelfAttribute("case.coordinator")
    previous_coordinator = factory.SelfAttribute("case.coordinator")

    class Params:
        accepted = factory.Trait(
            status=TransferStatus.ACCEPTED,
            decided_by=factory.SelfAttribute("requested_by"),
            decided_at=factory.LazyFunction(timezone.now),
        )
        declined = factory.Trait(
            status=TransferStatus.DECLINED,
            decided_by=factory.SelfAttribute("requested_by"),
            decided_at=factory.LazyFunction(timezone.now),
            decision_reason="Betrokkene woont hier niet.",
        )
