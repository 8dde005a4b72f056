"""/api/v1/triage-decisions/ and /api/v1/information-requests/: bad input, refusals and audit
counts (the happy path is in cases/tests/test_api_scenario.py)."""

from __future__ import annotations

import pytest

from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.intake.models import InformationRequest, RequestStatus, TriageDecision
from samenspel.sharing.models import InformationCategory

pytestmark = pytest.mark.django_db
DECISIONS = "/api/v1/triage-decisions/"
REQUESTS = "/api/v1/information-requests/"


def _police_category() -> int:
    return InformationCategory.objects.get(code="police_and_justice").pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (lambda s: {}, "signal"),
        (lambda s: {"signal": s.signal.pk, "outcome": "lock_up", "reason": "a"}, "outcome"),
        (lambda s: {"signal": s.signal.pk, "outcome": "no_concern", "reason": ""}, "reason"),
        (lambda s: {"signal": s.signal.pk, "outcome": "no_concern", "reason": "x" * 10_001}, "reason"),
        (lambda s: {"signal": s.signal.pk, "outcome": "monitor", "reason": "a"}, "review_date"),
        (
            lambda s: {"signal": s.signal.pk, "outcome": "monitor", "reason": "a", "review_date": "2000-01-01"},
            "review_date",
        ),
        (lambda s: {"signal": s.signal.pk, "outcome": "refer", "reason": "a"}, "referred_to"),
        (lambda s: {"signal": s.signal.pk, "outcome": "refer", "reason": "a", "referred_to": 10**12}, "referred_to"),
        (
            lambda s: {"signal": s.signal.pk, "outcome": "refer", "reason": "a", "referred_to_name": "<b>"},
            "referred_to_name",
        ),
        (lambda s: {"signal": "1 OR 1=1", "outcome": "no_concern", "reason": "a"}, "signal"),
        (lambda s: {"signal": s.decision.signal_id, "outcome": "no_concern", "reason": "a"}, "signal"),
    ],
)
def test_bad_decisions(personas, case_scenario, payload, field):
    before = TriageDecision.objects.count()
    response = api(personas.coordinator).post(DECISIONS, payload(case_scenario), format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert TriageDecision.objects.count() == before


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "'; DROP TABLE x; --", "محمد: Ĳsbrand van 't Hoff"])
def test_decision_reason_is_stored_as_typed(personas, case_scenario, text):
    body = {"signal": case_scenario.signal.pk, "outcome": "no_concern", "reason": text}
    response = api(personas.coordinator).post(DECISIONS, body, format="json")
    assert response.status_code == 201, response.content
    assert TriageDecision.objects.get(pk=response.json()["id"]).reason == text
    assert [e.action for e in entries_of(response)] == ["signal.decide"]


def test_decisions_outside_the_municipality_are_404(personas, case_scenario):
    body = {"signal": case_scenario.other_signal.pk, "outcome": "no_concern", "reason": "a"}
    assert_problem(api(personas.coordinator).post(DECISIONS, body, format="json"), 404)
    assert_problem(api(personas.teacher).post(DECISIONS, body, format="json"), 403)


def test_decision_history_is_audited_once(personas, case_scenario):
    response = api(personas.coordinator).get(DECISIONS)
    assert [d["id"] for d in response.json()["results"]] == [case_scenario.decision.pk]
    [entry] = entries_of(response)
    assert entry.action == "triage_decision.list"
    response = api(personas.coordinator).get(f"{DECISIONS}{case_scenario.decision.pk}/")
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id) == ("triage_decision.view", str(case_scenario.decision.pk))


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (lambda s, p: {}, "organisation"),
        (lambda s, p: {"organisation": p.police_org.pk, "categories": [1], "question": "a"}, "non_field_errors"),
        (
            lambda s, p: {
                "signal": s.signal.pk,
                "case": s.case.pk,
                "organisation": 1,
                "categories": [1],
                "question": "a",
            },
            "non_field_errors",
        ),
        (
            lambda s, p: {"signal": s.signal.pk, "organisation": p.police_org.pk, "categories": [], "question": "a"},
            "categories",
        ),
        (
            lambda s, p: {
                "signal": s.signal.pk,
                "organisation": p.school_org.pk,
                "categories": [_police_category()],
                "question": "a",
            },
            "categories",
        ),
        (
            lambda s, p: {
                "signal": s.signal.pk,
                "organisation": p.municipality_org.pk,
                "categories": [1],
                "question": "a",
            },
            "organisation",
        ),
        (
            lambda s, p: {"signal": s.signal.pk, "organisation": p.police_org.pk, "categories": [1], "question": ""},
            "question",
        ),
        (
            lambda s, p: {"signal": s.signal.pk, "organisation": 10**12, "categories": [1], "question": "a"},
            "organisation",
        ),
    ],
)
def test_bad_requests(personas, case_scenario, payload, field):
    before = InformationRequest.objects.count()
    response = api(personas.coordinator).post(REQUESTS, payload(case_scenario, personas), format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert InformationRequest.objects.count() == before


@pytest.mark.parametrize(
    ("items", "field"),
    [
        ("geen lijst", "items"),
        ([{"text": "a"}], "items[0].category"),
        ([{"category": "politie", "text": "a"}], "items[0].category"),
        ([{"category": 1, "text": "a"}], "items[0].category"),  # not asked for
        ([{"category": "P", "text": ""}], "items[0].category"),
        (lambda: [{"category": _police_category(), "text": ""}], "items[0].text"),
        (lambda: [{"category": _police_category(), "text": "a", "date": "2999-01-01"}], "items[0].date"),
        (lambda: [{"category": _police_category(), "text": "x" * 10_001}], "items[0].text"),
    ],
)
def test_bad_answers(personas, case_scenario, items, field):
    items = items() if callable(items) else items
    path = f"{REQUESTS}{case_scenario.request.pk}/answer/"
    body = assert_problem(api(personas.police_officer).post(path, {"items": items}, format="json"), 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    case_scenario.request.refresh_from_db()
    assert case_scenario.request.status == RequestStatus.OPEN


def test_answer_twice_and_by_others(personas, case_scenario):
    path = f"{REQUESTS}{case_scenario.request.pk}/answer/"
    assert_problem(api(personas.coordinator).post(path, {"items": []}, format="json"), 403)
    assert_problem(api(personas.teacher).post(path, {"items": []}, format="json"), 404)
    response = api(personas.police_officer).post(path, {"items": []}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "answered"
    assert [e.action for e in entries_of(response)] == ["information_request.answer"]
    assert_problem(api(personas.police_officer).post(path, {"items": []}, format="json"), 400)


def test_request_reads_are_audited_once_with_the_subject(personas, case_scenario):
    response = api(personas.police_officer).get(REQUESTS)
    assert [r["id"] for r in response.json()["results"]] == [case_scenario.request.pk]
    [entry] = entries_of(response)
    assert entry.action == "information_request.list"
    response = api(personas.police_officer).get(f"{REQUESTS}{case_scenario.request.pk}/")
    [entry] = entries_of(response)
    assert (entry.action, entry.subject_id) == ("information_request.view", str(case_scenario.subject.pk))
    assert_problem(api(personas.teacher).get(f"{REQUESTS}{case_scenario.request.pk}/"), 404)


# Assessment notes ------------------------------------------------------------------------

NOTES = "/api/v1/assessment-notes/"


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "'; DROP TABLE x; --", "محمد: Ĳsbrand van 't Hoff"])
def test_a_note_is_stored_as_typed_with_one_audit_entry(personas, case_scenario, text):
    from samenspel.intake.models import AssessmentNote

    response = api(personas.coordinator).post(NOTES, {"signal": case_scenario.signal.pk, "text": text}, format="json")
    assert response.status_code == 201, response.content
    assert AssessmentNote.objects.get(pk=response.json()["id"]).text == text
    assert [e.action for e in entries_of(response)] == ["signal.note_add"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (lambda s: {}, "signal"),
        (lambda s: {"signal": s.signal.pk, "text": ""}, "text"),
        (lambda s: {"signal": s.signal.pk, "text": "x" * 10_001}, "text"),
        (lambda s: {"signal": s.signal.pk, "text": 12}, "text"),
        (lambda s: {"signal": "abc", "text": "a"}, "signal"),
        (lambda s: {"signal": s.decision.signal_id, "text": "a"}, "signal"),  # decided: no more notes
    ],
)
def test_bad_notes(personas, case_scenario, payload, field):
    from samenspel.intake.models import AssessmentNote

    before = AssessmentNote.objects.count()
    response = api(personas.coordinator).post(NOTES, payload(case_scenario), format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert AssessmentNote.objects.count() == before


def test_notes_of_another_municipality_are_404_and_reporters_get_none(personas, case_scenario):
    other = {"signal": case_scenario.other_signal.pk, "text": "a"}
    assert_problem(api(personas.coordinator).post(NOTES, other, format="json"), 404)
    listed = api(personas.coordinator).get(NOTES)
    assert case_scenario.note.pk in {n["id"] for n in listed.json()["results"]}
    assert [e.action for e in entries_of(listed)] == ["assessment_note.list"]
    # The teacher reported the signal but never sees the coordinator's notes.
    assert_problem(api(personas.teacher).get(NOTES), 403)
    assert_problem(api(personas.teacher).get(f"{NOTES}{case_scenario.note.pk}/"), 403)
