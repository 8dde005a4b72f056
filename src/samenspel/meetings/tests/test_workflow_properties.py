"""Property-based tests of the meeting and action state machines: whatever sequence of
operations is tried, through the services or straight at the workflow, no transition outside
the table is ever made, and the appended history always explains the current status."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings import services as meetings
from samenspel.meetings import workflow
from samenspel.meetings.models import Action, Meeting
from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.testing.factories_meetings import ActionFactory, AgendaItemFactory, MeetingFactory

DB_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STATUS_VALUES = [*MeetingStatus.values, *ActionStatus.values, "archived", "", "HELD"]


def reachable(table: dict, start) -> set:
    seen, todo = {start}, [start]
    while todo:
        for target in table[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_status_is_reachable_and_the_final_ones_are_final():
    assert reachable(workflow.MEETING_TRANSITIONS, workflow.MEETING_INITIAL) == set(MeetingStatus)
    assert reachable(workflow.ACTION_TRANSITIONS, workflow.ACTION_INITIAL) == set(ActionStatus)
    assert workflow.MEETING_TRANSITIONS[MeetingStatus.HELD] == frozenset()
    assert workflow.MEETING_TRANSITIONS[MeetingStatus.CANCELLED] == frozenset()
    assert workflow.ACTION_TRANSITIONS[ActionStatus.DONE] == frozenset()
    assert workflow.ACTION_TRANSITIONS[ActionStatus.CANCELLED] == frozenset()


@given(st.sampled_from(list(MeetingStatus)), st.sampled_from(STATUS_VALUES))
def test_meeting_can_transition_is_exactly_the_table(current, target):
    expected = target in MeetingStatus.values and MeetingStatus(target) in workflow.MEETING_TRANSITIONS[current]
    assert workflow.can_transition_meeting(current, target) == expected


@given(st.sampled_from(list(ActionStatus)), st.sampled_from(STATUS_VALUES))
def test_action_can_transition_is_exactly_the_table(current, target):
    expected = target in ActionStatus.values and ActionStatus(target) in workflow.ACTION_TRANSITIONS[current]
    assert workflow.can_transition_action(current, target) == expected


def _history_explains(changes, initial, current, table) -> None:
    status = initial
    for change in changes:
        assert change.from_status == status
        assert change.to_status in table[status]
        status = change.to_status
    assert status == current


# Meetings ---------------------------------------------------------------------------------------

MEETING_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("service"), st.sampled_from(STATUS_VALUES), st.sampled_from(["", "Reden."])),
        st.tuples(st.just("force"), st.sampled_from(STATUS_VALUES), st.just("")),
        st.tuples(st.just("update"), st.just(""), st.just("")),
    ),
    max_size=8,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=MEETING_OPERATIONS, started=st.booleans())
def test_no_illegal_meeting_transition_is_reachable(personas, sharing_defaults, operations, started):
    starts_at = timezone.now() + datetime.timedelta(days=-1 if started else 1)
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair, starts_at=starts_at)
    for kind, target, reason in operations:
        before = Meeting.objects.get(pk=meeting.pk).status
        refused = False
        try:
            if kind == "service":
                meetings.change_meeting_status(personas.chair, meeting, target, reason=reason)
            elif kind == "update":
                meetings.update_meeting(personas.chair, meeting, location="Elders")
            else:  # straight at the workflow, as a buggy service would
                meeting.refresh_from_db()
                workflow.transition_meeting(meeting, target, personas.chair)
        except ValidationError:
            refused = True
        after = Meeting.objects.get(pk=meeting.pk).status
        assert after == before or after in workflow.MEETING_TRANSITIONS[MeetingStatus(before)]
        if kind == "service" and after == MeetingStatus.HELD != before:
            assert started
        if kind == "service" and after == MeetingStatus.CANCELLED != before:
            assert reason
        if kind == "update":
            assert refused == (before != MeetingStatus.PLANNED)
    _history_explains(
        meeting.status_changes.order_by("pk"),
        MeetingStatus.PLANNED,
        Meeting.objects.get(pk=meeting.pk).status,
        workflow.MEETING_TRANSITIONS,
    )


# Actions ----------------------------------------------------------------------------------------

ACTORS = ["chair", "coordinator", "teacher", "youth_worker"]
ACTION_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["service", "complete", "cancel", "force"]),
        st.sampled_from(ACTORS),
        st.sampled_from(STATUS_VALUES),
        st.sampled_from(["", "Niet meer nodig."]),
    ),
    max_size=8,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(operations=ACTION_OPERATIONS)
def test_no_illegal_action_transition_is_reachable(personas, sharing_defaults, operations):
    item = AgendaItemFactory(meeting=MeetingFactory(municipality=personas.municipality, chair=personas.chair))
    item.case.coordinator = personas.coordinator
    item.case.save(update_fields=["coordinator"])
    action = ActionFactory(item=item, owner_organisation=personas.school_org)
    for kind, actor_name, target, reason in operations:
        actor = getattr(personas, actor_name)
        before = Action.objects.get(pk=action.pk).status
        try:
            if kind == "service":
                meetings.change_action_status(actor, action, target, reason=reason)
            elif kind == "complete":
                meetings.complete_action(actor, action)
            elif kind == "cancel":
                meetings.cancel_action(actor, action, reason=reason)
            else:
                action.refresh_from_db()
                workflow.transition_action(action, target, actor)
        except (ValidationError, NotAllowed):
            pass
        except NotVisible:  # the youth worker does not see the school's action
            assert actor_name == "youth_worker"
        after = Action.objects.get(pk=action.pk).status
        assert after == before or after in workflow.ACTION_TRANSITIONS[ActionStatus(before)]
        if kind != "force" and after != before:
            if after == ActionStatus.CANCELLED:
                assert reason and actor_name in {"chair", "coordinator"}
            if after == ActionStatus.DONE:
                assert actor_name in {"chair", "coordinator", "teacher"}  # the teacher's school owns it
    final = Action.objects.get(pk=action.pk)
    _history_explains(final.status_changes.order_by("pk"), ActionStatus.OPEN, final.status, workflow.ACTION_TRANSITIONS)
    assert (final.closed_at is None) == (final.status == ActionStatus.OPEN)
