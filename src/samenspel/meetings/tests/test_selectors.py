"""The selectors the UI, the API and the per-recipient export build on."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspel.meetings import selectors
from samenspel.testing.factories_cases import CaseFactory, InformationItemFactory, category
from samenspel.testing.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    DisclosureDecisionFactory,
    MeetingDecisionFactory,
    MeetingFactory,
    MinutesFactory,
    confirm,
)

pytestmark = pytest.mark.django_db


def _meeting_with(personas, cases: int):
    meeting = MeetingFactory(
        municipality=personas.municipality, chair=personas.chair, invited=[personas.school_org, personas.youth_work_org]
    )
    for _ in range(cases):
        case = CaseFactory(
            municipality=personas.municipality,
            coordinator=personas.coordinator,
            team=[personas.school_org, personas.police_org],
        )
        item = AgendaItemFactory(meeting=meeting, case=case)
        InformationItemFactory(case=case, police=True, source_organisation=personas.police_org)
        InformationItemFactory(case=case, education=True, source_organisation=personas.school_org)
        MinutesFactory(item=item)
        MeetingDecisionFactory(item=item)
        ActionFactory(item=item, owner_organisation=personas.youth_work_org)
        DisclosureDecisionFactory(item=item, organisation=personas.youth_work_org, category=category("education"))
    confirm(meeting, personas.chair, personas.teacher, personas.youth_worker, personas.coordinator)
    return meeting


@pytest.mark.parametrize("name", ["chair", "teacher", "youth_worker", "coordinator"])
def test_the_agenda_takes_the_same_number_of_queries_for_2_or_8_cases(personas, name):
    user = getattr(personas, name)
    counts = []
    for size in (2, 8):
        meeting = _meeting_with(personas, size)
        user = type(user).objects.get(pk=user.pk)  # a fresh user: role cache included in the count
        with CaptureQueriesContext(connection) as queries:
            views = selectors.agenda_for(user, meeting)
            for view in views:
                for info in view.information_items:
                    assert info.category.code and info.source_organisation.name
                for action in view.actions:
                    assert action.owner_organisation.name and action.is_overdue in (True, False)
                if view.subject is not None:
                    assert view.subject.family_name is not None
        assert len(views) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_agenda_is_in_order_with_what_each_recipient_may_see(personas):
    meeting = _meeting_with(personas, 3)
    teacher = selectors.agenda_for(personas.teacher, meeting)
    assert [v.order for v in teacher] == [1, 2, 3]
    assert all({i.category.code for i in v.information_items} == {"education"} for v in teacher)
    assert all(v.minutes is not None and len(v.decisions) == 1 for v in teacher)
    youth = selectors.agenda_for(personas.youth_worker, meeting)
    assert all({i.category.code for i in v.information_items} == {"education"} for v in youth)
    assert all(v.minutes is None and v.decisions == () and v.subject is None for v in youth)
    assert all(len(v.actions) == 1 for v in youth)


def test_agenda_item_view_equals_the_agenda_entry(personas):
    meeting = _meeting_with(personas, 2)
    for name in ("chair", "teacher", "youth_worker", "coordinator"):
        user = getattr(personas, name)
        for view in selectors.agenda_for(user, meeting):
            assert selectors.agenda_item_view(user, view.item) == view


def test_minutes_history_and_disclosures_follow_the_policy(personas):
    meeting = _meeting_with(personas, 1)
    item = meeting.agenda_items.get()
    assert selectors.minutes_history_for(personas.teacher, item).count() == 1
    assert selectors.minutes_history_for(personas.youth_worker, item).count() == 0
    assert selectors.disclosures_for(personas.youth_worker, item).count() == 1
    assert selectors.disclosures_for(personas.teacher, item).count() == 0
    assert selectors.actions_for_item(personas.youth_worker, item).count() == 1


def test_lists_of_meetings_and_unknown_ids(personas):
    from samenspel.core.exceptions import NotVisible

    meeting = _meeting_with(personas, 1)
    assert list(selectors.meetings_for(personas.police_officer)) == []  # the police are not invited
    assert list(selectors.upcoming_meetings_for(personas.youth_worker)) == [meeting]
    for pk in ("abc", -1, 0, 2**70, None, "1; DROP TABLE x"):
        with pytest.raises(NotVisible):
            selectors.get_meeting_for(personas.chair, pk)
        with pytest.raises(NotVisible):
            selectors.get_agenda_item_for(personas.chair, pk)
