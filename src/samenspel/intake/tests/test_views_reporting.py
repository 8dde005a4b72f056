"""Reporting a concern in the UI: the question first, the form, the confirmation, and the
reporter's own list with the reporter-facing status only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samenspel.audit.models import AuditEntry
from samenspel.intake.models import Signal
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories_cases import SignalFactory, TriageDecisionFactory

pytestmark = pytest.mark.django_db

FORM = "/meldingen/melden/formulier/"


def _category() -> ConcernCategory:
    return ConcernCategory.objects.filter(is_active=True).first()


def _data(**overrides) -> dict:
    data = {
        "given_names": "Ĳsbrand",
        "family_name": "van 't Hoff",
        "date_of_birth": "2009-05-04",
        "observation": "Deelt filmpjes in de klas.",
        "concern_categories": [_category().pk],
        "observed_on": "",
        "reporter_relation": "Mentor",
        "urgency": "normal",
    }
    data.update(overrides)
    return data


def test_the_question_comes_first_and_yes_shows_where_to_call(personas, client_for):
    client = client_for(personas.teacher)
    assert "acuut gevaar" in client.get("/meldingen/melden/").content.decode()
    response = client.post("/meldingen/melden/", {"acute": "ja"})
    assert response.status_code == 302 and response.url == "/meldingen/melden/acuut/"
    page = client.get(response.url).content.decode()
    assert "112" in page and "0900-8844" in page and "0800-7000" in page
    assert FORM in page  # already called: continue to the form
    response = client.post("/meldingen/melden/", {"acute": "nee"})
    assert response.url == FORM


@pytest.mark.parametrize("answer", ["", "misschien", "<script>"])
def test_the_question_needs_yes_or_no(personas, client_for, answer):
    response = client_for(personas.teacher).post("/meldingen/melden/", {"acute": answer})
    assert response.status_code == 200
    assert "Kies ja of nee." in response.content.decode()


def test_a_teacher_reports_and_sees_a_confirmation_without_personal_data_in_the_url(personas, client_for):
    client = client_for(personas.teacher)
    response = client.post(FORM, _data())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert response.url == f"/meldingen/melden/{signal.pk}/ontvangen/"
    assert "Hoff" not in response.url
    assert (signal.given_names, signal.family_name) == ("Ĳsbrand", "van 't Hoff")
    assert signal.reporter == personas.teacher and signal.municipality == personas.municipality
    page = client.get(response.url).content.decode()
    assert f"nummer {signal.pk}" in page and "Hoff" not in page


def test_attachments_are_stored_and_refused_types_save_nothing(personas, client_for):
    client = client_for(personas.teacher)
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    assert client.post(FORM, _data(attachments=[pdf, png])).status_code == 302
    assert Signal.objects.get().attachments.count() == 2
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(FORM, _data(attachments=[bad]))
    assert response.status_code == 200
    assert "Alleen PDF" in response.content.decode()
    assert Signal.objects.count() == 1


BAD_INPUT = [
    ({"observation": ""}, "observation"),
    ({"concern_categories": []}, "concern_categories"),
    ({"concern_categories": ["abc"]}, "concern_categories"),
    ({"concern_categories": ["999999"]}, "concern_categories"),
    ({"date_of_birth": "gisteren"}, "date_of_birth"),
    ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
    ({"observed_on": "2999-01-01"}, "observed_on"),
    ({"estimated_age": "abc"}, "estimated_age"),
    ({"estimated_age": "-3"}, "estimated_age"),
    ({"estimated_age": "121"}, "estimated_age"),
    ({"family_name": "x" * 201}, "family_name"),
    ({"family_name": "<script>alert(1)</script>"}, "family_name"),
    ({"observation": "x" * 10_001}, "observation"),
    ({"urgency": "'; DROP TABLE intake_signal; --"}, "urgency"),
    ({"residence_municipality": "abc"}, "residence_municipality"),
    ({"gender": "robot"}, "gender"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD_INPUT)
def test_bad_input_is_answered_next_to_the_field_and_nothing_is_saved(personas, client_for, overrides, field):
    response = client_for(personas.teacher).post(FORM, _data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["<script>alert('x')</script>", "Robert'); DROP TABLE intake_signal;--", 'محمد zei: "ik ga weg"'],
)
def test_free_text_is_stored_as_typed_and_shown_escaped(personas, client_for, text):
    client = client_for(personas.teacher)
    assert client.post(FORM, _data(observation=text, given_names="محمد")).status_code == 302
    signal = Signal.objects.get()
    assert signal.observation == text and signal.given_names == "محمد"
    page = client_for(personas.coordinator).get(f"/meldingen/duiden/{signal.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "محمد" in page


def test_my_signals_shows_the_reporter_status_never_the_decision(personas, client_for):
    closed = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, closed=True)
    TriageDecisionFactory(signal=closed, decided_by=personas.coordinator, reason="Geheime onderbouwing")
    SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    SignalFactory(reporter=personas.youth_worker, municipality=personas.municipality, family_name="Anders")
    before = AuditEntry.objects.count()
    page = client_for(personas.teacher).get("/meldingen/mijn-meldingen/").content.decode()
    assert AuditEntry.objects.count() == before + 1
    assert "Afgehandeld" in page and "Ontvangen" in page
    assert "Geheime onderbouwing" not in page and "Gesloten" not in page and "Geen zorg" not in page
    assert "Anders" not in page


def test_another_reporters_confirmation_page_is_not_found(personas, client_for):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    response = client_for(personas.youth_worker).get(f"/meldingen/melden/{signal.pk}/ontvangen/")
    assert response.status_code == 404


def test_the_start_page_lists_my_signals_without_names(personas, client_for):
    SignalFactory(reporter=personas.teacher, municipality=personas.municipality, family_name="Zichtbaar")
    page = client_for(personas.teacher).get("/").content.decode()
    assert "Ontvangen" in page and "Zichtbaar" not in page
