"""Bad input for every write of the case-conference API: a problem+json 400 naming the field
(a 404 for an id out of reach), never a 500, no audit entry of a write, and nothing saved;
and free text stored exactly as typed."""

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
from samenspel.testing.factories import OrganisationFactory
from samenspel.testing.factories_cases import CaseFactory, category
from samenspel.testing.factories_meetings import ActionFactory, MinutesFactory, confirm

pytestmark = pytest.mark.django_db
LONG = "x" * 20_001
HOSTILE = [
    "<script>alert('x')</script>",
    "'; DROP TABLE meetings_minutes; --",
    "محمد gaat weer naar school",
    "Ĳsbrand van 't Hoff\nregel twee",
]


def _fields(response) -> set[str]:
    body = assert_problem(response, 400)
    assert not [e for e in entries_of(response) if e.result == Result.ALLOWED], "a refused write was audited"
    return {param["name"] for param in body["invalid_params"]}


def _in(days: int = 7, hour: int = 10) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def _day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def scene(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair, personas.coordinator, personas.teacher)
    return meeting_scenario


# Meetings ------------------------------------------------------------------------------------

MEETING_BAD = [
    ({}, "starts_at"),
    ({"starts_at": "morgen"}, "starts_at"),
    ({"starts_at": 1767261600}, "starts_at"),
    ({"starts_at": "2026-02-30T10:00"}, "starts_at"),
    ({"starts_at": "2026-12-01"}, "starts_at"),
    ({"starts_at": "1900-01-01T10:00"}, "starts_at"),
    ({"starts_at": "9999-12-31T23:59:59+14:00"}, "starts_at"),
    ({"starts_at": "2027-03-28T02:30"}, "starts_at"),  # does not exist in Dutch time
    ({"ends_at": "{before}"}, "ends_at"),
    ({"ends_at": "{day_later}"}, "ends_at"),
    ({"location": "", "online_link": ""}, "location"),
    ({"location": "x" * 201}, "location"),
    ({"location": ["Stadhuis"]}, "location"),
    ({"online_link": "http://overleg.example.nl"}, "online_link"),
    ({"online_link": "javascript:alert(1)"}, "online_link"),
    ({"municipality": None}, "municipality"),
    ({"municipality": "{municipality}", "region": "{region}"}, "municipality"),
    ({"municipality": "Voorbeeldstad"}, "municipality"),
    ({"municipality": 10**9}, "municipality"),
    ({"municipality": True}, "municipality"),
    ({"region": 10**9, "municipality": None}, "region"),
    ({"chair": "{teacher}"}, "chair"),
    ({"chair": 10**9}, "chair"),
    ({"chair": "1"}, "chair"),
]


@pytest.mark.parametrize(("overrides", "field"), MEETING_BAD)
def test_bad_meetings_are_refused(personas, overrides, field):
    p = personas
    start = _in()
    values = {
        "{before}": _in(hour=9),
        "{day_later}": _in(days=8),
        "{municipality}": p.municipality.pk,
        "{region}": p.region.pk,
        "{teacher}": p.teacher.pk,
    }
    body = {"municipality": p.municipality.pk, "starts_at": start, "location": "Stadhuis", **overrides}
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    if not overrides:
        body = {"municipality": p.municipality.pk, "location": "Stadhuis"}
    assert field in _fields(api(p.chair).post("/api/v1/meetings/", body, format="json"))
    assert not Meeting.objects.exists()


def test_meetings_only_where_one_runs_them(personas):
    p = personas
    body = {"municipality": p.municipality.pk, "starts_at": _in(), "location": "Stadhuis"}
    assert_problem(api(p.teacher).post("/api/v1/meetings/", body, format="json"), 403)
    elsewhere = {**body, "municipality": p.outsider_org.municipality_id}
    assert_problem(api(p.chair).post("/api/v1/meetings/", elsewhere, format="json"), 403)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "body",
    [None, [], "tekst", 12, {"municipality": [1]}],
    ids=["null", "list", "string", "number", "list-value"],
)
def test_bodies_that_are_no_object(personas, body):
    response = api(personas.chair).post("/api/v1/meetings/", body, format="json")
    assert_problem(response, 400)
    assert not Meeting.objects.exists()


def test_a_body_that_is_no_json(personas):
    response = api(personas.chair).generic(
        "POST", "/api/v1/meetings/", '{"starts_at": ', content_type="application/json"
    )
    assert_problem(response, 400)
    response = api(personas.chair).post("/api/v1/meetings/", {"starts_at": _in()})
    assert_problem(response, 415)
    assert not Meeting.objects.exists()


MEETING_CHANGE_BAD = [
    ({}, "non_field_errors"),
    ({"starts_at": None}, "starts_at"),
    ({"starts_at": "2026-12-01 10"}, "starts_at"),
    ({"location": "", "online_link": ""}, "location"),
    ({"online_link": "ftp://x"}, "online_link"),
    ({"chair": None}, "chair"),
    ({"chair": "{teacher}"}, "chair"),
    ({"ends_at": "{before}"}, "ends_at"),
]


@pytest.mark.parametrize(("body", "field"), MEETING_CHANGE_BAD)
def test_bad_meeting_changes_are_refused(personas, scene, body, field):
    meeting = scene.meeting
    values = {"{teacher}": personas.teacher.pk, "{before}": _in(days=-30)}
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    before = Meeting.objects.values().get(pk=meeting.pk)
    response = api(personas.chair).patch(f"/api/v1/meetings/{meeting.pk}/", body, format="json")
    assert field in _fields(response)
    assert Meeting.objects.values().get(pk=meeting.pk) == before


STATUS_BAD = [
    ({}, "status"),
    ({"status": "planned"}, "status"),
    ({"status": "gehouden"}, "status"),
    ({"status": "held"}, "status"),  # not yet started
    ({"status": "cancelled"}, "reason"),
    ({"status": "cancelled", "reason": "   "}, "reason"),
    ({"status": "cancelled", "reason": LONG}, "reason"),
    ({"status": "cancelled", "reason": "a\x00b"}, "reason"),
    ({"status": ["held"]}, "status"),
]


@pytest.mark.parametrize(("body", "field"), STATUS_BAD)
def test_bad_status_changes_are_refused(personas, scene, body, field):
    meeting = scene.meeting
    response = api(personas.chair).post(f"/api/v1/meetings/{meeting.pk}/status/", body, format="json")
    assert field in _fields(response)
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert not meeting.status_changes.exists()


@pytest.mark.parametrize(
    "items",
    [[], ["{item}", "{item}"], ["{item}", "{other}"], ["{item}", 10**9], "{item}", ["{item}", "abc"], None, [True]],
)
def test_bad_agenda_orders_are_refused(personas, scene, items):
    second = AgendaItem.objects.create(
        meeting=scene.meeting,
        case=CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator),
        kind="new",
        order=2,
        added_by=personas.chair,
    )
    elsewhere = AgendaItem.objects.create(
        meeting=type(scene.meeting).objects.create(
            municipality=personas.municipality,
            starts_at=scene.meeting.starts_at,
            location="Elders",
            chair=personas.chair,
            created_by=personas.chair,
        ),
        case=second.case,
        kind="new",
        order=1,
        added_by=personas.chair,
    )
    values = {"{item}": scene.item.pk, "{other}": elsewhere.pk}
    if isinstance(items, list):
        items = [values.get(value, value) if isinstance(value, str) else value for value in items]
    else:
        items = values.get(items, items)
    response = api(personas.chair).post(
        f"/api/v1/meetings/{scene.meeting.pk}/agenda-order/", {"items": items}, format="json"
    )
    assert {name.split("[")[0] for name in _fields(response)} == {"items"}
    assert list(scene.meeting.agenda_items.order_by("order").values_list("pk", flat=True)) == [scene.item.pk, second.pk]


# Invitations and confirmations -----------------------------------------------------------------

INVITATION_BAD = [
    ({}, "meeting"),
    ({"organisation": None}, "organisation"),
    ({"organisation": 10**9}, "organisation"),
    ({"organisation": "{outsider_org}"}, "organisation"),
    ({"organisation": "{school}"}, "organisation"),  # already invited
    ({"organisation": "{school}", "person": "{youth_worker}"}, "person"),
    ({"organisation": "{school}", "person": 10**9}, "person"),
    ({"organisation": "{school}", "person": "een"}, "person"),
    ({"organisation": "{inactive}"}, "organisation"),
]


@pytest.mark.parametrize(("overrides", "field"), INVITATION_BAD)
def test_bad_invitations_are_refused(personas, scene, overrides, field):
    p = personas
    values = {
        "{outsider_org}": p.outsider_org.pk,
        "{school}": p.school_org.pk,
        "{youth_worker}": p.youth_worker.pk,
        "{inactive}": OrganisationFactory(municipality=p.municipality, is_active=False).pk,
    }
    body = {"meeting": scene.meeting.pk, **overrides}
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    if not overrides:
        body = {}
    assert field in _fields(api(p.chair).post("/api/v1/meeting-invitations/", body, format="json"))
    assert MeetingInvitation.objects.filter(meeting=scene.meeting).count() == 3


def test_invitations_to_a_meeting_out_of_reach_are_404(personas, scene):
    body = {"meeting": 10**9, "organisation": personas.police_org.pk}
    assert_problem(api(personas.chair).post("/api/v1/meeting-invitations/", body, format="json"), 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "meeting"),
        ({"meeting": "{meeting}"}, "statement"),
        ({"meeting": "{meeting}", "statement": False}, "statement"),
        ({"meeting": "{meeting}", "statement": "true"}, "statement"),
        ({"meeting": "{meeting}", "statement": 1}, "statement"),
        ({"meeting": "x", "statement": True}, "meeting"),
    ],
)
def test_bad_confirmations_are_refused(personas, scene, body, field):
    body = {key: scene.meeting.pk if value == "{meeting}" else value for key, value in body.items()}
    assert field in _fields(
        api(personas.youth_worker).post("/api/v1/confidentiality-confirmations/", body, format="json")
    )
    assert not ConfidentialityConfirmation.objects.filter(user=personas.youth_worker).exists()


def test_a_cancelled_meeting_is_not_confirmed(personas, scene):
    type(scene.meeting).objects.filter(pk=scene.meeting.pk).update(status="cancelled")
    body = {"meeting": scene.meeting.pk, "statement": True}
    response = api(personas.youth_worker).post("/api/v1/confidentiality-confirmations/", body, format="json")
    assert "status" in _fields(response)
    assert not ConfidentialityConfirmation.objects.filter(user=personas.youth_worker).exists()


# The agenda ------------------------------------------------------------------------------------

AGENDA_BAD = [
    ({}, "meeting"),
    ({"case": None}, "case"),
    ({"case": "{case}", "kind": "nieuw"}, "kind"),
    ({"case": "{case}", "kind": None}, "kind"),
    ({"case": "{case}"}, "kind"),
    ({"case": "{on_agenda}", "kind": "review"}, "case"),
    ({"case": "{closed}", "kind": "review"}, "case"),
    ({"case": "{discussed}", "kind": "new"}, "kind"),
]


@pytest.mark.parametrize(("overrides", "field"), AGENDA_BAD)
def test_bad_agenda_items_are_refused(personas, scene, case_scenario, overrides, field):
    p = personas
    fresh = CaseFactory(municipality=p.municipality, coordinator=p.coordinator)
    values = {
        "{case}": fresh.pk,
        "{on_agenda}": case_scenario.case.pk,
        "{closed}": CaseFactory(municipality=p.municipality, coordinator=p.coordinator, closed=True).pk,
        "{discussed}": case_scenario.case.pk,
    }
    if overrides.get("case") == "{discussed}":
        AgendaItem.objects.filter(pk=scene.item.pk).update(kind="review")
        other = scene.meeting.__class__.objects.create(
            municipality=p.municipality,
            starts_at=scene.meeting.starts_at,
            location="Elders",
            chair=p.chair,
            created_by=p.chair,
        )
        meeting_id = other.pk
    else:
        meeting_id = scene.meeting.pk
    body = {"meeting": meeting_id, **overrides}
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    if not overrides:
        body = {}
    before = AgendaItem.objects.count()
    assert field in _fields(api(p.coordinator).post("/api/v1/agenda-items/", body, format="json"))
    assert AgendaItem.objects.count() == before


def test_cases_out_of_reach_or_scope_are_refused(personas, scene, case_scenario):
    p = personas
    client = api(p.coordinator)
    body = {"meeting": scene.meeting.pk, "case": case_scenario.other_case.pk, "kind": "new"}
    response = client.post("/api/v1/agenda-items/", body, format="json")
    assert response.status_code in (400, 404)
    assert_problem(response, response.status_code)
    body = {"meeting": scene.meeting.pk, "case": 10**9, "kind": "new"}
    assert_problem(client.post("/api/v1/agenda-items/", body, format="json"), 404)
    assert AgendaItem.objects.count() == 1


def test_an_item_with_records_stays_on_the_agenda(personas, scene):
    MinutesFactory(item=scene.item)
    response = api(personas.chair).delete(f"/api/v1/agenda-items/{scene.item.pk}/")
    assert "case" in _fields(response)
    assert AgendaItem.objects.filter(pk=scene.item.pk).exists()


DISCLOSURE_BAD = [
    ({}, "item"),
    ({"organisation": 10**9}, "organisation"),
    ({"organisation": "{outsider_org}"}, "organisation"),
    ({"category": 10**9}, "category"),
    ({"category": "{intelligence}"}, "category"),
    ({"reason": ""}, "reason"),
    ({"reason": LONG}, "reason"),
    ({"reason": 5}, "reason"),
    ({"organisation": "{school}"}, "category"),  # on the team: it already receives education
]


@pytest.mark.parametrize(("overrides", "field"), DISCLOSURE_BAD)
def test_bad_disclosures_are_refused(personas, scene, overrides, field):
    p = personas
    values = {
        "{outsider_org}": p.outsider_org.pk,
        "{intelligence}": category("intelligence").pk,
        "{school}": p.school_org.pk,
    }
    body = {
        "item": scene.item.pk,
        "organisation": p.youth_work_org.pk,
        "category": category("education").pk,
        "reason": "Voor de actie.",
        **overrides,
    }
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    if not overrides:
        body = {}
    assert field in _fields(api(p.chair).post("/api/v1/item-disclosures/", body, format="json"))
    assert not DisclosureDecision.objects.exists()


# Minutes and decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "item"),
        ({"item": "{item}"}, "text"),
        ({"item": "{item}", "text": ""}, "text"),
        ({"item": "{item}", "text": LONG}, "text"),
        ({"item": "{item}", "text": {"a": 1}}, "text"),
        ({"item": "{item}", "text": "a\x1bb"}, "text"),
        ({"item": -1, "text": "a"}, "item"),
    ],
)
def test_bad_minutes_are_refused(personas, scene, body, field):
    body = {key: scene.item.pk if value == "{item}" else value for key, value in body.items()}
    assert field in _fields(api(personas.chair).post("/api/v1/minutes/", body, format="json"))
    assert not Minutes.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "Nieuw"}, "expected_version"),
        ({"text": "Nieuw", "expected_version": "1"}, "expected_version"),
        ({"text": "Nieuw", "expected_version": 1.0}, "expected_version"),
        ({"text": "Nieuw", "expected_version": 0}, "expected_version"),
        ({"text": "Nieuw", "expected_version": 2**31}, "expected_version"),
        ({"expected_version": 1}, "text"),
        ({"text": "   ", "expected_version": 1}, "text"),
        ({"text": LONG, "expected_version": 1}, "text"),
    ],
)
def test_bad_minutes_changes_are_refused(personas, scene, body, field):
    minutes = MinutesFactory(item=scene.item)
    assert field in _fields(api(personas.chair).put(f"/api/v1/minutes/{minutes.pk}/", body, format="json"))
    minutes.refresh_from_db()
    assert (minutes.version, minutes.text, minutes.revisions.count()) == (1, MinutesFactory.text, 1)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "item"),
        ({"item": "{item}"}, "text"),
        ({"item": "{item}", "text": " \n "}, "text"),
        ({"item": "{item}", "text": LONG}, "text"),
        ({"item": "{item}", "text": None}, "text"),
        ({"item": 0, "text": "Besloten"}, "item"),
    ],
)
def test_bad_decisions_are_refused(personas, scene, body, field):
    body = {key: scene.item.pk if value == "{item}" else value for key, value in body.items()}
    assert field in _fields(api(personas.chair).post("/api/v1/meeting-decisions/", body, format="json"))
    assert not MeetingDecision.objects.exists()


@pytest.mark.parametrize("text", HOSTILE)
def test_texts_are_stored_as_typed(personas, scene, text):
    chair = api(personas.chair)
    response = chair.post("/api/v1/minutes/", {"item": scene.item.pk, "text": text}, format="json")
    assert response.status_code == 201, response.content
    assert Minutes.objects.get(pk=response.json()["id"]).text == response.json()["text"] == text
    response = chair.post("/api/v1/meeting-decisions/", {"item": scene.item.pk, "text": text}, format="json")
    assert response.status_code == 201, response.content
    assert MeetingDecision.objects.get(pk=response.json()["id"]).text == text
    body = {
        "item": scene.item.pk,
        "description": text,
        "owner_organisation": personas.police_org.pk,
        "due_date": _day(3),
    }
    response = chair.post("/api/v1/actions/", body, format="json")
    assert response.status_code == 201, response.content
    assert Action.objects.get(pk=response.json()["id"]).description == text


# Actions ---------------------------------------------------------------------------------------

ACTION_BAD = [
    ({}, "item"),
    ({"description": ""}, "description"),
    ({"description": LONG}, "description"),
    ({"owner_organisation": None}, "owner_organisation"),
    ({"owner_organisation": 10**9}, "owner_organisation"),
    ({"owner_organisation": "{outsider_org}"}, "owner_organisation"),
    ({"owner_person": "{teacher}"}, "owner_person"),  # not of the police
    ({"owner_person": 10**9}, "owner_person"),
    ({"due_date": None}, "due_date"),
    ({"due_date": "{yesterday}"}, "due_date"),
    ({"due_date": "{in_three_years}"}, "due_date"),
    ({"due_date": "2026-02-30"}, "due_date"),
    ({"due_date": "{tomorrow}T10:00"}, "due_date"),
    ({"due_date": 20261201}, "due_date"),
]


@pytest.mark.parametrize(("overrides", "field"), ACTION_BAD)
def test_bad_actions_are_refused(personas, scene, overrides, field):
    p = personas
    values = {
        "{outsider_org}": p.outsider_org.pk,
        "{teacher}": p.teacher.pk,
        "{yesterday}": _day(-1),
        "{in_three_years}": _day(3 * 366),
        "{tomorrow}T10:00": f"{_day(1)}T10:00",
    }
    body = {
        "item": scene.item.pk,
        "description": "Bellen",
        "owner_organisation": p.police_org.pk,
        "due_date": _day(7),
        **overrides,
    }
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    if not overrides:
        body = {}
    assert field in _fields(api(p.chair).post("/api/v1/actions/", body, format="json"))
    assert not Action.objects.exists()


ACTION_CHANGE_BAD = [
    ({}, "non_field_errors"),
    ({"description": ""}, "description"),
    ({"owner_organisation": 10**9}, "owner_organisation"),
    ({"owner_organisation": None}, "owner_organisation"),
    ({"owner_person": "{teacher}"}, "owner_person"),
    ({"owner_organisation": "{school}", "owner_person": "{police_officer}"}, "owner_person"),
    ({"due_date": "{yesterday}"}, "due_date"),
    ({"due_date": None}, "due_date"),
]


@pytest.mark.parametrize(("body", "field"), ACTION_CHANGE_BAD)
def test_bad_action_changes_are_refused(personas, scene, body, field):
    p = personas
    action = ActionFactory(item=scene.item, owner_organisation=p.police_org, owner_person=p.police_officer)
    values = {
        "{teacher}": p.teacher.pk,
        "{school}": p.school_org.pk,
        "{police_officer}": p.police_officer.pk,
        "{yesterday}": _day(-1),
    }
    body = {key: values.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    before = Action.objects.values().get(pk=action.pk)
    assert field in _fields(api(p.chair).patch(f"/api/v1/actions/{action.pk}/", body, format="json"))
    assert Action.objects.values().get(pk=action.pk) == before


@pytest.mark.parametrize(("body", "field"), [({}, "reason"), ({"reason": " "}, "reason"), ({"reason": LONG}, "reason")])
def test_bad_cancellations_are_refused(personas, scene, body, field):
    action = ActionFactory(item=scene.item, owner_organisation=personas.police_org)
    assert field in _fields(api(personas.chair).post(f"/api/v1/actions/{action.pk}/cancel/", body, format="json"))
    action.refresh_from_db()
    assert (action.status, action.status_changes.count()) == ("open", 0)


def test_closed_actions_do_not_change(personas, scene):
    action = ActionFactory(item=scene.item, owner_organisation=personas.police_org, done=True)
    chair = api(personas.chair)
    _fields(chair.post(f"/api/v1/actions/{action.pk}/cancel/", {"reason": "Toch niet"}, format="json"))
    _fields(chair.post(f"/api/v1/actions/{action.pk}/complete/"))
    _fields(chair.patch(f"/api/v1/actions/{action.pk}/", {"description": "Anders"}, format="json"))
    action.refresh_from_db()
    assert (action.status, action.description) == ("done", ActionFactory.description)
    assert AuditEntry.objects.filter(action__startswith="action.", result=Result.ALLOWED).count() == 0


def test_local_times_the_clock_skips_or_repeats_need_an_offset(personas):
    chair = api(personas.chair)
    body = {"municipality": personas.municipality.pk, "location": "Stadhuis"}
    for local in ("2027-03-28T02:30", "2027-10-31T02:30"):
        response = chair.post("/api/v1/meetings/", {**body, "starts_at": local}, format="json")
        assert "starts_at" in _fields(response), local
    assert not Meeting.objects.exists()
    response = chair.post("/api/v1/meetings/", {**body, "starts_at": "2027-10-31T02:30+01:00"}, format="json")
    assert response.status_code == 201, response.content
    stored = Meeting.objects.get().starts_at
    assert stored == datetime.datetime(2027, 10, 31, 1, 30, tzinfo=datetime.UTC)
