"""Property-based tests of both state machines: whatever sequence of operations is tried,
through the services or straight at workflow.transition, no transition outside the table is
ever made, and the appended history always explains the current state."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.cases import services as case_services
from samenspel.cases import workflow as case_workflow
from samenspel.cases.workflow import Phase
from samenspel.intake import services as intake_services
from samenspel.intake import workflow as signal_workflow
from samenspel.intake.models import DecisionOutcome
from samenspel.intake.workflow import SignalStatus
from samenspel.testing.factories_cases import CaseFactory, SignalFactory, category

DB_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def reachable(table: dict, start) -> set:
    seen, todo = {start}, [start]
    while todo:
        for target in table[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


# The tables themselves ----------------------------------------------------------------------


def test_every_signal_status_is_reachable_and_the_final_ones_are_final():
    assert reachable(signal_workflow.TRANSITIONS, signal_workflow.INITIAL) == set(SignalStatus)
    assert set(SignalStatus) - signal_workflow.OPEN_STATUSES == signal_workflow.FINAL_STATUSES
    assert signal_workflow.AWAITING_ASSESSMENT <= signal_workflow.OPEN_STATUSES
    assert set(signal_workflow.REPORTER_STATUS) == set(SignalStatus)


def test_every_case_phase_is_reachable_and_closed_is_final():
    assert reachable(case_workflow.TRANSITIONS, case_workflow.INITIAL) == set(Phase)
    assert case_workflow.TRANSITIONS[Phase.CLOSED] == frozenset()
    assert all(Phase.CLOSED in targets for phase, targets in case_workflow.TRANSITIONS.items() if phase != Phase.CLOSED)


@given(st.sampled_from(list(SignalStatus)), st.sampled_from(list(SignalStatus)))
def test_signal_can_transition_is_exactly_the_table(current, target):
    assert signal_workflow.can_transition(current, target) == (target in signal_workflow.TRANSITIONS[current])


@given(st.sampled_from(list(Phase)), st.sampled_from(list(Phase)))
def test_case_can_transition_is_exactly_the_table(current, target):
    assert case_workflow.can_transition(current, target) == (target in case_workflow.TRANSITIONS[current])


# Signals through the services ---------------------------------------------------------------

SIGNAL_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("start")),
        st.tuples(st.just("note")),
        st.tuples(st.just("request")),
        st.tuples(st.just("decide"), st.sampled_from(list(DecisionOutcome))),
        st.tuples(st.just("force"), st.sampled_from([*SignalStatus.values, "archived", ""])),
    ),
    max_size=8,
)


def apply_to_signal(personas, signal, operation) -> None:
    coordinator = personas.coordinator
    kind = operation[0]
    if kind == "start":
        intake_services.start_triage(coordinator, signal)
    elif kind == "note":
        intake_services.add_assessment_note(coordinator, signal, text="Notitie.")
    elif kind == "request":
        intake_services.request_information(
            coordinator,
            signal,
            organisation=personas.police_org,
            categories=[category("identification")],
            question="Bekend?",
        )
    elif kind == "decide":
        intake_services.decide(
            coordinator,
            signal,
            outcome=operation[1],
            reason="Besluit.",
            review_date=timezone.localdate() + datetime.timedelta(days=7),
            referred_to_name="Wijkteam",
        )
    else:  # straight at the workflow, as a buggy service would
        signal.refresh_from_db()
        signal_workflow.transition(signal, operation[1], coordinator)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=SIGNAL_OPERATIONS)
def test_no_illegal_signal_transition_is_reachable(personas, sharing_defaults, operations):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    allowed = signal_workflow.TRANSITIONS
    for operation in operations:
        before = type(signal).objects.get(pk=signal.pk).status
        try:
            apply_to_signal(personas, signal, operation)
        except ValidationError:
            assert type(signal).objects.get(pk=signal.pk).status == before  # a refusal changes nothing
        signal.refresh_from_db()
        history = list(signal.transitions.values_list("from_status", "to_status"))
        for from_status, to_status in history:
            assert SignalStatus(to_status) in allowed[SignalStatus(from_status)], (from_status, to_status)
        assert [a for a, _b in history[1:]] == [b for _a, b in history[:-1]]  # a chain without gaps
        assert signal.status == (history[-1][1] if history else SignalStatus.NEW)
        if not any(op[0] == "force" for op in operations):
            # Services link the case whenever they make a signal a case.
            assert (signal.case_id is not None) == (signal.status == SignalStatus.CASE)


# Cases through the services -----------------------------------------------------------------

CASE_OPERATIONS = st.lists(
    st.tuples(st.sampled_from([*Phase.values, "archived", ""]), st.sampled_from(["", "Reden."]), st.booleans()),
    max_size=10,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=CASE_OPERATIONS)
def test_no_illegal_case_transition_is_reachable(personas, sharing_defaults, operations):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    for target, reason, straight in operations:
        before = type(case).objects.get(pk=case.pk).phase
        try:
            if straight:
                case.refresh_from_db()
                case_workflow.transition(case, target, personas.coordinator, reason)
            else:
                case_services.change_phase(personas.coordinator, case, target, reason=reason)
        except ValidationError:
            assert type(case).objects.get(pk=case.pk).phase == before
        case.refresh_from_db()
        history = list(case.phase_changes.values_list("from_phase", "to_phase"))
        assert history[0] == ("", Phase.REGISTERED)
        for from_phase, to_phase in history[1:]:
            assert Phase(to_phase) in case_workflow.TRANSITIONS[Phase(from_phase)], (from_phase, to_phase)
        assert [a for a, _b in history[1:]] == [b for _a, b in history[:-1]]
        assert case.phase == history[-1][1]
        assert (case.closed_at is not None) == (case.phase == Phase.CLOSED)
