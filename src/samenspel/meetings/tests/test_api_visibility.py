"""Who sees what of a case conference through the API. The agenda only after the
confidentiality confirmation (before it: 403 naming how to confirm, audited as denied); an
attendee whose organisation is not on the case's team (youth work) sees of an item only what
the chair disclosed to it, never the minutes or the decisions; an outsider gets 404 for
everything and an empty list. Every read writes one audit entry."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.meetings.models import ConfidentialityConfirmation
from samenspel.testing.factories_cases import category
from samenspel.testing.factories_meetings import (
    ActionFactory,
    DisclosureDecisionFactory,
    MeetingDecisionFactory,
    MinutesFactory,
    confirm,
)

pytestmark = pytest.mark.django_db
MEETINGS, ITEMS = "/api/v1/meetings/", "/api/v1/agenda-items/"
MINUTES, DECISIONS = "/api/v1/minutes/", "/api/v1/meeting-decisions/"
ACTIONS, DISCLOSURES = "/api/v1/actions/", "/api/v1/item-disclosures/"
INVITATIONS, CONFIRMATIONS = "/api/v1/meeting-invitations/", "/api/v1/confidentiality-confirmations/"


@pytest.fixture
def scene(personas, meeting_scenario):
    """The meeting scenario with minutes, a decision and an action of youth work."""
    item = meeting_scenario.item
    return (
        meeting_scenario,
        MinutesFactory(item=item),
        MeetingDecisionFactory(item=item),
        ActionFactory(item=item, owner_organisation=personas.youth_work_org),
    )


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _denied(response, status: int, action: str) -> dict:
    body = assert_problem(response, status)
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.purpose) == (action, Result.DENIED, "meeting")
    return body


def test_the_agenda_waits_for_the_confirmation(personas, scene):
    scenario, minutes, decision, _action = scene
    meeting, item = scenario.meeting, scenario.item
    teacher = api(personas.teacher)

    # The header, not the agenda.
    assert _ids(teacher.get(MEETINGS)) == [meeting.pk]
    assert teacher.get(f"{MEETINGS}{meeting.pk}/").json()["confidentiality_confirmed"] is False
    for path, action in (
        (f"{ITEMS}{item.pk}/", "agenda_item.view"),
        (f"{MINUTES}{minutes.pk}/", "minutes.view"),
        (f"{MINUTES}{minutes.pk}/revisions/", "minutes.history"),
        (f"{DECISIONS}{decision.pk}/", "meeting_decision.view"),
    ):
        body = _denied(teacher.get(path), 403, action)
        assert body["type"].endswith("confidentiality-not-confirmed")
        assert (body["meeting"], body["confirm_at"]) == (meeting.pk, CONFIRMATIONS)
        assert str(meeting.pk) in body["detail"]
    for path in (ITEMS, MINUTES, DECISIONS, DISCLOSURES):
        assert _denied(teacher.get(path, {"meeting": meeting.pk}), 403, _list_action(path))["meeting"] == (meeting.pk)
        assert _ids(teacher.get(path)) == []
    assert _denied(teacher.get(MINUTES, {"item": item.pk}), 403, "minutes.list")["meeting"] == meeting.pk
    # Invitations are for who runs the meeting, and for the others after their confirmation.
    assert _ids(teacher.get(INVITATIONS)) == []
    assert len(_ids(api(personas.chair).get(INVITATIONS, {"meeting": meeting.pk}))) == 3
    # Writes on the item wait as well, and save nothing.
    response = api(personas.chair).post(MINUTES, {"item": item.pk, "text": "Vooraf."}, format="json")
    assert _denied(response, 403, "minutes.write")["confirm_at"] == CONFIRMATIONS
    assert minutes.revisions.count() == 1

    confirm(meeting, personas.teacher)
    response = teacher.get(f"{ITEMS}{item.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["is_participant"] is True
    assert _ids(teacher.get(MINUTES, {"meeting": meeting.pk})) == [minutes.pk]
    assert _ids(teacher.get(DECISIONS, {"item": item.pk})) == [decision.pk]
    assert len(_ids(teacher.get(INVITATIONS))) == 3


def _list_action(path: str) -> str:
    return {
        ITEMS: "agenda_item.list",
        MINUTES: "minutes.list",
        DECISIONS: "meeting_decision.list",
        DISCLOSURES: "disclosure_decision.list",
    }[path]


def test_an_attendee_off_the_team_sees_only_what_was_disclosed(personas, case_scenario, scene):
    scenario, minutes, decision, action = scene
    meeting, item = scenario.meeting, scenario.item
    confirm(meeting, personas.youth_worker, personas.teacher, personas.chair)
    youth = api(personas.youth_worker)

    shown = youth.get(f"{ITEMS}{item.pk}/").json()
    assert (shown["is_participant"], shown["case"], shown["person"]) == (False, None, None)
    assert (shown["categories"], shown["information"]) == ([], [])
    [listed] = youth.get(ITEMS, {"meeting": meeting.pk}).json()["results"]
    assert (listed["id"], listed["case"], listed["person"], listed["categories"]) == (item.pk, None, None, [])
    assert "information" not in listed
    # Never the minutes or the decisions: 404 (not merely 403), and empty lists.
    assert_problem(youth.get(f"{MINUTES}{minutes.pk}/"), 404)
    assert_problem(youth.get(f"{MINUTES}{minutes.pk}/revisions/"), 404)
    assert_problem(youth.get(f"{DECISIONS}{decision.pk}/"), 404)
    assert _ids(youth.get(MINUTES, {"meeting": meeting.pk})) == []
    assert _ids(youth.get(DECISIONS)) == []
    # Its own action, with nothing of the case.
    own = youth.get(f"{ACTIONS}{action.pk}/").json()
    assert (own["item"], own["meeting"]) == (item.pk, meeting.pk)
    assert not {"case", "person", "subject"} & set(own)

    # The chair discloses education, and then the identification.
    education = DisclosureDecisionFactory(
        item=item, organisation=personas.youth_work_org, category=category("education")
    )
    DisclosureDecisionFactory(item=item, organisation=personas.school_org, category=category("online"))
    shown = youth.get(f"{ITEMS}{item.pk}/").json()
    assert shown["categories"] == [category("education").pk]
    assert [info["id"] for info in shown["information"]] == [case_scenario.items["education"].pk]
    assert shown["information"][0]["text"] == "Over education"
    assert shown["person"] is None
    assert _ids(youth.get(DISCLOSURES)) == [education.pk]
    DisclosureDecisionFactory(item=item, organisation=personas.youth_work_org, category=category("identification"))
    shown = youth.get(f"{ITEMS}{item.pk}/").json()
    assert shown["person"] == {"given_names": "Ĳsbrand", "family_name": "van 't Hoff"}
    assert shown["case"] is None  # still not a participant
    assert len(_ids(api(personas.chair).get(DISCLOSURES, {"item": item.pk}))) == 3

    # The teacher (on the team) sees the case and more than what was disclosed to youth work.
    team = api(personas.teacher).get(f"{ITEMS}{item.pk}/").json()
    assert (team["is_participant"], team["case"]) == (True, case_scenario.case.pk)
    assert case_scenario.items["education"].pk in [info["id"] for info in team["information"]]
    assert case_scenario.items["intelligence"].pk not in [info["id"] for info in team["information"]]


def test_outsiders_get_404_and_empty_lists(personas, scene):
    scenario, minutes, decision, action = scene
    meeting, item = scenario.meeting, scenario.item
    confirm(meeting, personas.chair)
    disclosure = DisclosureDecisionFactory(item=item, organisation=personas.youth_work_org)
    outsider = api(personas.outsider)
    for path, action_name in (
        (f"{MEETINGS}{meeting.pk}/", "meeting.header_view"),
        (f"{ITEMS}{item.pk}/", "agenda_item.view"),
        (f"{MINUTES}{minutes.pk}/", "minutes.view"),
        (f"{DECISIONS}{decision.pk}/", "meeting_decision.view"),
        (f"{ACTIONS}{action.pk}/", "action.view"),
        (f"{DISCLOSURES}{disclosure.pk}/", "disclosure_decision.view"),
        (f"{INVITATIONS}{meeting.invitations.first().pk}/", "meeting_invitation.view"),
        (f"{CONFIRMATIONS}{meeting.confirmations.first().pk}/", "confidentiality_confirmation.view"),
    ):
        response = outsider.get(path)
        assert_problem(response, 404)
        [entry] = entries_of(response)
        assert (entry.action, entry.result) == (action_name, Result.DENIED), path
    for path in (MEETINGS, ITEMS, MINUTES, DECISIONS, ACTIONS, DISCLOSURES, INVITATIONS, CONFIRMATIONS):
        assert _ids(outsider.get(path)) == [], path
    # Filtering on the meeting does not reveal that it exists.
    assert _ids(outsider.get(ITEMS, {"meeting": meeting.pk})) == []
    # Confirming or writing for it answers 404 too, and saves nothing.
    response = outsider.post(CONFIRMATIONS, {"meeting": meeting.pk, "statement": True}, format="json")
    assert_problem(response, 404)
    assert not ConfidentialityConfirmation.objects.filter(user=personas.outsider).exists()
    assert_problem(outsider.post(f"{ACTIONS}{action.pk}/complete/"), 404)
    assert_problem(outsider.post(f"{MEETINGS}{meeting.pk}/status/", {"status": "held"}, format="json"), 404)
    assert action.__class__.objects.get(pk=action.pk).status == "open"


def test_no_case_work_no_api(personas, scene):
    scenario, *_ = scene
    response = api(personas.analyst).get(f"{MEETINGS}{scenario.meeting.pk}/")
    assert_problem(response, 403)
    assert_problem(api(personas.privacy_officer).get(MEETINGS), 403)


def test_attendees_see_the_header_but_do_not_run_the_meeting(personas, scene):
    scenario, minutes, _decision, action = scene
    meeting, item = scenario.meeting, scenario.item
    confirm(meeting, personas.teacher, personas.chair)
    teacher = api(personas.teacher)
    body = teacher.get(f"{MEETINGS}{meeting.pk}/").json()
    assert (body["may_manage"], body["confidentiality_confirmed"]) == (False, True)
    for response, action_name in (
        (teacher.patch(f"{MEETINGS}{meeting.pk}/", {"location": "Elders"}, format="json"), "meeting.update"),
        (
            teacher.post(f"{MEETINGS}{meeting.pk}/status/", {"status": "cancelled", "reason": "x"}, format="json"),
            "meeting.change_status",
        ),
        (
            teacher.post(f"{MEETINGS}{meeting.pk}/agenda-order/", {"items": [item.pk]}, format="json"),
            "meeting.reorder_agenda",
        ),
        (
            teacher.post(INVITATIONS, {"meeting": meeting.pk, "organisation": personas.police_org.pk}, format="json"),
            "meeting.invite",
        ),
        (teacher.post(MINUTES, {"item": item.pk, "text": "Ik schrijf mee."}, format="json"), "minutes.write"),
        (
            teacher.put(f"{MINUTES}{minutes.pk}/", {"text": "Ik ook.", "expected_version": 1}, format="json"),
            "minutes.write",
        ),
        (teacher.post(DECISIONS, {"item": item.pk, "text": "Besloten."}, format="json"), "meeting_decision.add"),
        (teacher.delete(f"{ITEMS}{item.pk}/"), "agenda_item.remove"),
        (teacher.post(f"{ACTIONS}{action.pk}/complete/"), "action.change_status"),
        (
            teacher.post(f"{ACTIONS}{action.pk}/cancel/", {"reason": "Niet nodig."}, format="json"),
            "action.change_status",
        ),
        (teacher.patch(f"{ACTIONS}{action.pk}/", {"description": "Anders."}, format="json"), "action.update"),
        (
            teacher.post(
                DISCLOSURES,
                {
                    "item": item.pk,
                    "organisation": personas.youth_work_org.pk,
                    "category": category("education").pk,
                    "reason": "Nodig.",
                },
                format="json",
            ),
            "agenda_item.share",
        ),
    ):
        _denied(response, 403, action_name)
    meeting.refresh_from_db()
    minutes.refresh_from_db()
    action.refresh_from_db()
    assert (meeting.location, meeting.status, meeting.invitations.count()) == ("Stadhuis, zaal 3", "planned", 3)
    assert (minutes.version, action.status, action.description) == (1, "open", ActionFactory.description)
    assert not item.decisions.exclude(pk=_decision.pk).exists()
    assert not item.disclosures.exists()
    # The coordinator runs the meeting but only the chair discloses.
    confirm(meeting, personas.coordinator)
    response = api(personas.coordinator).post(
        DISCLOSURES,
        {
            "item": item.pk,
            "organisation": personas.youth_work_org.pk,
            "category": category("education").pk,
            "reason": "Nodig.",
        },
        format="json",
    )
    _denied(response, 403, "agenda_item.share")


def test_every_read_is_audited_once(personas, scene):
    scenario, minutes, decision, action = scene
    meeting, item = scenario.meeting, scenario.item
    confirm(meeting, personas.teacher)
    teacher = api(personas.teacher)
    subject = str(item.case.subject_id)
    for path, action_name, object_id, subject_id in (
        (MEETINGS, "meeting.list", "", ""),
        (f"{MEETINGS}{meeting.pk}/", "meeting.header_view", meeting.pk, ""),
        (ITEMS, "agenda_item.list", "", ""),
        (f"{ITEMS}{item.pk}/", "agenda_item.view", item.pk, subject),
        (MINUTES, "minutes.list", "", ""),
        (f"{MINUTES}{minutes.pk}/", "minutes.view", minutes.pk, subject),
        (f"{MINUTES}{minutes.pk}/revisions/", "minutes.history", minutes.pk, subject),
        (DECISIONS, "meeting_decision.list", "", ""),
        (f"{DECISIONS}{decision.pk}/", "meeting_decision.view", decision.pk, subject),
        (ACTIONS, "action.list", "", ""),
        (f"{ACTIONS}{action.pk}/", "action.view", action.pk, subject),
        (INVITATIONS, "meeting_invitation.list", "", ""),
        (CONFIRMATIONS, "confidentiality_confirmation.list", "", ""),
        (DISCLOSURES, "disclosure_decision.list", "", ""),
    ):
        response = teacher.get(path)
        assert response.status_code == 200, (path, response.content)
        [entry] = entries_of(response)
        assert (entry.action, entry.result, entry.purpose) == (action_name, Result.ALLOWED, "meeting"), path
        assert (entry.object_id, entry.subject_id) == (str(object_id), subject_id), path
        assert entry.actor_id == personas.teacher.pk
    assert AuditEntry.objects.filter(actor_id=personas.teacher.pk, result=Result.DENIED).count() == 0
