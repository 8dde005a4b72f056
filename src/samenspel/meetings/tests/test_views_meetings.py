"""The meeting pages: list, planning and changing a meeting, inviting, the confidentiality
confirmation and building the agenda. Dutch errors next to the field, nothing half-saved, no
500 for any input, the right people only, one audit entry per look at the agenda."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from samenspel.audit.models import AuditEntry
from samenspel.meetings.models import AgendaItem, ConfidentialityConfirmation, Meeting, MeetingInvitation
from samenspel.testing.factories_cases import CaseFactory
from samenspel.testing.factories_meetings import AgendaItemFactory, MeetingFactory, confirm

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Ĳsbrand van 't Hoff",
    "محمد",
    "<script>alert('x')</script>",
    "'; DROP TABLE meetings_meeting; --",
]


def errors(response, field):
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


def next_week(hour=10):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return f"{day.isoformat()}T{hour:02d}:00"


@pytest.fixture
def meeting(personas):
    return MeetingFactory(
        municipality=personas.municipality, chair=personas.chair, invited=[personas.school_org, personas.youth_work_org]
    )


# The list ------------------------------------------------------------------------------------


def test_list_shows_upcoming_and_past_meetings_the_user_sees(personas, client_for, meeting):
    past = MeetingFactory(
        municipality=personas.municipality, chair=personas.chair, held=True, invited=[personas.school_org]
    )
    elsewhere = MeetingFactory(chair=personas.outsider)
    response = client_for(personas.teacher).get("/casusoverleg/")
    assert response.status_code == 200
    assert [m.pk for m in response.context["upcoming"]] == [meeting.pk]
    assert [m.pk for m in response.context["past"]] == [past.pk]
    assert elsewhere.pk not in {m.pk for m in response.context["past"]}
    assert "Casusoverleg plannen" not in response.content.decode()


# Planning ------------------------------------------------------------------------------------


def test_the_chair_plans_a_meeting(personas, client_for):
    client = client_for(personas.chair)
    data = {
        "scope": f"gemeente-{personas.municipality.pk}",
        "starts_at": next_week(),
        "location": "Stadhuis, zaal 3",
        "online_link": "https://overleg.example.nl/x",
    }
    response = client.post("/casusoverleg/nieuw/", data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/casusoverleg/{meeting.pk}/"
    assert meeting.chair == personas.chair and meeting.municipality == personas.municipality
    assert AuditEntry.objects.filter(action="meeting.create").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("starts_at", "", "vereist"),
        ("starts_at", "gisteren", "geldige datum"),
        ("online_link", "javascript:alert(1)", "https-link"),
        ("online_link", "http://overleg.example.nl", "https-link"),
        ("location", "<b>zaal</b>", ""),
        ("location", "x" * 201, "niet meer dan 200"),
        ("chair", "abc", "geldige keuze"),
        ("scope", "gemeente-abc", "geldige keuze"),
        ("scope", "", "vereist"),
    ],
)
def test_bad_meeting_input_is_refused_next_to_the_field(personas, client_for, field, value, message):
    data = {"scope": f"gemeente-{personas.municipality.pk}", "starts_at": next_week(), "location": "Zaal 1"}
    data[field] = value
    response = client_for(personas.coordinator).post("/casusoverleg/nieuw/", data)
    assert response.status_code == 400
    assert errors(response, field), response.context["form"].errors
    assert message.lower() in errors(response, field).lower()
    assert not Meeting.objects.exists()


def test_a_place_or_a_link_is_needed(personas, client_for):
    data = {"scope": f"gemeente-{personas.municipality.pk}", "starts_at": next_week()}
    response = client_for(personas.coordinator).post("/casusoverleg/nieuw/", data)
    assert response.status_code == 400 and "plaats of een online link" in errors(response, "location")
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_places_are_kept_as_typed_and_escaped(personas, client_for, text):
    client = client_for(personas.coordinator)
    data = {"scope": f"gemeente-{personas.municipality.pk}", "starts_at": next_week(), "location": text}
    response = client.post("/casusoverleg/nieuw/", data)
    if "<" in text:
        assert response.status_code == 400 and errors(response, "location")
        return
    meeting = Meeting.objects.get()
    assert meeting.location == text
    page = client.get(f"/casusoverleg/{meeting.pk}/").content.decode()
    assert escape(text) in page


def test_the_chair_changes_the_meeting_and_partners_may_not(personas, client_for, meeting):
    assert client_for(personas.teacher).post(f"/casusoverleg/{meeting.pk}/wijzigen/", {}).status_code == 403
    client = client_for(personas.chair)
    data = {"starts_at": next_week(14), "location": "Zaal 2", "chair": personas.chair.pk}
    response = client.post(f"/casusoverleg/{meeting.pk}/wijzigen/", data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Zaal 2" and timezone.localtime(meeting.starts_at).hour == 14
    response = client.post(f"/casusoverleg/{meeting.pk}/wijzigen/", {**data, "ends_at": "morgen"})
    assert response.status_code == 400 and errors(response, "ends_at")


def test_inviting_an_organisation_and_refusals(personas, client_for, meeting):
    client = client_for(personas.chair)
    url = f"/casusoverleg/{meeting.pk}/uitnodigen/"
    assert client.post(url, {"organisation": personas.police_org.pk}).status_code == 302
    assert MeetingInvitation.objects.filter(meeting=meeting, organisation=personas.police_org).exists()
    response = client.post(url, {"organisation": personas.police_org.pk})
    assert response.status_code == 400 and "bestaat al" in errors(response, "organisation")
    for value in ("abc", personas.outsider_org.pk, "'; DROP TABLE x; --"):
        response = client.post(url, {"organisation": value})
        assert response.status_code == 400 and errors(response, "organisation")
    response = client.post(url, {"organisation": personas.police_org.pk, "person": personas.teacher.pk})
    assert response.status_code == 400 and errors(response, "person")
    assert MeetingInvitation.objects.filter(meeting=meeting).count() == 3


# Confirmation and agenda ---------------------------------------------------------------------


def test_confirmation_page_before_the_agenda(personas, client_for, case_scenario, meeting):
    AgendaItemFactory(meeting=meeting, case=case_scenario.case, added_by=personas.coordinator)
    client = client_for(personas.teacher)
    url = f"/casusoverleg/{meeting.pk}/"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "Vertrouwelijkheid bevestigen" in page
    assert case_scenario.subject.family_name not in page
    assert not AuditEntry.objects.filter(action="meeting.view").exists()
    response = client.post(url, {})
    assert response.status_code == 400 and "Vink de verklaring aan" in response.content.decode()
    assert not ConfidentialityConfirmation.objects.exists()
    assert client.post(url, {"statement": "on"}).status_code == 302
    assert ConfidentialityConfirmation.objects.filter(meeting=meeting, user=personas.teacher).count() == 1
    before = AuditEntry.objects.filter(action="meeting.view").count()
    response = client.get(url)
    assert response.status_code == 200 and len(response.context["agenda"]) == 1
    assert AuditEntry.objects.filter(action="meeting.view").count() == before + 1


def test_outsider_gets_404_and_no_case_work_403(personas, client_for, meeting):
    assert client_for(personas.outsider).get(f"/casusoverleg/{meeting.pk}/").status_code == 404
    assert client_for(personas.outsider).post(f"/casusoverleg/{meeting.pk}/", {"statement": "on"}).status_code == 404
    for name in ("app_manager", "privacy_officer", "analyst"):
        assert client_for(getattr(personas, name)).get(f"/casusoverleg/{meeting.pk}/").status_code == 403
    assert client_for(personas.teacher).get("/casusoverleg/abc/").status_code == 404


def test_youth_worker_sees_no_name_on_the_agenda(personas, client_for, case_scenario, meeting):
    AgendaItemFactory(meeting=meeting, case=case_scenario.case, added_by=personas.coordinator)
    confirm(meeting, personas.youth_worker)
    page = client_for(personas.youth_worker).get(f"/casusoverleg/{meeting.pk}/").content.decode()
    assert "naam niet gedeeld" in page and case_scenario.subject.family_name not in page


def test_the_coordinator_builds_the_agenda(personas, client_for, meeting):
    first = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    second = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    confirm(meeting, personas.coordinator)
    client = client_for(personas.coordinator)
    url = f"/casusoverleg/{meeting.pk}/agenda/nieuw/"
    assert client.post(url, {"case": first.pk, "kind": "new"}).status_code == 302
    assert client.post(url, {"case": second.pk, "kind": "review"}).status_code == 302
    for data, field in (
        ({"case": "abc", "kind": "new"}, "case"),
        ({"case": first.pk, "kind": "new"}, "case"),
        ({"case": "", "kind": "new"}, "case"),
        ({"case": second.pk, "kind": "<script>"}, "kind"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400 and errors(response, field)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))
    assert [i.case_id for i in items] == [first.pk, second.pk]
    move = f"/casusoverleg/{meeting.pk}/agenda/volgorde/"
    assert client.post(move, {"agendapunt": items[1].pk, "richting": "op"}).status_code == 302
    assert list(AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("case_id", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert client.post(move, {"agendapunt": "abc", "richting": "zijwaarts"}).status_code == 302
    assert client.post(f"/casusoverleg/agendapunten/{items[0].pk}/verwijderen/").status_code == 302
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("case_id", "order")) == [(second.pk, 1)]
    assert client_for(personas.teacher).post(move, {"agendapunt": items[1].pk, "richting": "op"}).status_code == 403


def test_cancelling_a_meeting_needs_a_reason_and_held_only_after_the_start(personas, client_for, meeting):
    assert client_for(personas.teacher).post(f"/casusoverleg/{meeting.pk}/status/", {}).status_code == 403
    client = client_for(personas.chair)
    url = f"/casusoverleg/{meeting.pk}/status/"
    for data, field in (
        ({"status": "cancelled", "reason": ""}, "reason"),
        ({"status": "held"}, "status"),
        ({"status": "abc"}, "status"),
        ({"status": "cancelled", "reason": "x" * 2001}, "reason"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400 and errors(response, field), data
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert client.post(url, {"status": "cancelled", "reason": "<script>x</script> محمد ziek"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert client.get(url).status_code == 200  # no choices left, no 500
