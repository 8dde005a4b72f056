"""/api/v1/signals/: partners report, reporters see their own with the reporter status only,
coordinators see all of their municipalities; reads audited once; bad input answered."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.intake.models import Signal
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories_cases import SignalFactory, SubjectFactory

URL = "/api/v1/signals/"
TRIAGE_FIELDS = (
    "status",
    "triage_deadline",
    "is_overdue",
    "review_date",
    "subject",
    "case",
    "reporter_organisation",
    "citizen_name",
    "citizen_contact",
)


@pytest.fixture
def concern(db):
    return ConcernCategory.objects.get(code="social_isolation")


def report(personas, concern, **overrides):
    return {
        "observation": "Trekt zich terug en deelt filmpjes.\nIn de pauze alleen.",
        "concern_categories": [concern.pk],
        "person": {"given_names": "Ĳsbrand", "family_name": "van 't Hoff", "date_of_birth": "2009-05-04"},
        "observed_on": "2024-03-01",
        "reporter_relation": "Mentor",
        "urgency": "normal",
        **overrides,
    }


# Reporting --------------------------------------------------------------------------------


def test_teacher_reports_and_sees_only_the_reporter_status(personas, concern):
    teacher = api(personas.teacher)
    response = teacher.post(URL, report(personas, concern), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    signal = Signal.objects.get(pk=body["id"])
    assert signal.reporter == personas.teacher
    assert signal.municipality == personas.municipality  # from the school's municipality
    assert (signal.given_names, signal.family_name) == ("Ĳsbrand", "van 't Hoff")
    assert body["person"]["family_name"] == "van 't Hoff"
    assert body["reporter_status"] == "received"
    assert all(body[field] is None for field in TRIAGE_FIELDS)
    assert [e.action for e in entries_of(response)] == ["signal.report"]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> gezien",
        "'; DROP TABLE intake_signal; --",
        "محمد zei: ik ga weg",
        "Ĳsbrand van 't Hoff <b>vet</b>",
    ],
)
def test_observation_is_stored_exactly_as_typed(personas, concern, text):
    response = api(personas.teacher).post(URL, report(personas, concern, observation=text), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["observation"] == text
    assert Signal.objects.get(pk=response.json()["id"]).observation == text


def test_non_latin_names_are_kept(personas, concern):
    person = {"given_names": "محمد", "family_name": "Ĳzerman-Dûchêne"}
    response = api(personas.teacher).post(URL, report(personas, concern, person=person), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["person"]["given_names"] == "محمد"
    assert response.json()["person"]["family_name"] == "Ĳzerman-Dûchêne"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"observation": ""}, "observation"),
        ({"observation": "   "}, "observation"),
        ({"observation": "x" * 10_001}, "observation"),
        ({"observation": 12}, "observation"),
        ({"observation": ["a"]}, "observation"),
        ({"observation": "bel\x00l"}, "observation"),
        ({"concern_categories": []}, "concern_categories"),
        ({"concern_categories": "1"}, "concern_categories"),
        ({"concern_categories": [999999]}, "concern_categories"),
        ({"concern_categories": ["1 OR 1=1"]}, "concern_categories[0]"),
        ({"concern_categories": [1.5]}, "concern_categories[0]"),
        ({"concern_categories": [True]}, "concern_categories[0]"),
        ({"person": {"family_name": "<script>alert(1)</script>"}}, "person.family_name"),
        ({"person": {"family_name": "x" * 201}}, "person.family_name"),
        ({"person": {"given_names": 5}}, "person.given_names"),
        ({"person": {"date_of_birth": "04-05-2009"}}, "person.date_of_birth"),
        ({"person": {"date_of_birth": "2009-02-30"}}, "person.date_of_birth"),
        ({"person": {"date_of_birth": "2999-01-01"}}, "person.date_of_birth"),
        ({"person": {"date_of_birth": 20090504}}, "person.date_of_birth"),
        ({"person": {"estimated_age": "15"}}, "person.estimated_age"),
        ({"person": {"estimated_age": 500}}, "person.estimated_age"),
        ({"person": {"gender": "robot"}}, "person.gender"),
        ({"person": {"residence_municipality": 10**30}}, "person.residence_municipality"),
        ({"person": "Jan"}, "person"),
        ({"observed_on": "2999-01-01"}, "observed_on"),
        ({"observed_on": "gisteren"}, "observed_on"),
        ({"urgency": "extreme"}, "urgency"),
        ({"municipality": "Voorbeeldstad"}, "municipality"),
        ({"municipality": 999999}, "municipality"),
        ({"reporter_relation": "a\nb"}, "reporter_relation"),
    ],
)
def test_bad_input_is_a_problem_with_field_errors(personas, concern, payload, field):
    before = Signal.objects.count()
    response = api(personas.teacher).post(URL, report(personas, concern, **payload), format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    assert all(p["reason"] for p in body["invalid_params"])
    assert Signal.objects.count() == before


@pytest.mark.parametrize("body", ["", "null", "[]", "{", '"tekst"', "12"])
def test_bodies_that_are_not_an_object(personas, body):
    response = api(personas.teacher).generic("POST", URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_missing_fields_are_named(personas):
    body = assert_problem(api(personas.teacher).post(URL, {}, format="json"), 400)
    assert {p["name"] for p in body["invalid_params"]} == {"observation", "concern_categories"}


def test_roles_without_report_capability_are_refused(personas, concern):
    for user in (personas.app_manager, personas.privacy_officer, personas.analyst, personas.chair):
        response = api(user).post(URL, report(personas, concern), format="json")
        assert_problem(response, 403)
    assert not Signal.objects.exists()


# Reading ----------------------------------------------------------------------------------


def test_reporter_lists_only_own_signals_without_triage(personas):
    own = SignalFactory(reporter=personas.teacher, monitoring=True)
    SignalFactory(reporter=personas.youth_worker)
    response = api(personas.teacher).get(URL)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == own.pk
    assert row["reporter_status"] == "in_progress"
    assert all(row[field] is None for field in TRIAGE_FIELDS)
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose, entry.result) == ("signal.list", "intake", Result.ALLOWED)


def test_reporter_cannot_filter_on_the_triage_status(personas):
    SignalFactory(reporter=personas.teacher, monitoring=True)
    client = api(personas.teacher)
    assert client.get(URL, {"status": "monitoring"}).json()["results"] == []
    assert client.get(URL, {"status": "new"}).json()["results"] == []


def test_coordinator_lists_all_signals_of_the_municipality(personas):
    here = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, overdue=True)
    elsewhere = SignalFactory(reporter=personas.outsider)
    response = api(personas.coordinator).get(URL)
    ids = {row["id"] for row in response.json()["results"]}
    assert here.pk in ids and elsewhere.pk not in ids
    [row] = [row for row in response.json()["results"] if row["id"] == here.pk]
    assert row["status"] == "new" and row["is_overdue"] is True
    assert row["reporter_organisation"] == personas.school_org.pk
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose) == ("signal.list", "triage")


def test_coordinator_filters_on_status_and_dates(personas):
    new = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    client = api(personas.coordinator)
    assert [r["id"] for r in client.get(URL, {"status": "new"}).json()["results"]] == [new.pk]
    assert client.get(URL, {"received_from": "2999-01-01"}).json()["results"] == []
    assert len(client.get(URL, {"received_to": "2999-01-01"}).json()["results"]) == 2


@pytest.mark.parametrize(
    "query",
    [{"status": "gesloten"}, {"received_from": "gisteren"}, {"urgency": "<script>"}, {"reported_by_me": "misschien"}],
)
def test_bad_filters_are_problems(personas, query):
    body = assert_problem(api(personas.coordinator).get(URL, query), 400)
    assert body["invalid_params"]


def test_list_query_count_does_not_grow(personas, django_assert_max_num_queries):
    client = api(personas.coordinator)
    for _ in range(3):
        SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    client.get(URL)  # warm up
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for _ in range(10):
        SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_detail_is_audited_once_with_the_subject(personas):
    subject = SubjectFactory()
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, subject=subject)
    response = api(personas.coordinator).get(f"{URL}{signal.pk}/")
    assert response.status_code == 200
    assert response.json()["subject"] == subject.pk
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.subject_id, entry.purpose) == (
        "signal.view",
        str(signal.pk),
        str(subject.pk),
        "triage",
    )


def test_reporter_detail_hides_the_triage(personas):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, referred=True)
    body = api(personas.teacher).get(f"{URL}{signal.pk}/").json()
    assert body["reporter_status"] == "completed"
    assert all(body[field] is None for field in TRIAGE_FIELDS)


def test_signals_out_of_reach_are_404_and_audited(personas):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    for user in (personas.youth_worker, personas.police_officer, personas.outsider):
        response = api(user).get(f"{URL}{signal.pk}/")
        assert_problem(response, 404)
        [entry] = entries_of(response)
        assert (entry.action, entry.result) == ("signal.view", Result.DENIED)
    assert_problem(api(personas.coordinator).get(f"{URL}99999999/"), 404)
    assert_problem(api(personas.coordinator).get(f"{URL}abc/"), 404)
    assert_problem(api(personas.coordinator).get(f"{URL}{'9' * 30}/"), 404)


def test_no_deletes_or_updates(personas):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    client = api(personas.coordinator)
    assert_problem(client.delete(f"{URL}{signal.pk}/"), 405)
    assert_problem(client.patch(f"{URL}{signal.pk}/", {"observation": "x"}, format="json"), 405)
    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.NEW
    assert AuditEntry.objects.filter(action="signal.update").count() == 0
