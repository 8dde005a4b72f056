"""The coordinator's triage in the UI: inbox, signal page (one audit entry per look), notes,
identity, information requests, the decision, the subject link and the attachment download."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.intake import attachments as files
from samenspel.intake.models import Attachment, InformationRequest, Signal, TriageDecision
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing.models import InformationCategory
from samenspel.testing.factories_cases import SignalFactory, SubjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(personas):
    return SignalFactory(
        reporter=personas.teacher, municipality=personas.municipality, given_names="Ĳsbrand", family_name="van 't Hoff"
    )


def page(signal, suffix=""):
    return f"/meldingen/duiden/{signal.pk}/{suffix}"


def test_inbox_oldest_first_with_deadline_and_overdue_in_words(personas, client_for):
    old = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, overdue=True)
    new = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    monitored = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, monitoring=True)
    elsewhere = SignalFactory(reporter=personas.outsider)
    html = client_for(personas.coordinator).get("/meldingen/duiden/").content.decode()
    assert html.index(f"Melding {old.pk}<") < html.index(f"Melding {new.pk}<")
    assert html.count("Termijn verstreken") == 1
    assert f"Melding {monitored.pk}<" in html and monitored.review_date.strftime("%Y") in html
    assert f"Melding {elsewhere.pk}<" not in html


def test_each_look_at_the_signal_page_writes_exactly_one_audit_entry(personas, client_for, signal):
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    response = client.get(page(signal))
    assert response.status_code == 200
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [(e.action, e.object_id, e.purpose) for e in entries] == [("signal.view", str(signal.pk), "triage")]
    html = response.content.decode()
    assert "van &#x27;t Hoff" in html or "van &#39;t Hoff" in html


def test_signals_outside_the_coordinators_municipality_are_not_found(personas, client_for):
    next_door = SignalFactory(municipality=personas.neighbour, reporter=personas.police_officer)
    client = client_for(personas.coordinator)
    assert client.get(page(next_door)).status_code == 404
    assert client.post(page(next_door, "notities/"), {"notitie-text": "x"}).status_code == 404
    assert client.get("/meldingen/duiden/abc/").status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "youth_worker", "app_manager", "privacy_officer", "analyst"])
def test_others_cannot_open_the_signal_page(personas, client_for, signal, persona):
    assert client_for(getattr(personas, persona)).get(page(signal)).status_code == 403


def test_a_note_takes_the_signal_into_triage(personas, client_for, signal):
    client = client_for(personas.coordinator)
    response = client.post(page(signal, "notities/"), {"notitie-text": "Gebeld met school. <b>vet</b>"})
    assert response.status_code == 302 and response.url == page(signal)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_TRIAGE
    assert signal.assessment_notes.get().text == "Gebeld met school. <b>vet</b>"
    html = client.get(page(signal)).content.decode()
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001, "bel\x00letje"])
def test_bad_notes_are_refused_next_to_the_field(personas, client_for, signal, text):
    response = client_for(personas.coordinator).post(page(signal, "notities/"), {"notitie-text": text})
    assert response.status_code == 200
    assert "text" in response.context["note_form"].errors
    assert 'id="id_notitie-text_error"' in response.content.decode()
    assert not signal.assessment_notes.exists()


def test_identity_is_stored_exactly_as_typed(personas, client_for, signal):
    client = client_for(personas.coordinator)
    data = {
        "identiteit-given_names": "محمد",
        "identiteit-family_name": "El Amrani",
        "identiteit-date_of_birth": "2008-02-29",
    }
    assert client.post(page(signal, "persoon/"), data).status_code == 302
    signal.refresh_from_db()
    assert (signal.given_names, signal.family_name, signal.date_of_birth) == (
        "محمد",
        "El Amrani",
        datetime.date(2008, 2, 29),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", "gisteren"),
        ("date_of_birth", "2999-01-01"),
        ("family_name", "<img src=x>"),
        ("estimated_age", "abc"),
        ("family_name", "x" * 201),
    ],
)
def test_bad_identity_input_changes_nothing(personas, client_for, signal, field, value):
    response = client_for(personas.coordinator).post(page(signal, "persoon/"), {f"identiteit-{field}": value})
    assert response.status_code == 200
    assert field in response.context["identity_form"].errors
    signal.refresh_from_db()
    assert signal.family_name == "van 't Hoff"


def test_the_coordinator_requests_information_from_the_police(personas, client_for, signal):
    category = InformationCategory.objects.get(code="police_and_justice")
    data = {
        "verzoek-organisation": personas.police_org.pk,
        "verzoek-categories": [category.pk],
        "verzoek-question": "Bekend?",
    }
    assert client_for(personas.coordinator).post(page(signal, "informatieverzoeken/"), data).status_code == 302
    request = InformationRequest.objects.get()
    assert request.organisation == personas.police_org and list(request.categories.all()) == [category]


@pytest.mark.parametrize(
    "overrides",
    [
        {"verzoek-organisation": "abc"},
        {"verzoek-organisation": "999999"},
        {"verzoek-categories": []},
        {"verzoek-categories": ["'; DROP TABLE x;--"]},
        {"verzoek-question": ""},
    ],
)
def test_bad_information_requests_save_nothing(personas, client_for, signal, overrides):
    category = InformationCategory.objects.get(code="police_and_justice")
    data = {
        "verzoek-organisation": personas.police_org.pk,
        "verzoek-categories": [category.pk],
        "verzoek-question": "Bekend?",
    }
    data.update(overrides)
    response = client_for(personas.coordinator).post(page(signal, "informatieverzoeken/"), data)
    assert response.status_code == 200
    assert response.context["request_form"].errors
    assert not InformationRequest.objects.exists()


def test_a_category_the_partner_may_not_provide_is_refused_by_the_agreement(personas, client_for, signal):
    from samenspel.sharing import policy

    refused = [c for c in InformationCategory.objects.all() if not policy.can_provide(personas.school_org, c)]
    assert refused
    data = {
        "verzoek-organisation": personas.school_org.pk,
        "verzoek-categories": [refused[0].pk],
        "verzoek-question": "?",
    }
    response = client_for(personas.coordinator).post(page(signal, "informatieverzoeken/"), data)
    assert response.status_code == 200
    assert "convenant" in str(response.context["request_form"].errors["categories"])
    assert not InformationRequest.objects.exists()


def test_decisions(personas, client_for, signal):
    client = client_for(personas.coordinator)
    review = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(page(signal, "besluit/"), {"besluit-outcome": "monitor", "besluit-reason": "Even volgen."})
    assert response.status_code == 200
    assert "review_date" in response.context["decision_form"].errors
    data = {"besluit-outcome": "monitor", "besluit-reason": "Even volgen.", "besluit-review_date": review}
    assert client.post(page(signal, "besluit/"), data).status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.MONITORING and signal.review_date.isoformat() == review
    assert TriageDecision.objects.get().reason == "Even volgen."


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"besluit-outcome": "arrest", "besluit-reason": "x"},
        {"besluit-outcome": "no_concern", "besluit-reason": ""},
        {"besluit-outcome": "refer", "besluit-reason": "x"},
        {"besluit-outcome": "refer", "besluit-reason": "x", "besluit-referred_to": "abc"},
        {"besluit-outcome": "monitor", "besluit-reason": "x", "besluit-review_date": "gisteren"},
        {"besluit-outcome": "open_case", "besluit-reason": "x", "besluit-case": "999999"},
    ],
)
def test_bad_decisions_change_nothing(personas, client_for, signal, data):
    response = client_for(personas.coordinator).post(page(signal, "besluit/"), data)
    assert response.status_code == 200
    assert response.context["decision_form"].errors
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW and not TriageDecision.objects.exists()


def test_open_a_case_from_the_signal(personas, client_for, signal):
    data = {"besluit-outcome": "open_case", "besluit-reason": "Zorgen van meerdere kanten."}
    assert client_for(personas.coordinator).post(page(signal, "besluit/"), data).status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CASE and signal.case is not None


def test_a_matching_subject_is_offered_and_linked(personas, client_for):
    from samenspel.testing.factories_cases import CaseFactory

    subject = SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff", date_of_birth=datetime.date(2009, 5, 4))
    CaseFactory(subject=subject, municipality=personas.municipality, coordinator=personas.coordinator)
    signal = SignalFactory(
        reporter=personas.teacher,
        municipality=personas.municipality,
        given_names="ijsbrand",
        family_name="Van t Hoff",
        date_of_birth=datetime.date(2009, 5, 4),
    )
    client = client_for(personas.coordinator)
    html = client.get(page(signal)).content.decode()
    assert f'name="subject" value="{subject.pk}"' in html
    assert client.post(page(signal, "koppelen/"), {"subject": "abc"}).status_code == 302
    signal.refresh_from_db()
    assert signal.subject is None
    assert client.post(page(signal, "koppelen/"), {"subject": subject.pk}).status_code == 302
    signal.refresh_from_db()
    assert signal.subject == subject


def _attach(signal, name="verslag <1>.pdf"):
    upload = BytesIO(b"%PDF-1.4 inhoud")
    upload.name, upload.size = name, len(upload.getvalue())
    stored = files.store(upload, files.PDF)
    return Attachment.objects.create(
        signal=signal,
        original_name=files.display_name(name),
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
    )


def test_attachment_download_is_checked_audited_and_a_download(personas, client_for, signal):
    attachment = _attach(signal, "verslag Ĳsbrand.pdf")
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    response = client.get(f"/meldingen/bijlagen/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 inhoud"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert list(AuditEntry.objects.order_by("pk")[before:].values_list("action", flat=True)) == ["attachment.download"]
    assert client_for(personas.youth_worker).get(f"/meldingen/bijlagen/{attachment.pk}/").status_code == 404


def test_a_closed_signal_offers_no_forms(personas, client_for):
    closed = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, closed=True)
    html = client_for(personas.coordinator).get(page(closed)).content.decode()
    assert "besluit-reason" not in html and "notitie-text" not in html
    response = client_for(personas.coordinator).post(page(closed, "notities/"), {"notitie-text": "nog iets"})
    assert response.status_code == 200 and "afgehandeld" in response.content.decode()
    assert Signal.objects.get(pk=closed.pk).assessment_notes.count() == 0


def test_the_start_page_shows_signals_to_triage_without_names(personas, client_for, signal):
    html = client_for(personas.coordinator).get("/").content.decode()
    assert f"Melding {signal.pk}" in html and "Hoff" not in html
