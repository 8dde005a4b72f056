"""The agenda item page and its forms: what each attendee sees (the name and police
information only when allowed), minutes with a version check, decisions, actions, the chair's
disclosure. Dutch errors next to the field, nothing half-saved, no 500, one audit entry per look."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from samenspel.audit.models import AuditEntry
from samenspel.meetings.models import Action, DisclosureDecision, MeetingDecision, Minutes
from samenspel.meetings.workflow import ActionStatus
from samenspel.testing.factories_cases import category
from samenspel.testing.factories_meetings import ActionFactory, confirm

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Ĳsbrand van 't Hoff",
    "محمد",
    "<script>alert('x')</script>",
    "'; DROP TABLE meetings_minutes; --",
    "Regel één\nRegel twee",
]


@pytest.fixture
def scene(personas, meeting_scenario):
    confirm(
        meeting_scenario.meeting,
        personas.chair,
        personas.coordinator,
        personas.teacher,
        personas.police_officer,
        personas.youth_worker,
    )
    return meeting_scenario


def item_url(scene, suffix=""):
    return f"/casusoverleg/agendapunten/{scene.item.pk}/{suffix}"


def errors(response, field):
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


def in_a_week():
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


# Seeing ---------------------------------------------------------------------------------------


def test_one_audit_entry_per_look_and_the_confirmation_first(personas, client_for, meeting_scenario, case_scenario):
    client = client_for(personas.teacher)
    response = client.get(f"/casusoverleg/agendapunten/{meeting_scenario.item.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/casusoverleg/{meeting_scenario.meeting.pk}/"
    confirm(meeting_scenario.meeting, personas.teacher)
    before = AuditEntry.objects.filter(action="agenda_item.view").count()
    response = client.get(f"/casusoverleg/agendapunten/{meeting_scenario.item.pk}/")
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="agenda_item.view").count() == before + 1
    assert escape(case_scenario.subject.family_name) in response.content.decode()


def test_youth_worker_sees_no_police_information_nor_name_until_disclosed(personas, client_for, scene, case_scenario):
    police_text = case_scenario.items["police_and_justice"].text
    client = client_for(personas.youth_worker)
    page = client.get(item_url(scene)).content.decode()
    assert escape(case_scenario.subject.family_name) not in page and "naam niet gedeeld" in page
    assert escape(police_text) not in page
    chair = client_for(personas.chair)
    data = {"organisation": personas.youth_work_org.pk, "category": category("identification").pk, "reason": "Nodig"}
    assert chair.post(item_url(scene, "delen/"), data).status_code == 302
    page = client_for(personas.youth_worker).get(item_url(scene)).content.decode()
    assert escape(case_scenario.subject.family_name) in page
    assert escape(police_text) not in page
    # The police officer, on the team, does see it.
    assert escape(police_text) in client_for(personas.police_officer).get(item_url(scene)).content.decode()


def test_attendees_outside_the_team_get_no_forms(personas, client_for, scene):
    client = client_for(personas.youth_worker)
    for suffix in ("verslag/", "besluiten/nieuw/", "acties/nieuw/", "delen/"):
        assert client.post(item_url(scene, suffix), {"text": "x"}).status_code == 403
    assert client_for(personas.outsider).get(item_url(scene)).status_code == 404
    assert client_for(personas.analyst).get(item_url(scene)).status_code == 403
    assert client_for(personas.teacher).get("/casusoverleg/agendapunten/abc/").status_code == 404
    assert not Minutes.objects.exists() and not MeetingDecision.objects.exists()


# Minutes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_minutes_keep_text_as_typed_and_escape_it(personas, client_for, scene, text):
    client = client_for(personas.chair)
    assert client.post(item_url(scene, "verslag/"), {"text": text, "expected_version": 0}).status_code == 302
    assert Minutes.objects.get().text == text.strip()
    page = client.get(item_url(scene)).content.decode()
    assert "<script>alert" not in page


def test_minutes_refuse_a_lost_update_and_bad_input(personas, client_for, scene):
    client = client_for(personas.chair)
    url = item_url(scene, "verslag/")
    assert client.post(url, {"text": "Eerste versie", "expected_version": 0}).status_code == 302
    response = client.post(url, {"text": "Oude basis", "expected_version": 0})
    assert response.status_code == 400 and "intussen" in errors(response, "text")
    for data, field in (
        ({"text": "", "expected_version": 1}, "text"),
        ({"text": "x" * 10_001, "expected_version": 1}, "text"),
        ({"text": "ok", "expected_version": "abc"}, "expected_version"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400 and errors(response, field)
    assert Minutes.objects.get().text == "Eerste versie" and Minutes.objects.get().version == 1


# Decisions ------------------------------------------------------------------------------------


def test_the_coordinator_records_a_decision(personas, client_for, scene):
    client = client_for(personas.coordinator)
    url = item_url(scene, "besluiten/nieuw/")
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "x" * 2001}).status_code == 400
    assert client.post(url, {"text": "'; DROP TABLE x; --"}).status_code == 302
    assert list(MeetingDecision.objects.values_list("text", flat=True)) == ["'; DROP TABLE x; --"]
    assert client_for(personas.teacher).post(url, {"text": "x"}).status_code == 403


# Actions --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"due_date": "gisteren"}, "due_date"),
        ({"due_date": ""}, "due_date"),
        ({"due_date": "2000-01-01"}, "due_date"),
        ({"owner_organisation": "abc"}, "owner_organisation"),
        ({"owner_organisation": ""}, "owner_organisation"),
        ({"owner_person": "abc"}, "owner_person"),
        ({"description": ""}, "description"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_action_input_is_refused_next_to_the_field(personas, client_for, scene, change, field):
    data = {"description": "Huisbezoek", "owner_organisation": personas.youth_work_org.pk, "due_date": in_a_week()}
    response = client_for(personas.chair).post(item_url(scene, "acties/nieuw/"), {**data, **change})
    assert response.status_code == 400 and errors(response, field), response.context["form"].errors
    assert not Action.objects.exists()


def test_action_for_the_youth_worker_completed_by_them(personas, client_for, scene):
    data = {
        "description": "محمد bellen",
        "owner_organisation": personas.youth_work_org.pk,
        "owner_person": personas.youth_worker.pk,
        "due_date": in_a_week(),
    }
    assert client_for(personas.chair).post(item_url(scene, "acties/nieuw/"), data).status_code == 302
    action = Action.objects.get()
    assert action.owner_person == personas.youth_worker
    assert client_for(personas.teacher).post(f"/casusoverleg/acties/{action.pk}/afronden/").status_code == 403
    assert client_for(personas.youth_worker).post(f"/casusoverleg/acties/{action.pk}/afronden/").status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_cancelling_an_action_needs_a_reason(personas, client_for, scene):
    action = ActionFactory(item=scene.item, owner_organisation=personas.school_org)
    url = f"/casusoverleg/acties/{action.pk}/annuleren/"
    assert client_for(personas.youth_worker).get(url).status_code == 404
    client = client_for(personas.chair)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and errors(response, "reason")
    assert client.post(url, {"reason": "Ĳsbrand van 't Hoff is verhuisd"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED
    response = client.post(url, {"reason": "nog eens"})
    assert response.status_code == 400


# Disclosures ----------------------------------------------------------------------------------


def test_disclosure_bad_input_and_only_the_chair(personas, client_for, scene):
    url = item_url(scene, "delen/")
    good = {"organisation": personas.youth_work_org.pk, "category": category("identification").pk, "reason": "Nodig"}
    assert client_for(personas.coordinator).post(url, good).status_code == 403
    client = client_for(personas.chair)
    for change, field in (
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": personas.outsider_org.pk}, "organisation"),
        ({"category": "abc"}, "category"),
        ({"organisation": personas.school_org.pk}, "category"),  # already receives it on the team
    ):
        response = client.post(url, {**good, **change})
        assert response.status_code == 400 and errors(response, field), (change, response.context["form"].errors)
    assert not DisclosureDecision.objects.exists()
    assert client.post(url, good).status_code == 302
    response = client.post(url, good)
    assert response.status_code == 400 and "al gedeeld" in errors(response, "category")
    assert DisclosureDecision.objects.count() == 1
