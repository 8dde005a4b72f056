"""The restricted-documents pages: registering (with file), the marking on every view, the
audited download, grant / revoke / release through the forms, and bad input shown next to
the field in Dutch (never a 500)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.restricted.models import AccessGrant, ReleaseDecision, RestrictedDocument
from samenspel.restricted.tests.factories import MARKER_TITLE, grant
from samenspel.testing.factories_meetings import MeetingFactory
from samenspel.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, personas):
    login_verified(client, personas.mayors_office)
    return client


def form_data(personas, **overrides):
    return {
        "municipality": personas.municipality.pk,
        "title": "Ambtsbericht april",
        "classification": "state_secret",
        "kind": "aivd_notice",
        "received_on": timezone.localdate().isoformat(),
        "description": "Over de situatie in de wijk.",
        **overrides,
    }


def test_register_with_a_file_then_view_and_download(office, personas):
    upload = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = office.post("/vertrouwelijk/nieuw/", {**form_data(personas), "file": upload})
    document = RestrictedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/vertrouwelijk/{document.pk}/"
    page = office.get(response["Location"])
    html = page.content.decode()
    assert html.count("STG. GEHEIM") == 2  # the marking above and below
    assert "Stg. Geheim" in html
    assert page["Cache-Control"].startswith("private") or "no-store" in page["Cache-Control"]
    download = office.get(f"/vertrouwelijk/{document.pk}/bestand/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    actions = list(AuditEntry.objects.filter(object_id=str(document.pk)).values_list("action", "purpose"))
    assert ("restricted_document.create", "restricted_document") in actions
    assert ("restricted_document.view", "restricted_document") in actions
    assert ("restricted_document.download", "restricted_document") in actions


def test_the_list_shows_the_marking_and_is_audited(office, personas, doc):
    html = office.get("/vertrouwelijk/").content.decode()
    assert MARKER_TITLE in html and "Stg. Confidentieel" in html
    assert AuditEntry.objects.filter(action="restricted_document.list", purpose="restricted_document").exists()


def test_the_start_page_counts_without_showing_titles(office, doc):
    html = office.get("/").content.decode()
    assert "U hebt toegang tot 1 vertrouwelijk stuk." in html
    assert MARKER_TITLE not in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Dit veld is vereist."),
        ({"classification": "geheim"}, "Selecteer een geldige keuze"),
        ({"received_on": "gisteren"}, "Voer een geldige datum in."),
        ({"received_on": "2999-01-01"}, "De ontvangstdatum kan niet in de toekomst liggen."),
        ({"case": "99999"}, "Er is geen casus met dit nummer in deze gemeente."),
        ({"case": "abc"}, "Geef een nummer op."),
        ({"municipality": "999999"}, "Selecteer een geldige keuze"),
        ({"description": "a\x01b"}, "stuurtekens"),
    ],
)
def test_bad_input_on_the_register_form(office, personas, overrides, message):
    response = office.post("/vertrouwelijk/nieuw/", form_data(personas, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RestrictedDocument.objects.exists()


def test_a_wrong_file_type_is_refused_next_to_the_field(office, personas):
    upload = SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = office.post("/vertrouwelijk/nieuw/", {**form_data(personas), "file": upload})
    assert response.status_code == 200
    assert "Alleen PDF, PNG, JPEG" in response.content.decode()
    assert not RestrictedDocument.objects.exists()


def test_grant_revoke_and_release_through_the_page(office, personas, doc):
    ends = (timezone.localtime() + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = office.post(
        f"/vertrouwelijk/{doc.pk}/toegang/", {"toegang-grantee": personas.coordinator.pk, "toegang-ends_at": ends}
    )
    assert response.status_code == 302
    access = AccessGrant.objects.get()
    assert access.grantee == personas.coordinator
    assert "Dana Dossier" in office.get(f"/vertrouwelijk/{doc.pk}/").content.decode()
    assert office.post(f"/vertrouwelijk/{doc.pk}/toegang/{access.pk}/intrekken/").status_code == 302
    access.refresh_from_db()
    assert access.revoked_at is not None
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair)
    response = office.post(
        f"/vertrouwelijk/{doc.pk}/vrijgave/",
        {"vrijgave-purpose": "minutes", "vrijgave-meeting": meeting.pk, "vrijgave-reason": "Besluit burgemeester."},
    )
    assert response.status_code == 302
    assert ReleaseDecision.objects.get().meeting == meeting
    actions = set(AuditEntry.objects.filter(object_id=str(doc.pk)).values_list("action", flat=True))
    assert {"restricted_document.grant", "restricted_document.revoke", "restricted_document.release"} <= actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Dit veld is vereist."),
        ({"toegang-grantee": "abc", "toegang-ends_at": "2030-01-01T10:00"}, "Selecteer een geldige keuze"),
        ({"toegang-ends_at": "morgen"}, "Voer een geldige datum/tijd in."),
        ({"toegang-ends_at": "2001-01-01T10:00"}, "De toegang moet in de toekomst eindigen."),
        ({"toegang-ends_at": "2999-01-01T10:00"}, "hoogstens een jaar vooruit"),
    ],
)
def test_bad_input_on_the_grant_form(office, personas, doc, data, message):
    data = {"toegang-grantee": personas.coordinator.pk, **data} if data else data
    response = office.post(f"/vertrouwelijk/{doc.pk}/toegang/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AccessGrant.objects.exists()


def test_a_teacher_cannot_be_chosen_as_grantee(office, personas, doc):
    response = office.post(
        f"/vertrouwelijk/{doc.pk}/toegang/",
        {"toegang-grantee": personas.teacher.pk, "toegang-ends_at": "2030-01-01T10:00"},
    )
    assert response.status_code == 200
    assert not AccessGrant.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Dit veld is vereist."),
        ({"vrijgave-purpose": "minutes", "vrijgave-reason": "x"}, "Geef het nummer van een casusoverleg"),
        ({"vrijgave-purpose": "export", "vrijgave-reason": "x", "vrijgave-meeting": "1"}, "alleen bij vrijgave"),
        ({"vrijgave-purpose": "minutes", "vrijgave-reason": "x", "vrijgave-meeting": "-3"}, "minstens 1"),
    ],
)
def test_bad_input_on_the_release_form(office, doc, data, message):
    response = office.post(f"/vertrouwelijk/{doc.pk}/vrijgave/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReleaseDecision.objects.exists()


def test_revoking_twice_says_so(office, personas, doc):
    access = grant(doc, personas.coordinator, revoked=True)
    response = office.post(f"/vertrouwelijk/{doc.pk}/toegang/{access.pk}/intrekken/", follow=True)
    assert "Deze toegang is al ingetrokken." in response.content.decode()


def test_denied_looks_are_audited_as_404(client, personas, doc):
    login_verified(client, personas.privacy_officer)
    assert client.get(f"/vertrouwelijk/{doc.pk}/").status_code == 404
    entry = AuditEntry.objects.filter(result="denied").latest("id")
    assert entry.action == "restricted_document.view"
