"""The case conference through the API, start to end: the chair plans a meeting, invites,
the attendees confirm the confidentiality statement, the coordinator puts a case on the
agenda, the chair writes the minutes (a stale version answers 409), records a decision and
an action for youth work, youth work completes it, and the meeting is marked held. Each
write leaves exactly one audit entry, with purpose "meeting" and, for agenda content, the
subject of the case."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.meetings.models import (
    Action,
    AgendaItem,
    ConfidentialityConfirmation,
    DisclosureDecision,
    Meeting,
    MeetingDecision,
    MeetingInvitation,
    Minutes,
)
from samenspel.testing.factories_cases import category
from samenspel.testing.factories_meetings import AgendaItemFactory, MeetingFactory, confirm

pytestmark = pytest.mark.django_db
MEETINGS, INVITATIONS = "/api/v1/meetings/", "/api/v1/meeting-invitations/"
CONFIRMATIONS, ITEMS = "/api/v1/confidentiality-confirmations/", "/api/v1/agenda-items/"
MINUTES, DECISIONS = "/api/v1/minutes/", "/api/v1/meeting-decisions/"
ACTIONS, DISCLOSURES = "/api/v1/actions/", "/api/v1/item-disclosures/"


def _only_entry(response, action: str, *, subject_id: object = "", object_id: object = None) -> AuditEntry:
    [entry] = entries_of(response)
    assert (entry.action, entry.subject_id, entry.purpose, entry.result) == (
        action,
        str(subject_id),
        "meeting",
        Result.ALLOWED,
    )
    if object_id is not None:
        assert entry.object_id == str(object_id)
    return entry


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_meeting_scenario(personas, case_scenario):
    p = personas
    case, subject = case_scenario.case, case_scenario.case.subject_id
    chair, coordinator = api(p.chair), api(p.coordinator)
    teacher, youth = api(p.teacher), api(p.youth_worker)

    # The chair plans a meeting that began an hour ago (so it can be marked held today).
    starts = (timezone.now() - datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    response = chair.post(
        MEETINGS,
        {"municipality": p.municipality.pk, "starts_at": _local(starts), "location": "Stadhuis, zaal 2"},
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert (meeting["chair"], meeting["status"], meeting["municipality"], meeting["region"]) == (
        p.chair.pk,
        "planned",
        p.municipality.pk,
        None,
    )
    assert (meeting["confidentiality_confirmed"], meeting["may_manage"]) == (False, True)
    assert Meeting.objects.get(pk=meeting["id"]).starts_at == starts
    _only_entry(response, "meeting.create", object_id=meeting["id"])
    mid = meeting["id"]

    response = chair.patch(f"{MEETINGS}{mid}/", {"location": "Stadhuis, zaal 4"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["location"] == "Stadhuis, zaal 4" == Meeting.objects.get(pk=mid).location
    _only_entry(response, "meeting.update", object_id=mid)

    # Invitations: the school and youth work (youth work is not on the case's team).
    for organisation in (p.school_org, p.police_org, p.youth_work_org):
        response = chair.post(INVITATIONS, {"meeting": mid, "organisation": organisation.pk}, format="json")
        assert response.status_code == 201, response.content
        assert (response.json()["organisation"], response.json()["person"]) == (organisation.pk, None)
        _only_entry(response, "meeting.invite", object_id=response.json()["id"])
    assert MeetingInvitation.objects.filter(meeting_id=mid).count() == 3

    # The teacher sees the header, but not the agenda before confirming.
    response = teacher.get(f"{MEETINGS}{mid}/")
    assert response.status_code == 200
    assert (response.json()["confidentiality_confirmed"], response.json()["may_manage"]) == (False, False)
    _only_entry(response, "meeting.header_view", object_id=mid)
    problem = assert_problem(teacher.get(ITEMS, {"meeting": mid}), 403)
    assert (problem["meeting"], problem["confirm_at"]) == (mid, CONFIRMATIONS)
    response = teacher.post(CONFIRMATIONS, {"meeting": mid, "statement": True}, format="json")
    assert response.status_code == 201, response.content
    confirmation = response.json()
    assert (confirmation["user"], confirmation["organisation"], confirmation["meeting"]) == (
        p.teacher.pk,
        p.school_org.pk,
        mid,
    )
    assert "statement" not in confirmation
    _only_entry(response, "meeting.confirm_confidentiality", object_id=mid)  # the meeting confirmed for
    again = teacher.post(CONFIRMATIONS, {"meeting": mid, "statement": True}, format="json")
    assert again.status_code == 200 and again.json()["id"] == confirmation["id"]
    assert ConfidentialityConfirmation.objects.filter(meeting_id=mid, user=p.teacher).count() == 1
    for client in (chair, coordinator, youth, api(p.police_officer)):
        assert client.post(CONFIRMATIONS, {"meeting": mid, "statement": True}, format="json").status_code == 201

    # The coordinator puts the case on the agenda; the chair adds another case of the town.
    response = coordinator.post(ITEMS, {"meeting": mid, "case": case.pk, "kind": "new"}, format="json")
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["meeting"], item["case"], item["kind"], item["order"]) == (mid, case.pk, "new", 1)
    _only_entry(response, "agenda_item.add", subject_id=subject, object_id=item["id"])
    second = AgendaItemFactory(meeting_id=mid, order=2, added_by=p.coordinator)
    response = chair.post(f"{MEETINGS}{mid}/agenda-order/", {"items": [second.pk, item["id"]]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"items": [second.pk, item["id"]]}
    assert AgendaItem.objects.get(pk=item["id"]).order == 2
    _only_entry(response, "meeting.reorder_agenda", object_id=mid)
    response = chair.delete(f"{ITEMS}{second.pk}/")
    assert response.status_code == 204, response.content
    assert not AgendaItem.objects.filter(pk=second.pk).exists()
    assert AgendaItem.objects.get(pk=item["id"]).order == 1
    _only_entry(response, "agenda_item.remove", subject_id=second.case.subject_id, object_id=second.pk)

    # Minutes: the first version, a second from it, and a stale third that is refused.
    response = chair.post(MINUTES, {"item": item["id"], "text": "Eerste versie."}, format="json")
    assert response.status_code == 201, response.content
    minutes = response.json()
    assert (minutes["version"], minutes["text"], minutes["updated_by"]) == (1, "Eerste versie.", p.chair.pk)
    _only_entry(response, "minutes.write", subject_id=subject, object_id=minutes["id"])
    response = coordinator.put(
        f"{MINUTES}{minutes['id']}/", {"text": "Tweede versie.", "expected_version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["version"], response.json()["updated_by"]) == (2, p.coordinator.pk)
    stale = chair.put(f"{MINUTES}{minutes['id']}/", {"text": "Over elkaar heen.", "expected_version": 1}, format="json")
    problem = assert_problem(stale, 409)
    assert (problem["current_version"], problem["minutes"]) == (2, minutes["id"])
    assert not entries_of(stale)
    twice = assert_problem(chair.post(MINUTES, {"item": item["id"], "text": "Nog eens."}, format="json"), 409)
    assert twice["current_version"] == 2
    assert Minutes.objects.get(pk=minutes["id"]).text == "Tweede versie."
    response = chair.get(f"{MINUTES}{minutes['id']}/revisions/")
    assert response.status_code == 200
    assert [(r["version"], r["text"], r["written_by"]) for r in response.json()] == [
        (1, "Eerste versie.", p.chair.pk),
        (2, "Tweede versie.", p.coordinator.pk),
    ]
    _only_entry(response, "minutes.history", subject_id=subject, object_id=minutes["id"])

    # A decision, a disclosure to youth work, and an action for youth work.
    response = chair.post(DECISIONS, {"item": item["id"], "text": "Bespreking over zes weken."}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["decided_by"], response.json()["item"]) == (p.chair.pk, item["id"])
    _only_entry(response, "meeting_decision.add", subject_id=subject, object_id=response.json()["id"])
    education = category("education")
    response = chair.post(
        DISCLOSURES,
        {"item": item["id"], "organisation": p.youth_work_org.pk, "category": education.pk, "reason": "Voor de actie."},
        format="json",
    )
    assert response.status_code == 201, response.content
    _only_entry(response, "agenda_item.share", subject_id=subject, object_id=response.json()["id"])
    assert DisclosureDecision.objects.get(pk=response.json()["id"]).category == education

    due = timezone.localdate() + datetime.timedelta(days=14)
    response = chair.post(
        ACTIONS,
        {
            "item": item["id"],
            "description": "Huisbezoek afleggen.",
            "owner_organisation": p.youth_work_org.pk,
            "owner_person": p.youth_worker.pk,
            "due_date": due.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    action = response.json()
    assert (action["status"], action["meeting"], action["owner_person"], action["is_overdue"]) == (
        "open",
        mid,
        p.youth_worker.pk,
        False,
    )
    _only_entry(response, "action.create", subject_id=subject, object_id=action["id"])
    later = due + datetime.timedelta(days=7)
    response = coordinator.patch(f"{ACTIONS}{action['id']}/", {"due_date": later.isoformat()}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == later.isoformat() == str(Action.objects.get(pk=action["id"]).due_date)
    _only_entry(response, "action.update", subject_id=subject, object_id=action["id"])
    assert [row["id"] for row in youth.get(ACTIONS, {"mine": "true"}).json()["results"]] == [action["id"]]
    response = youth.post(f"{ACTIONS}{action['id']}/complete/")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closed_at"] is not None) == ("done", True)
    _only_entry(response, "action.change_status", subject_id=subject, object_id=action["id"])
    assert_problem(youth.post(f"{ACTIONS}{action['id']}/complete/"), 400)

    # The meeting is held: final.
    response = chair.post(f"{MEETINGS}{mid}/status/", {"status": "held"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "held" == Meeting.objects.get(pk=mid).status
    _only_entry(response, "meeting.change_status", object_id=mid)
    assert_problem(chair.post(f"{MEETINGS}{mid}/status/", {"status": "cancelled", "reason": "x"}, format="json"), 400)
    assert_problem(chair.patch(f"{MEETINGS}{mid}/", {"location": "Elders"}, format="json"), 400)
    assert MeetingDecision.objects.filter(item_id=item["id"]).count() == 1


def test_a_meeting_is_cancelled_with_a_reason_and_its_action_lapses(personas, case_scenario):
    p = personas
    meeting = MeetingFactory(municipality=p.municipality, chair=p.chair, invited=[p.youth_work_org])
    item = AgendaItemFactory(meeting=meeting, case=case_scenario.case, added_by=p.coordinator)
    confirm(meeting, p.chair)
    action = Action.objects.create(
        item=item,
        description="Bellen",
        owner_organisation=p.youth_work_org,
        due_date=timezone.localdate() + datetime.timedelta(days=3),
        created_by=p.chair,
    )
    chair = api(p.chair)
    response = chair.post(f"{ACTIONS}{action.pk}/cancel/", {"reason": "Niet meer nodig."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert action.status_changes.last().reason == "Niet meer nodig."
    # The owner may complete an action, not let it lapse.
    other = Action.objects.create(
        item=item,
        description="Mailen",
        owner_organisation=p.youth_work_org,
        due_date=action.due_date,
        created_by=p.chair,
    )
    assert_problem(api(p.youth_worker).post(f"{ACTIONS}{other.pk}/cancel/", {"reason": "x"}, format="json"), 403)
    assert Action.objects.get(pk=other.pk).status == "open"

    response = chair.post(f"{MEETINGS}{meeting.pk}/status/", {"status": "cancelled", "reason": "Ziek."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert meeting.status_changes.last().reason == "Ziek."
    # Nothing more is recorded for a cancelled meeting.
    response = chair.post(MINUTES, {"item": item.pk, "text": "Toch nog."}, format="json")
    assert "status" in {p["name"] for p in assert_problem(response, 400)["invalid_params"]}
    assert not Minutes.objects.exists()
