"""Every write of plans, reviews, closure and transfer appends exactly one audit entry (with
the subject and purpose "case_work", or "administration" for the catalogue) in the same
transaction: a write whose entry cannot be written leaves nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction

from samenspel.audit.models import AuditEntry
from samenspel.cases import services
from samenspel.cases.models import Case, CaseClosure, CaseReview, CaseTransfer, Intervention, Plan
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.testing.factories_plans import (
    CaseClosureFactory,
    CaseTransferFactory,
    InterventionFactory,
    PlanFactory,
    intervention_type,
)

pytestmark = pytest.mark.django_db


class World:
    def __init__(self, p):
        self.case = voorbeeld_case(p)
        self.plan = PlanFactory(case=self.case, created_by=p.coordinator)
        self.intervention = InterventionFactory(plan=self.plan, responsible_organisation=p.school_org)
        self.aftercare = CaseClosureFactory(case=voorbeeld_case(p, in_aftercare=True, in_execution=False),
                                            with_aftercare=True)  # fmt: skip
        self.closed = CaseClosureFactory(case=voorbeeld_case(p, closed=True, in_execution=False)).case
        self.receiver = neighbour_coordinator(p)
        self.transfer = CaseTransferFactory(case=voorbeeld_case(p), to_municipality=p.neighbour)


def _intervention(p, w):
    return services.add_intervention(
        p.coordinator,
        w.plan,
        intervention_type=intervention_type("family_support"),
        responsible_organisation=p.police_org,
        start_date=days(1),
        planned_end_date=days(60),
    )


WRITES: list[tuple[str, str, Callable]] = [
    ("intervention_type.create", "administration",
     lambda p, w: services.create_intervention_type(p.app_manager, code="sport", name="Sport")),
    ("intervention_type.update", "administration",
     lambda p, w: services.update_intervention_type(p.app_manager, intervention_type(), evidence_notes="Zie rapport.")),
    ("intervention_type.set_active", "administration",
     lambda p, w: services.set_intervention_type_active(p.app_manager, intervention_type(), False)),
    ("plan.create", "case_work", lambda p, w: services.create_plan(p.coordinator, voorbeeld_case(p))),
    ("plan.goal_add", "case_work", lambda p, w: services.add_goal(p.coordinator, w.plan, text="Doel.")),
    ("intervention.add", "case_work", _intervention),
    ("intervention.status", "case_work",
     lambda p, w: services.change_intervention_status(p.teacher, w.intervention, "running")),
    ("case.review_add", "case_work",
     lambda p, w: services.record_review(p.coordinator, w.case, trend="better", reason="x", next_review_date=days(9))),
    ("case.review_schedule", "case_work",
     lambda p, w: services.schedule_review(p.coordinator, w.case, next_review_date=days(9))),
    ("case.close", "case_work",
     lambda p, w: services.close_case(p.coordinator, w.case, reason="risk_reduced", outcome="Rustig.")),
    ("case.aftercare_end", "case_work", lambda p, w: services.end_aftercare(p.coordinator, w.aftercare.case)),
    ("case.reopen", "case_work", lambda p, w: services.reopen_case(p.coordinator, w.closed, reason="Nieuw signaal.")),
    ("case_transfer.request", "case_work",
     lambda p, w: services.request_transfer(p.coordinator, w.case, to_municipality=p.neighbour, reason="Verhuisd.")),
    ("case_transfer.accept", "case_work", lambda p, w: services.accept_transfer(w.receiver, w.transfer)),
    ("case_transfer.decline", "case_work",
     lambda p, w: services.decline_transfer(w.receiver, w.transfer, reason="Niet hier.")),
]  # fmt: skip
WRITE = {action: write for action, _purpose, write in WRITES}


@pytest.mark.parametrize(("action", "purpose", "write"), WRITES, ids=[action for action, *_rest in WRITES])
def test_every_write_appends_exactly_one_entry(personas, action, purpose, write):
    world = World(personas)
    before = AuditEntry.objects.count()
    write(personas, world)
    new = list(AuditEntry.objects.order_by("id")[before:])
    assert [entry.action for entry in new] == [action]
    assert (new[0].result, new[0].purpose) == ("allowed", purpose)
    if purpose == "case_work":
        assert new[0].subject_id  # every case write names the person it is about
        assert new[0].object_id


@pytest.mark.parametrize(
    ("module", "action", "model"),
    [
        ("samenspel.cases.services.plans", "intervention.add", Intervention),
        ("samenspel.cases.services.plans", "plan.create", Plan),
        ("samenspel.cases.services.reviews", "case.review_add", CaseReview),
        ("samenspel.cases.services.closure", "case.close", CaseClosure),
        ("samenspel.cases.services.transfer", "case_transfer.request", CaseTransfer),
    ],
)
def test_a_write_whose_entry_cannot_be_written_leaves_nothing(personas, monkeypatch, module, action, model):
    world = World(personas)
    rows, entries = model.objects.count(), AuditEntry.objects.count()
    phase, next_review = Case.objects.values_list("phase", "next_review_date").get(pk=world.case.pk)

    def unavailable(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(f"{module}.record", unavailable)
    with pytest.raises(RuntimeError):
        WRITE[action](personas, world)
    assert model.objects.count() == rows
    assert AuditEntry.objects.count() == entries
    assert Case.objects.values_list("phase", "next_review_date").get(pk=world.case.pk) == (phase, next_review)


def test_an_accepted_transfer_rolls_back_with_its_entry(personas):
    world = World(personas)
    entries = AuditEntry.objects.count()
    case = world.transfer.case
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        services.accept_transfer(world.receiver, world.transfer)
        1 / 0  # noqa: B018 - the failure after the service returned
    case.refresh_from_db()
    assert (case.municipality, case.coordinator, case.team_members.count()) == (
        personas.municipality,
        personas.coordinator,
        2,
    )
    assert AuditEntry.objects.count() == entries
    assert CaseTransfer.objects.get(pk=world.transfer.pk).status == "requested"
