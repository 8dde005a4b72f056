"""/api/v1/restricted-documents/: register, read (audited, with the classification label),
download, grant, revoke and release; bad input answers 400 problem+json with Dutch field
errors, never a 500; out of reach is 404 problem+json."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.restricted.models import AccessGrant, ReleaseDecision, RestrictedDocument
from samenspel.restricted.tests.factories import grant
from samenspel.testing.factories_meetings import MeetingFactory
from samenspel.testing.personas import login_verified

pytestmark = pytest.mark.django_db

BASE = "/api/v1/restricted-documents/"


@pytest.fixture
def office(client, personas):
    login_verified(client, personas.mayors_office)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def body(personas, **overrides):
    return {
        "municipality": personas.municipality.pk,
        "title": "Ambtsbericht mei",
        "classification": "departmental_confidential",
        "kind": "other_classified",
        "received_on": timezone.localdate().isoformat(),
        **overrides,
    }


def test_register_and_read_back(office, personas, case_scenario):
    response = post(office, BASE, body(personas, case=case_scenario.case.pk, description="Tekst."))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["classification_label"] == "Departementaal Vertrouwelijk"
    assert data["case"] == case_scenario.case.pk and data["file"] is None
    document = RestrictedDocument.objects.get(pk=data["id"])
    assert document.registered_by == personas.mayors_office
    detail = office.get(f"{BASE}{document.pk}/").json()
    assert detail["grants"] == [] and detail["release_decisions"] == []
    assert AuditEntry.objects.filter(action="restricted_document.view", object_id=str(document.pk)).count() == 1
    listing = office.get(BASE).json()
    assert [d["id"] for d in listing["results"]] == [document.pk]
    assert AuditEntry.objects.filter(action="restricted_document.list", purpose="restricted_document").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": 12}, "title"),
        ({"title": "<script>"}, "title"),
        ({"classification": "geheim"}, "classification"),
        ({"kind": None}, "kind"),
        ({"received_on": "2024-13-01"}, "received_on"),
        ({"received_on": 20240101}, "received_on"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"municipality": "x"}, "municipality"),
        ({"municipality": 2**70}, "municipality"),
        ({"case": True}, "case"),
        ({"case": 999999}, "case"),
        ({"description": ["x"]}, "description"),
    ],
)
def test_bad_input_on_register(office, personas, overrides, field):
    response = post(office, BASE, body(personas, **overrides))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in str(response.json())
    assert not RestrictedDocument.objects.exists()


def test_a_municipality_out_of_scope_is_a_field_error(office, personas):
    response = post(office, BASE, body(personas, municipality=personas.neighbour.pk))
    assert response.status_code == 400 and "municipality" in str(response.json())


def test_not_json_and_not_an_object(office, personas):
    assert office.post(BASE, "{", content_type="application/json").status_code == 400
    assert post(office, BASE, []).status_code == 400


def test_grant_revoke_and_release(office, personas, doc):
    ends = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    response = post(office, f"{BASE}{doc.pk}/grants/", {"grantee": personas.coordinator.pk, "ends_at": ends})
    assert response.status_code == 201, response.json()
    grant_id = response.json()["id"]
    assert response.json()["is_current"] is True
    detail = office.get(f"{BASE}{doc.pk}/").json()
    assert [g["id"] for g in detail["grants"]] == [grant_id]
    revoked = post(office, f"{BASE}{doc.pk}/grants/{grant_id}/revoke/", {})
    assert revoked.status_code == 200 and revoked.json()["is_current"] is False
    again = post(office, f"{BASE}{doc.pk}/grants/{grant_id}/revoke/", {})
    assert again.status_code == 400
    assert post(office, f"{BASE}{doc.pk}/grants/999999/revoke/", {}).status_code == 404
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    released = post(
        office,
        f"{BASE}{doc.pk}/release-decisions/",
        {"purpose": "minutes", "meeting": meeting.pk, "reason": "Besluit."},
    )
    assert released.status_code == 201 and released.json()["meeting"] == meeting.pk
    assert ReleaseDecision.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"grantee": "1", "ends_at": "2030-01-01T10:00:00Z"},
        {"grantee": 1, "ends_at": 1893456000},
        {"grantee": 1, "ends_at": "morgen"},
        {"grantee": 1, "ends_at": "2001-01-01T10:00:00Z"},
        {"grantee": 1, "ends_at": "9999-12-31T23:59:59Z"},
        {"grantee": 999999, "ends_at": "2030-01-01T10:00:00Z"},
    ],
)
def test_bad_input_on_grant(office, doc, data):
    response = post(office, f"{BASE}{doc.pk}/grants/", data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not AccessGrant.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"purpose": "minutes", "reason": "x"},
        {"purpose": "export", "reason": "x", "meeting": 1},
        {"purpose": "export", "reason": ""},
        {"purpose": "report", "reason": 5},
        {"purpose": "minutes", "reason": "x", "meeting": -1},
    ],
)
def test_bad_input_on_release(office, doc, data):
    response = post(office, f"{BASE}{doc.pk}/release-decisions/", data)
    assert response.status_code == 400
    assert not ReleaseDecision.objects.exists()


def test_a_grantee_reads_and_downloads_and_it_is_audited(client, personas, doc):
    grant(doc, personas.coordinator)
    login_verified(client, personas.coordinator)
    data = client.get(f"{BASE}{doc.pk}/").json()
    assert data["classification_label"] == "Stg. Confidentieel"
    assert data["grants"] == []  # the grant list is the registrar's
    download = client.get(f"{BASE}{doc.pk}/content/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    entry = AuditEntry.objects.filter(action="restricted_document.download").get()
    assert entry.actor_id == personas.coordinator.pk and entry.purpose == "restricted_document"


def test_a_document_without_file_has_no_content(office, personas):
    from samenspel.restricted.tests.factories import document

    bare = document(personas.mayors_office, personas.municipality)
    assert office.get(f"{BASE}{bare.pk}/content/").status_code == 404


def test_others_get_problem_json_404_audited(client, personas, doc):
    login_verified(client, personas.app_manager)
    for url in (BASE, f"{BASE}{doc.pk}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert post(client, BASE, body(personas)).status_code == 404
    assert AuditEntry.objects.filter(result="denied", action__startswith="restricted_document").count() == 3
