"""The meeting services: who may call them, what they write, what they refuse."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings import services as meetings
from samenspel.meetings.exceptions import ConfidentialityNotConfirmed
from samenspel.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    ConfidentialityConfirmation,
    Meeting,
    MeetingInvitation,
    MinutesRevision,
)
from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.testing.factories_cases import CaseFactory, category
from samenspel.testing.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    MeetingFactory,
    MinutesFactory,
    confirm,
)

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.now() + datetime.timedelta(days=7)
IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)


def errors_of(raised) -> dict:
    return raised.value.message_dict


# Meetings ------------------------------------------------------------------------------------


def test_a_chair_plans_a_regional_meeting_and_a_coordinator_a_municipal_one(personas):
    regional = meetings.create_meeting(
        personas.chair, region=personas.region, starts_at=NEXT_WEEK, online_link="https://overleg.example.nl/abc"
    )
    assert regional.chair == personas.chair and regional.status == MeetingStatus.PLANNED
    local = meetings.create_meeting(
        personas.coordinator, municipality=personas.municipality, starts_at=NEXT_WEEK, location="Stadhuis"
    )
    assert local.chair == personas.coordinator
    chaired = meetings.create_meeting(
        personas.coordinator,
        municipality=personas.municipality,
        starts_at=NEXT_WEEK,
        ends_at=NEXT_WEEK + datetime.timedelta(hours=2),
        location="Stadhuis",
        chair=personas.chair,
    )
    assert chaired.chair == personas.chair


@pytest.mark.parametrize("name", ["teacher", "police_officer", "app_manager", "privacy_officer", "analyst", "outsider"])
def test_only_chairs_and_coordinators_plan_meetings(personas, name):
    with pytest.raises(NotAllowed):
        meetings.create_meeting(
            getattr(personas, name), municipality=personas.municipality, starts_at=NEXT_WEEK, location="Stadhuis"
        )
    assert not Meeting.objects.exists()


def test_a_municipal_coordinator_plans_no_regional_or_other_municipality_meeting(personas):
    with pytest.raises(NotAllowed):
        meetings.create_meeting(personas.coordinator, region=personas.region, starts_at=NEXT_WEEK, location="ZVH")
    with pytest.raises(NotAllowed):
        meetings.create_meeting(
            personas.coordinator, municipality=personas.neighbour, starts_at=NEXT_WEEK, location="x"
        )


def test_the_chair_must_be_a_chair_or_coordinator_of_the_scope(personas):
    with pytest.raises(ValidationError) as raised:
        meetings.create_meeting(
            personas.chair,
            municipality=personas.municipality,
            starts_at=NEXT_WEEK,
            location="x",
            chair=personas.teacher,
        )
    assert "chair" in errors_of(raised)


def test_scope_must_be_a_municipality_or_a_region(personas):
    for scope in ({}, {"municipality": personas.municipality, "region": personas.region}):
        with pytest.raises(ValidationError) as raised:
            meetings.create_meeting(personas.chair, starts_at=NEXT_WEEK, location="x", **scope)
        assert "municipality" in errors_of(raised)


def test_update_meeting_while_planned_only(personas, meeting_scenario):
    meeting = meetings.update_meeting(personas.chair, meeting_scenario.meeting, location="Zaal 2", online_link="")
    assert meeting.location == "Zaal 2"
    with pytest.raises(TypeError):
        meetings.update_meeting(personas.chair, meeting, status="held")
    with pytest.raises(NotAllowed):
        meetings.update_meeting(personas.teacher, meeting, location="Elders")
    with pytest.raises(NotVisible):
        meetings.update_meeting(personas.outsider, meeting, location="Elders")
    meetings.change_meeting_status(personas.chair, meeting, MeetingStatus.CANCELLED, reason="Geen agenda.")
    with pytest.raises(ValidationError) as raised:
        meetings.update_meeting(personas.chair, meeting, location="Zaal 3")
    assert "status" in errors_of(raised)


def test_a_meeting_is_held_once_started_and_cancelled_with_a_reason(personas):
    future = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    with pytest.raises(ValidationError) as raised:
        meetings.change_meeting_status(personas.chair, future, MeetingStatus.HELD)
    assert "status" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:
        meetings.change_meeting_status(personas.chair, future, MeetingStatus.CANCELLED)
    assert "reason" in errors_of(raised)
    past = MeetingFactory(
        municipality=personas.municipality, chair=personas.chair, starts_at=timezone.now() - datetime.timedelta(hours=3)
    )
    change = meetings.change_meeting_status(personas.coordinator, past, MeetingStatus.HELD)
    assert (change.from_status, change.to_status, change.changed_by) == ("planned", "held", personas.coordinator)
    with pytest.raises(ValidationError) as raised:
        meetings.change_meeting_status(personas.chair, past, MeetingStatus.CANCELLED, reason="Te laat.")
    assert "status" in errors_of(raised)


def test_invite_organisations_and_persons_of_the_region(personas):
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    invitation = meetings.invite(personas.chair, meeting, personas.police_org)
    assert invitation.person is None and invitation.invited_by == personas.chair
    meetings.invite(personas.coordinator, meeting, personas.school_org, person=personas.teacher)
    with pytest.raises(ValidationError) as raised:
        meetings.invite(personas.chair, meeting, personas.police_org)
    assert "organisation" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:
        meetings.invite(personas.chair, meeting, personas.outsider_org)
    assert "organisation" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:
        meetings.invite(personas.chair, meeting, personas.school_org, person=personas.youth_worker)
    assert "person" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:  # no case work: no meetings
        meetings.invite(personas.chair, meeting, personas.municipality_org, person=personas.app_manager)
    assert "person" in errors_of(raised)
    with pytest.raises(NotAllowed):
        meetings.invite(personas.teacher, meeting, personas.youth_work_org)
    assert MeetingInvitation.objects.filter(meeting=meeting).count() == 2


def test_confirming_confidentiality_is_recorded_once(personas, meeting_scenario):
    meeting = meeting_scenario.meeting
    first = meetings.confirm_confidentiality(personas.youth_worker, meeting)
    assert (first.user, first.organisation) == (personas.youth_worker, personas.youth_work_org)
    assert first.confirmed_at <= timezone.now()
    again = meetings.confirm_confidentiality(personas.youth_worker, meeting)
    assert again.pk == first.pk
    assert ConfidentialityConfirmation.objects.filter(meeting=meeting).count() == 1
    with pytest.raises(NotVisible):
        meetings.confirm_confidentiality(personas.outsider, meeting)
    with pytest.raises(NotAllowed):
        meetings.confirm_confidentiality(personas.app_manager, meeting)


# The agenda ------------------------------------------------------------------------------------


def test_the_directing_coordinator_puts_cases_on_the_agenda_in_order(personas, case_scenario):
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    first = meetings.add_agenda_item(personas.coordinator, meeting, case_scenario.case, kind=AgendaItemKind.NEW)
    other = CaseFactory(
        municipality=personas.municipality, coordinator=personas.coordinator, team=[personas.school_org]
    )
    second = meetings.add_agenda_item(personas.coordinator, meeting, other, kind=AgendaItemKind.REVIEW)
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.coordinator, meeting, other, kind=AgendaItemKind.REVIEW)
    assert "case" in errors_of(raised)
    ordered = meetings.reorder_agenda(personas.chair, meeting, [second.pk, first])
    assert [(i.pk, i.order) for i in ordered] == [(second.pk, 1), (first.pk, 2)]
    with pytest.raises(ValidationError) as raised:
        meetings.reorder_agenda(personas.chair, meeting, [second.pk])
    assert "order" in errors_of(raised)
    with pytest.raises(ValidationError):
        meetings.reorder_agenda(personas.chair, meeting, [second.pk, second.pk])
    meetings.remove_agenda_item(personas.coordinator, second)
    first.refresh_from_db()
    assert first.order == 1 and list(AgendaItem.objects.filter(meeting=meeting)) == [first]


def test_a_case_that_was_discussed_before_is_not_new_again(personas, case_scenario):
    earlier = MeetingFactory(municipality=personas.municipality, chair=personas.chair, held=True)
    AgendaItemFactory(meeting=earlier, case=case_scenario.case)
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.coordinator, meeting, case_scenario.case, kind=AgendaItemKind.NEW)
    assert "kind" in errors_of(raised)
    item = meetings.add_agenda_item(personas.coordinator, meeting, case_scenario.case, kind=AgendaItemKind.REVIEW)
    assert item.kind == "review"


def test_who_may_not_put_a_case_on_the_agenda(personas, case_scenario):
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair, invited=[personas.school_org])
    with pytest.raises(NotAllowed):  # sees the case (team), does not direct it, does not chair
        meetings.add_agenda_item(personas.teacher, meeting, case_scenario.case, kind="new")
    with pytest.raises(NotVisible):  # the chair does not see this case (the hub is not on the team)
        meetings.add_agenda_item(personas.chair, meeting, case_scenario.case, kind="new")
    with pytest.raises(NotAllowed):  # a partner, not a chair or coordinator
        meetings.add_agenda_item(personas.outsider, meeting, case_scenario.case, kind="new")
    with pytest.raises(NotVisible):  # a case of the neighbouring municipality
        meetings.add_agenda_item(personas.coordinator, meeting, case_scenario.other_case, kind="new")
    closed = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, closed=True)
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.coordinator, meeting, closed, kind="closure")
    assert "case" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.coordinator, meeting, case_scenario.case, kind="urgent")
    assert "kind" in errors_of(raised)
    assert not AgendaItem.objects.exists()


def test_the_chair_adds_cases_the_hub_works_on(personas, case_scenario):
    from samenspel.accounts.models import Organisation

    hub = Organisation.objects.get(type="zorg_veiligheidshuis")
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, team=[hub])
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    assert meetings.add_agenda_item(personas.chair, meeting, case, kind="new").added_by == personas.chair
    next_door = CaseFactory(municipality=personas.neighbour, team=[hub])
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.chair, meeting, next_door, kind="new")
    assert "case" in errors_of(raised)
    regional = MeetingFactory(region=personas.region, municipality=None, chair=personas.chair)
    assert meetings.add_agenda_item(personas.chair, regional, next_door, kind="new").order == 1


def test_the_agenda_of_a_held_meeting_is_fixed_and_a_recorded_item_stays(personas, meeting_scenario):
    item = meeting_scenario.item
    confirm(meeting_scenario.meeting, personas.chair)
    meetings.record_decision(personas.chair, item, text="Bespreken over zes weken.")
    with pytest.raises(ValidationError):
        meetings.remove_agenda_item(personas.chair, item)
    held = MeetingFactory(municipality=personas.municipality, chair=personas.chair, held=True)
    other = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    with pytest.raises(ValidationError) as raised:
        meetings.add_agenda_item(personas.coordinator, held, other, kind="new")
    assert "status" in errors_of(raised)


# Minutes and decisions ----------------------------------------------------------------------------


def test_minutes_are_versioned_and_history_is_kept(personas, meeting_scenario):
    item = meeting_scenario.item
    confirm(meeting_scenario.meeting, personas.chair, personas.coordinator)
    minutes = meetings.write_minutes(personas.chair, item, text="Eerste versie.")
    assert minutes.version == 1
    minutes = meetings.write_minutes(personas.coordinator, item, text="Tweede versie.", expected_version=1)
    assert (minutes.version, minutes.text, minutes.updated_by) == (2, "Tweede versie.", personas.coordinator)
    with pytest.raises(ValidationError) as raised:
        meetings.write_minutes(personas.chair, item, text="Over een oude versie heen.", expected_version=1)
    assert "text" in errors_of(raised)
    revisions = MinutesRevision.objects.filter(minutes=minutes).order_by("version")
    assert [(r.version, r.text) for r in revisions] == [(1, "Eerste versie."), (2, "Tweede versie.")]


@pytest.mark.parametrize("name", ["teacher", "police_officer", "youth_worker"])
def test_attendees_do_not_write_minutes_or_decisions(personas, meeting_scenario, name):
    user = getattr(personas, name)
    confirm(meeting_scenario.meeting, user)
    with pytest.raises(NotAllowed):
        meetings.write_minutes(user, meeting_scenario.item, text="x")
    with pytest.raises(NotAllowed):
        meetings.record_decision(user, meeting_scenario.item, text="x")


def test_writing_needs_the_confirmation_too(personas, meeting_scenario):
    with pytest.raises(ConfidentialityNotConfirmed):
        meetings.write_minutes(personas.chair, meeting_scenario.item, text="x")
    with pytest.raises(ConfidentialityNotConfirmed):
        meetings.share_for_item(
            personas.chair, meeting_scenario.item, personas.youth_work_org, category("identification"), "x"
        )
    with pytest.raises(NotVisible):
        meetings.write_minutes(personas.outsider, meeting_scenario.item, text="x")


def test_nothing_is_recorded_for_a_cancelled_meeting(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    meetings.change_meeting_status(personas.chair, meeting_scenario.meeting, "cancelled", reason="Ziek.")
    with pytest.raises(ValidationError) as raised:
        meetings.write_minutes(personas.chair, meeting_scenario.item, text="x")
    assert "status" in errors_of(raised)


# Disclosures -------------------------------------------------------------------------------------


def test_only_the_meetings_chair_shares(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair, personas.coordinator, personas.police_officer)
    for user in (personas.coordinator, personas.police_officer):
        with pytest.raises(NotAllowed):
            meetings.share_for_item(
                user, meeting_scenario.item, personas.youth_work_org, category("police_and_justice"), "x"
            )
    decision = meetings.share_for_item(
        personas.chair, meeting_scenario.item, personas.youth_work_org, category("police_and_justice"), " Nodig. "
    )
    assert (decision.decided_by, decision.reason, decision.organisation) == (
        personas.chair,
        "Nodig.",
        personas.youth_work_org,
    )
    assert decision.decided_at <= timezone.now()


def test_what_the_chair_may_not_share(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    item = meeting_scenario.item

    def refused(organisation, code, reason="Reden.") -> dict:
        with pytest.raises(ValidationError) as raised:
            meetings.share_for_item(personas.chair, item, organisation, category(code), reason)
        return errors_of(raised)

    assert "category" in refused(personas.youth_work_org, "intelligence")  # nobody receives it
    assert "organisation" in refused(personas.municipality_org, "police_and_justice")  # not invited
    assert "category" in refused(personas.police_org, "police_and_justice")  # already via the team
    assert "reason" in refused(personas.youth_work_org, "police_and_justice", reason="  ")
    meetings.share_for_item(personas.chair, item, personas.youth_work_org, category("police_and_justice"), "Nodig.")
    assert "category" in refused(personas.youth_work_org, "police_and_justice")  # twice
    # A team organisation may get a category the agreement does not give it.
    meetings.share_for_item(personas.chair, item, personas.school_org, category("family"), "Voor de mentor.")


# Actions ---------------------------------------------------------------------------------------


def test_the_chair_assigns_an_action_to_an_invited_organisation(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    action = meetings.create_action(
        personas.chair,
        meeting_scenario.item,
        description="Contact leggen met de betrokkene.",
        owner_organisation=personas.youth_work_org,
        owner_person=personas.youth_worker,
        due_date=IN_TWO_WEEKS,
    )
    assert action.status == ActionStatus.OPEN and action.created_by == personas.chair
    updated = meetings.update_action(personas.coordinator, action, due_date=IN_TWO_WEEKS + datetime.timedelta(days=7))
    assert updated.due_date == IN_TWO_WEEKS + datetime.timedelta(days=7)
    with pytest.raises(NotAllowed):  # the owner completes, does not reschedule
        meetings.update_action(personas.youth_worker, action, due_date=IN_TWO_WEEKS)
    with pytest.raises(NotAllowed):  # nor cancel
        meetings.cancel_action(personas.youth_worker, action, reason="Geen tijd.")
    done = meetings.complete_action(personas.youth_worker, action)
    assert done.status == ActionStatus.DONE and done.closed_at is not None
    assert [(c.from_status, c.to_status) for c in done.status_changes.all()] == [("open", "done")]
    with pytest.raises(ValidationError) as raised:
        meetings.update_action(personas.chair, done, description="Nog iets.")
    assert "status" in errors_of(raised)


def test_action_owner_must_be_on_the_team_or_invited(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    with pytest.raises(ValidationError) as raised:
        meetings.create_action(
            personas.chair,
            meeting_scenario.item,
            description="x",
            owner_organisation=personas.outsider_org,
            due_date=IN_TWO_WEEKS,
        )
    assert "owner_organisation" in errors_of(raised)
    with pytest.raises(ValidationError) as raised:
        meetings.create_action(
            personas.chair,
            meeting_scenario.item,
            description="x",
            owner_organisation=personas.school_org,
            owner_person=personas.police_officer,
            due_date=IN_TWO_WEEKS,
        )
    assert "owner_person" in errors_of(raised)


def test_cancel_needs_a_reason_and_a_cancelled_action_stays_cancelled(personas, meeting_scenario):
    action = ActionFactory(item=meeting_scenario.item, owner_organisation=personas.school_org)
    with pytest.raises(ValidationError) as raised:
        meetings.cancel_action(personas.coordinator, action, reason="")
    assert "reason" in errors_of(raised)
    cancelled = meetings.cancel_action(personas.coordinator, action, reason="Niet meer nodig.")
    assert cancelled.status == ActionStatus.CANCELLED
    with pytest.raises(ValidationError) as raised:
        meetings.complete_action(personas.teacher, cancelled)
    assert "status" in errors_of(raised)
    with pytest.raises(NotVisible):
        meetings.complete_action(personas.outsider, cancelled)


def test_minutes_factory_and_service_agree(personas, meeting_scenario):
    MinutesFactory(item=meeting_scenario.item, text="Start.")
    confirm(meeting_scenario.meeting, personas.chair)
    minutes = meetings.write_minutes(personas.chair, meeting_scenario.item, text="Vervolg.", expected_version=1)
    assert minutes.version == 2 and minutes.revisions.count() == 2
