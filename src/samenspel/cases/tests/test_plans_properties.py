"""Property-based tests of the state machines of issue 4: intervention status, transfer status
and the extended case phases (closing with aftercare, ending aftercare, reopening). Whatever
sequence of operations is tried, through the services or straight at the workflow, no step
outside the tables is made and the appended history explains the current state."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.cases import services
from samenspel.cases import workflow as wf
from samenspel.cases.models import CaseClosure
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.cases.tests.test_workflow_properties import reachable
from samenspel.cases.workflow import InterventionStatus, Phase, TransferStatus
from samenspel.testing.factories_plans import CaseTransferFactory, InterventionFactory, PlanFactory

DB_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# The tables ---------------------------------------------------------------------------------


def test_every_intervention_status_is_reachable_and_ended_ones_are_final():
    assert reachable(wf.INTERVENTION_TRANSITIONS, wf.INTERVENTION_INITIAL) == set(InterventionStatus)
    for status in wf.ENDED_INTERVENTION_STATUSES:
        assert wf.INTERVENTION_TRANSITIONS[status] == frozenset()
    assert set(InterventionStatus) == wf.OPEN_INTERVENTION_STATUSES | wf.ENDED_INTERVENTION_STATUSES


def test_every_transfer_status_is_reachable_and_a_decision_is_final():
    assert reachable(wf.TRANSFER_TRANSITIONS, wf.TRANSFER_INITIAL) == set(TransferStatus)
    assert wf.TRANSFER_TRANSITIONS[TransferStatus.ACCEPTED] == wf.TRANSFER_TRANSITIONS[TransferStatus.DECLINED]
    assert wf.TRANSFER_TRANSITIONS[TransferStatus.ACCEPTED] == frozenset()


def test_reopening_is_the_only_way_out_of_closed_and_leads_to_assessment():
    assert wf.TRANSITIONS[Phase.CLOSED] == frozenset()
    assert {Phase.CLOSED: frozenset({Phase.ASSESSMENT})} == wf.REOPEN_TRANSITIONS


@given(st.sampled_from([*InterventionStatus.values, "x"]), st.sampled_from([*InterventionStatus.values, "x", ""]))
def test_intervention_can_change_is_exactly_the_table(current, target):
    if current == "x":
        return
    expected = target in InterventionStatus.values and target in wf.INTERVENTION_TRANSITIONS[current]
    assert wf.can_change_intervention(current, target) == expected


@given(st.sampled_from(list(TransferStatus)), st.sampled_from([*TransferStatus.values, "cancelled"]))
def test_transfer_can_change_is_exactly_the_table(current, target):
    expected = target in TransferStatus.values and target in wf.TRANSFER_TRANSITIONS[current]
    assert wf.can_change_transfer(current, target) == expected


# Interventions through the services and straight at the workflow ------------------------------

INTERVENTION_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from([*InterventionStatus.values, "archived", ""]),
        st.sampled_from(["", "not_reached", "fully_reached", "score"]),
        st.booleans(),
    ),
    max_size=8,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=INTERVENTION_OPERATIONS)
def test_no_illegal_intervention_status_is_reachable(personas, sharing_defaults, operations):
    case = voorbeeld_case(personas)
    intervention = InterventionFactory(plan=PlanFactory(case=case), responsible_organisation=personas.school_org)
    for target, outcome, straight in operations:
        before = type(intervention).objects.get(pk=intervention.pk).status
        try:
            if straight:
                intervention.refresh_from_db()
                intervention.outcome = outcome if outcome in ("not_reached", "fully_reached") else ""
                wf.change_intervention_status(intervention, target, personas.coordinator)
            else:
                services.change_intervention_status(
                    personas.teacher, intervention, target, outcome=outcome, outcome_text="Toelichting."
                )
        except ValidationError:
            assert type(intervention).objects.get(pk=intervention.pk).status == before
        intervention.refresh_from_db()
        history = list(intervention.status_changes.values_list("from_status", "to_status"))
        assert history[0] == ("", InterventionStatus.PLANNED)
        for from_status, to_status in history[1:]:
            assert InterventionStatus(to_status) in wf.INTERVENTION_TRANSITIONS[InterventionStatus(from_status)]
        assert [a for a, _b in history[1:]] == [b for _a, b in history[:-1]]
        assert intervention.status == history[-1][1]
        ended = intervention.status in wf.ENDED_INTERVENTION_STATUSES
        assert bool(intervention.outcome) == ended and (intervention.ended_on is not None) == ended


# Transfers ----------------------------------------------------------------------------------

TRANSFER_OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["accept", "decline", "straight"]), st.sampled_from([*TransferStatus.values, "x"])),
    max_size=5,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=TRANSFER_OPERATIONS)
def test_a_transfer_is_decided_at_most_once(personas, sharing_defaults, operations):
    receiver = neighbour_coordinator(personas)
    transfer = CaseTransferFactory(case=voorbeeld_case(personas), to_municipality=personas.neighbour)
    decisions = 0
    straight_decision = False
    for kind, target in operations:
        before = type(transfer).objects.get(pk=transfer.pk).status
        try:
            if kind == "accept":
                services.accept_transfer(receiver, transfer)
            elif kind == "decline":
                services.decline_transfer(receiver, transfer, reason="Nee.")
            else:
                transfer.refresh_from_db()
                wf.decide_transfer(transfer, target, receiver)
                transfer.save()
                straight_decision = True
            decisions += 1
        except ValidationError:
            assert type(transfer).objects.get(pk=transfer.pk).status == before
        transfer.refresh_from_db()
        assert decisions <= 1
        assert (transfer.status == TransferStatus.REQUESTED) == (decisions == 0)
        case = transfer.case
        case.refresh_from_db()
        moved = case.municipality_id == personas.neighbour.pk
        if not straight_decision:  # the services move the case exactly when they accept
            assert moved == (transfer.status == TransferStatus.ACCEPTED)


# The extended phase table: closing, aftercare, reopening ---------------------------------------

CLOSURE_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("close"), st.booleans()),
        st.tuples(st.just("end_aftercare"), st.just(None)),
        st.tuples(st.just("reopen"), st.just(None)),
        st.tuples(st.just("phase"), st.sampled_from([*Phase.values, "archived"])),
        st.tuples(st.just("straight_reopen"), st.just(None)),
    ),
    max_size=8,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=CLOSURE_OPERATIONS)
def test_no_illegal_phase_is_reachable_through_closure(personas, sharing_defaults, operations):
    case = voorbeeld_case(personas, in_execution=False)
    coordinator = personas.coordinator
    straight = False
    for kind, argument in operations:
        before = type(case).objects.get(pk=case.pk).phase
        try:
            if kind == "close":
                aftercare = {"aftercare_until": days(90), "aftercare_review_date": days(30)} if argument else {}
                services.close_case(coordinator, case, reason="risk_reduced", outcome="Rustig.", **aftercare)
            elif kind == "end_aftercare":
                services.end_aftercare(coordinator, case)
            elif kind == "reopen":
                services.reopen_case(coordinator, case, reason="Nieuwe zorgen.")
            elif kind == "phase":
                services.change_phase(coordinator, case, argument, reason="Reden.")
            else:
                case.refresh_from_db()
                straight = True
                wf.reopen(case, coordinator, "Rechtstreeks.")
        except ValidationError:
            assert type(case).objects.get(pk=case.pk).phase == before
        case.refresh_from_db()
        history = list(case.phase_changes.values_list("from_phase", "to_phase"))
        for from_phase, to_phase in history[1:]:
            allowed = wf.TRANSITIONS[Phase(from_phase)] | wf.REOPEN_TRANSITIONS.get(Phase(from_phase), frozenset())
            assert Phase(to_phase) in allowed, (from_phase, to_phase)
        assert [a for a, _b in history[1:]] == [b for _a, b in history[:-1]]
        assert case.phase == history[-1][1]
        assert (case.closed_at is not None) == (case.phase == Phase.CLOSED)
        if not straight:  # the services keep a review date on every open case
            assert (case.next_review_date is None) == (case.phase == Phase.CLOSED)
        pending = CaseClosure.objects.filter(case=case).pending().count()
        assert pending <= 1
        if pending:
            assert case.phase == Phase.AFTERCARE
