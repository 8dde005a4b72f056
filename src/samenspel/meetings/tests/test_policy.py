"""Who sees what of a meeting and its agenda items (sharing.policy, meeting section), through
the querysets and the selectors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from samenspel.core.exceptions import NotVisible
from samenspel.meetings import selectors
from samenspel.meetings import services as meetings
from samenspel.meetings.exceptions import ConfidentialityNotConfirmed
from samenspel.meetings.models import Action, AgendaItem, DisclosureDecision, Meeting, MeetingDecision, Minutes
from samenspel.sharing import policy
from samenspel.testing.factories_cases import category
from samenspel.testing.factories_meetings import (
    ActionFactory,
    MeetingDecisionFactory,
    MeetingFactory,
    MinutesFactory,
    confirm,
)

pytestmark = pytest.mark.django_db

EVERYONE_WHO_CONFIRMS = ("coordinator", "chair", "teacher", "police_officer", "youth_worker")


def codes(view) -> set[str]:
    return {info.category.code for info in view.information_items}


@pytest.fixture
def confirmed(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, *(getattr(personas, name) for name in EVERYONE_WHO_CONFIRMS))
    MinutesFactory(item=meeting_scenario.item, text="Politie deelt zorgen.")
    MeetingDecisionFactory(item=meeting_scenario.item)
    return meeting_scenario


# Meetings ------------------------------------------------------------------------------------


def test_who_sees_the_meeting(personas, meeting_scenario):
    meeting = meeting_scenario.meeting
    seeing = {
        name for name, user in personas.by_name().items() if Meeting.objects.visible_to(user).filter(pk=meeting.pk)
    }
    assert seeing == {"coordinator", "chair", "teacher", "police_officer", "youth_worker"}


def test_a_personal_invitation_admits_that_person_only(personas):
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    meetings.invite(personas.chair, meeting, personas.youth_work_org, person=personas.youth_worker)
    colleague = type(personas.youth_worker).objects.create_user(
        email="collega@jongerenwerk.test", full_name="Collega", organisation=personas.youth_work_org
    )
    from samenspel.testing.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=colleague, role="partner", municipality=personas.municipality)
    assert Meeting.objects.visible_to(personas.youth_worker).filter(pk=meeting.pk).exists()
    assert not Meeting.objects.visible_to(colleague).filter(pk=meeting.pk).exists()


def test_municipal_coordinators_see_the_meetings_of_their_region_but_do_not_run_them(personas):
    regional = MeetingFactory(region=personas.region, municipality=None, chair=personas.chair)
    elsewhere = MeetingFactory(municipality=personas.outsider_org.municipality, chair=personas.outsider)
    assert Meeting.objects.visible_to(personas.coordinator).filter(pk=regional.pk).exists()
    assert not Meeting.objects.managed_by(personas.coordinator).filter(pk=regional.pk).exists()
    assert Meeting.objects.managed_by(personas.chair).filter(pk=regional.pk).exists()
    assert not Meeting.objects.visible_to(personas.coordinator).filter(pk=elsewhere.pk).exists()


@pytest.mark.parametrize("name", ["outsider", "app_manager", "privacy_officer", "analyst", "mayors_office"])
def test_outsiders_and_separated_roles_see_nothing(personas, confirmed, name):
    user = getattr(personas, name)
    meeting, item = confirmed.meeting, confirmed.item
    ActionFactory(item=item, owner_organisation=personas.youth_work_org)
    assert not Meeting.objects.visible_to(user).exists()
    assert not AgendaItem.objects.visible_to(user).exists()
    assert not Minutes.objects.visible_to(user).exists()
    assert not MeetingDecision.objects.visible_to(user).exists()
    assert not Action.objects.visible_to(user).exists()
    assert not DisclosureDecision.objects.visible_to(user).exists()
    with pytest.raises(NotVisible):
        selectors.get_meeting_for(user, meeting.pk)
    with pytest.raises(NotVisible):
        selectors.agenda_item_view(user, item)
    with pytest.raises(NotVisible):
        selectors.get_agenda_item_for(user, item.pk)


def test_even_a_confirmation_row_does_not_let_an_outsider_in(personas, confirmed):
    confirm(confirmed.meeting, personas.outsider)
    with pytest.raises(NotVisible):
        selectors.agenda_for(personas.outsider, confirmed.meeting)


# The confidentiality gate ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EVERYONE_WHO_CONFIRMS)
def test_no_agenda_content_before_confirming(personas, meeting_scenario, name):
    user = getattr(personas, name)
    meeting, item = meeting_scenario.meeting, meeting_scenario.item
    MinutesFactory(item=item)
    with pytest.raises(ConfidentialityNotConfirmed) as refused:
        selectors.get_meeting_for(user, meeting.pk)
    assert refused.value.meeting == meeting
    with pytest.raises(ConfidentialityNotConfirmed):
        selectors.agenda_for(user, meeting)
    with pytest.raises(ConfidentialityNotConfirmed):
        selectors.agenda_item_view(user, item)
    with pytest.raises(ConfidentialityNotConfirmed):
        selectors.get_agenda_item_for(user, item.pk)
    assert not AgendaItem.objects.visible_to(user).exists()
    assert not Minutes.objects.visible_to(user).exists()
    assert selectors.meeting_header_for(user, meeting.pk) == meeting
    meetings.confirm_confidentiality(user, meeting)
    assert selectors.get_meeting_for(user, meeting.pk) == meeting
    assert [view.item for view in selectors.agenda_for(user, meeting)] == [item]


def test_a_confirmation_counts_for_one_meeting_only(personas, meeting_scenario):
    other = MeetingFactory(municipality=personas.municipality, chair=personas.chair, invited=[personas.school_org])
    meetings.confirm_confidentiality(personas.teacher, other)
    with pytest.raises(ConfidentialityNotConfirmed):
        selectors.agenda_for(personas.teacher, meeting_scenario.meeting)


# What each attendee sees of the agenda item -----------------------------------------------------


def test_team_members_see_the_item_as_the_agreement_gives_their_organisation(personas, confirmed):
    teacher = selectors.agenda_item_view(personas.teacher, confirmed.item)
    assert teacher.is_participant
    assert codes(teacher) == {"identification", "education"}
    assert teacher.subject == confirmed.item.case.subject
    assert teacher.minutes is not None and len(teacher.decisions) == 1
    police = selectors.agenda_item_view(personas.police_officer, confirmed.item)
    assert codes(police) == {"identification", "education", "police_and_justice", "online"}


def test_the_chair_and_the_coordinator_see_the_item_within_the_agreement(personas, confirmed):
    chair = selectors.agenda_item_view(personas.chair, confirmed.item)
    assert chair.is_participant and chair.minutes is not None
    assert codes(chair) == {"identification", "education", "care_and_welfare", "family", "online"}
    coordinator = selectors.agenda_item_view(personas.coordinator, confirmed.item)
    # The municipality receives everything but intelligence, and sees what it provided itself.
    assert codes(coordinator) == {c for c in {i.category.code for i in confirmed.item.case.information_items.all()}}


def test_youth_worker_not_on_the_team_sees_no_police_item_until_the_chair_shares_it(personas, confirmed):
    view = selectors.agenda_item_view(personas.youth_worker, confirmed.item)
    assert not view.is_participant
    assert view.information_items == ()
    assert view.subject is None
    assert view.minutes is None and view.decisions == ()
    assert not policy.agenda_item_categories(personas.youth_worker, confirmed.item).exists()

    meetings.share_for_item(
        personas.chair,
        confirmed.item,
        personas.youth_work_org,
        category("police_and_justice"),
        "Jongerenwerk begeleidt de betrokkene en moet het contactverbod kennen.",
    )
    view = selectors.agenda_item_view(personas.youth_worker, confirmed.item)
    assert codes(view) == {"police_and_justice"}
    assert view.subject is None  # identification was not shared
    assert view.minutes is None
    assert [d.category.code for d in view.disclosures] == ["police_and_justice"]

    meetings.share_for_item(
        personas.chair, confirmed.item, personas.youth_work_org, category("identification"), "Om wie het gaat."
    )
    view = selectors.agenda_item_view(personas.youth_worker, confirmed.item)
    assert view.subject == confirmed.item.case.subject
    assert set(policy.agenda_item_categories(personas.youth_worker, confirmed.item).values_list("code", flat=True)) == {
        "police_and_justice",
        "identification",
    }
    # The disclosure is for this item and this organisation only.
    assert codes(selectors.agenda_item_view(personas.teacher, confirmed.item)) == {"identification", "education"}


def test_a_disclosure_shows_nothing_outside_the_meeting(personas, confirmed):
    from samenspel.cases.models import InformationItem

    meetings.share_for_item(
        personas.chair, confirmed.item, personas.youth_work_org, category("police_and_justice"), "Nodig."
    )
    assert not InformationItem.objects.visible_to(personas.youth_worker).filter(case=confirmed.item.case).exists()


def test_disclosures_are_seen_by_the_chair_the_coordinator_and_the_recipient_only(personas, confirmed):
    meetings.share_for_item(
        personas.chair, confirmed.item, personas.youth_work_org, category("police_and_justice"), "Nodig."
    )
    seeing = {
        name
        for name in EVERYONE_WHO_CONFIRMS
        if DisclosureDecision.objects.visible_to(getattr(personas, name)).exists()
    }
    assert seeing == {"chair", "coordinator", "youth_worker"}


def test_leaving_the_team_ends_what_the_agreement_gave_at_the_meeting(personas, confirmed):
    confirmed.item.case.team_members.filter(organisation=personas.school_org).update(is_lead=False)
    confirmed.item.case.team_members.filter(organisation=personas.school_org).delete()
    view = selectors.agenda_item_view(personas.teacher, confirmed.item)
    # Only what the school itself provided remains; no minutes, no name.
    assert codes(view) == {"education"}
    assert view.minutes is None and view.subject is None and not view.is_participant


# Actions ---------------------------------------------------------------------------------------


def test_actions_are_seen_by_owner_chair_and_case_team(personas, confirmed):
    action = ActionFactory(item=confirmed.item, owner_organisation=personas.youth_work_org, overdue=True)
    for name in ("youth_worker", "chair", "coordinator", "teacher", "police_officer"):
        assert Action.objects.visible_to(getattr(personas, name)).filter(pk=action.pk).exists(), name
    assert [a.pk for a in selectors.overdue_actions_for(personas.coordinator)] == [action.pk]
    assert [a.pk for a in selectors.overdue_actions_for(personas.chair)] == [action.pk]
    assert [a.pk for a in selectors.actions_for_owner(personas.youth_worker)] == [action.pk]
    assert selectors.actions_for_owner(personas.teacher).count() == 0
    # The youth worker sees the action on the item, not the rest of it.
    view = selectors.agenda_item_view(personas.youth_worker, confirmed.item)
    assert [a.pk for a in view.actions] == [action.pk] and view.information_items == ()


def test_actions_for_the_owner_need_no_confirmation_and_list_open_ones_due_first(personas, meeting_scenario):
    item = meeting_scenario.item
    later = ActionFactory(item=item, owner_organisation=personas.youth_work_org)
    overdue = ActionFactory(item=item, owner_organisation=personas.youth_work_org, overdue=True)
    ActionFactory(item=item, owner_organisation=personas.youth_work_org, done=True)
    ActionFactory(item=item, owner_organisation=personas.youth_work_org, owner_person=personas.chair)
    mine = list(selectors.actions_for_owner(personas.youth_worker))
    assert [a.pk for a in mine] == [overdue.pk, later.pk]
    assert [a.is_overdue for a in mine] == [True, False]


def test_the_first_actions_of_the_start_page_are_the_first_of_the_whole_list(personas, meeting_scenario):
    # Read as two halves (named to the person; to the organisation without a person) and
    # merged: the result must be exactly the head of the one ordered list, ties by id.
    item = meeting_scenario.item
    today = timezone.localdate()
    for days in (5, 1, 9, 1, 3, 7, 2):
        ActionFactory(item=item, owner_organisation=personas.youth_work_org, due_date=today + timedelta(days=days))
        ActionFactory(
            item=item,
            owner_organisation=personas.youth_work_org,
            owner_person=personas.youth_worker,
            due_date=today + timedelta(days=days + 1),
        )
    ActionFactory(item=item, owner_organisation=personas.youth_work_org, owner_person=personas.chair)
    whole = [a.pk for a in selectors.actions_for_owner(personas.youth_worker)]
    assert len(whole) == 14
    for limit in (1, 3, 6, 14, 20):
        first = selectors.first_actions_for_owner(personas.youth_worker, limit)
        assert [a.pk for a in first] == whole[:limit], limit
    assert selectors.first_actions_for_owner(personas.teacher, 20) == []
