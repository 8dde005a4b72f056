"""The coordinator's actions on a signal through the API (identity, link to a known subject,
start triage) and the read-only status history at /api/v1/signal-transitions/: writes only
through the services with their one audit entry, reads audited once, refusals and bad
input answered as problems."""

from __future__ import annotations

import pytest
from django.utils import timezone

from samenspel.audit.models import Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.intake.models import Signal, SignalTransition
from samenspel.intake.workflow import SignalStatus
from samenspel.testing.factories_cases import SignalFactory, SubjectFactory

pytestmark = pytest.mark.django_db
TRANSITIONS = "/api/v1/signal-transitions/"


def url(signal, action: str) -> str:
    return f"/api/v1/signals/{signal.pk}/{action}/"


@pytest.fixture
def signal(personas):
    return SignalFactory(
        reporter=personas.teacher, municipality=personas.municipality, given_names="Jan", family_name="Jansen"
    )


# Identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Ĳsbrand van 't Hoff", "محمد", "<script>alert(1)</script>", "'; DROP TABLE intake_signal; --"]
)
def test_identity_is_changed_as_typed_and_other_fields_are_kept(personas, signal, name):
    response = api(personas.coordinator).post(url(signal, "identity"), {"family_name": name}, format="json")
    if "<" in name:
        body = assert_problem(response, 400)
        assert [p["name"] for p in body["invalid_params"]] == ["family_name"]
        return
    assert response.status_code == 200, response.content
    assert response.json()["person"]["family_name"] == name
    signal.refresh_from_db()
    assert (signal.given_names, signal.family_name) == ("Jan", name)
    assert signal.status == SignalStatus.IN_TRIAGE  # working on a new signal takes it in
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.purpose) == ("signal.identity_update", str(signal.pk), "triage")


def test_identity_fields_are_cleared_with_null_or_empty(personas, signal):
    response = api(personas.coordinator).post(
        url(signal, "identity"),
        {"given_names": "", "date_of_birth": None, "residence_municipality": personas.municipality.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    signal.refresh_from_db()
    assert (signal.given_names, signal.family_name, signal.date_of_birth) == ("", "Jansen", None)
    assert signal.residence_municipality == personas.municipality


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "non_field_errors"),
        (None, "non_field_errors"),
        ({"family_name": "x" * 201}, "family_name"),
        ({"family_name": 12}, "family_name"),
        ({"date_of_birth": "04-05-2009"}, "date_of_birth"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"estimated_age": "twaalf"}, "estimated_age"),
        ({"estimated_age": 500}, "estimated_age"),
        ({"gender": "1 OR 1=1"}, "gender"),
        ({"residence_municipality": 10**12}, "residence_municipality"),
        ({"address": "a\x00b"}, "address"),
    ],
)
def test_bad_identities_are_refused_and_nothing_changes(personas, signal, payload, field):
    response = api(personas.coordinator).post(url(signal, "identity"), payload, format="json")
    body = assert_problem(response, 400)
    assert field in {p["name"] for p in body["invalid_params"]}, body
    signal.refresh_from_db()
    assert (signal.family_name, signal.status) == ("Jansen", SignalStatus.NEW)
    assert not SignalTransition.objects.filter(signal=signal).exists()


# Link to a known subject -----------------------------------------------------------------------


def test_a_signal_is_linked_and_unlinked(personas, case_scenario, signal):
    subject = case_scenario.subject
    response = api(personas.coordinator).post(url(signal, "link-subject"), {"subject": subject.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == subject.pk
    [entry] = entries_of(response)
    assert (entry.action, entry.subject_id) == ("signal.link_subject", str(subject.pk))
    response = api(personas.coordinator).post(url(signal, "link-subject"), {"subject": None}, format="json")
    assert response.status_code == 200 and response.json()["subject"] is None
    signal.refresh_from_db()
    assert signal.subject_id is None


@pytest.mark.parametrize("value", ["1", "abc", 1.5, True, [1], {"id": 1}, -1, 0, "1 OR 1=1", "محمد"])
def test_bad_subject_references(personas, signal, value):
    response = api(personas.coordinator).post(url(signal, "link-subject"), {"subject": value}, format="json")
    assert [p["name"] for p in assert_problem(response, 400)["invalid_params"]] == ["subject"]
    response = api(personas.coordinator).post(url(signal, "link-subject"), {}, format="json")
    assert [p["name"] for p in assert_problem(response, 400)["invalid_params"]] == ["subject"]


def test_a_subject_out_of_reach_is_404(personas, signal):
    stranger = SubjectFactory()  # no case or signal the coordinator sees
    response = api(personas.coordinator).post(url(signal, "link-subject"), {"subject": stranger.pk}, format="json")
    assert_problem(response, 404)
    [entry] = entries_of(response)
    assert (entry.action, entry.object_type, entry.result) == ("signal.link_subject", "subject", Result.DENIED)
    signal.refresh_from_db()
    assert signal.subject_id is None


# Start triage --------------------------------------------------------------------------------


def test_start_triage_with_a_reason(personas, signal):
    text = "Ĳsbrand van 't Hoff / محمد <b>"
    response = api(personas.coordinator).post(url(signal, "start-triage"), {"reason": text}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == SignalStatus.IN_TRIAGE
    transition = SignalTransition.objects.get(signal=signal)
    assert (transition.from_status, transition.to_status, transition.reason) == ("new", "in_triage", text)
    assert [e.action for e in entries_of(response)] == ["signal.start_triage"]


@pytest.mark.parametrize(("payload", "field"), [({"reason": "x" * 10_001}, "reason"), ({"reason": 5}, "reason")])
def test_bad_start_triage_input(personas, signal, payload, field):
    body = assert_problem(api(personas.coordinator).post(url(signal, "start-triage"), payload, format="json"), 400)
    assert [p["name"] for p in body["invalid_params"]] == [field]
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW


def test_start_triage_twice_or_on_a_closed_signal_is_400(personas, signal):
    client = api(personas.coordinator)
    assert client.post(url(signal, "start-triage"), {}, format="json").status_code == 200
    body = assert_problem(client.post(url(signal, "start-triage"), {}, format="json"), 400)
    assert body["invalid_params"][0]["name"] == "non_field_errors"
    closed = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, closed=True)
    for action, payload in (
        ("start-triage", {}),
        ("identity", {"family_name": "A"}),
        ("link-subject", {"subject": None}),
    ):
        body = assert_problem(client.post(url(closed, action), payload, format="json"), 400)
        assert body["invalid_params"][0]["name"] == "non_field_errors", action


# Refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "payload"),
    [("identity", {"family_name": "A"}), ("link-subject", {"subject": None}), ("start-triage", {})],
)
def test_only_the_coordinator_in_scope_may_act(personas, signal, action, payload):
    for user in (personas.teacher, personas.police_officer, personas.youth_worker, personas.chair, personas.analyst):
        response = api(user).post(url(signal, action), payload, format="json")
        assert_problem(response, 403)
        [entry] = entries_of(response)
        assert entry.result == Result.DENIED
    other = SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour)
    assert_problem(api(personas.coordinator).post(url(other, action), payload, format="json"), 404)
    # Their own report elsewhere: seen, but not triaged by them.
    own = SignalFactory(reporter=personas.coordinator, municipality=personas.neighbour)
    assert_problem(api(personas.coordinator).post(url(own, action), payload, format="json"), 403)
    signal.refresh_from_db()
    assert (signal.family_name, signal.status) == ("Jansen", SignalStatus.NEW)


# History -------------------------------------------------------------------------------------


def test_history_is_read_by_the_coordinator_and_audited_once(personas, signal):
    api(personas.coordinator).post(url(signal, "start-triage"), {"reason": "Oppakken"}, format="json")
    SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour, in_triage=True)
    response = api(personas.coordinator).get(TRANSITIONS, {"signal": signal.pk})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["signal"], row["from_status"], row["to_status"], row["reason"], row["actor"]) == (
        signal.pk,
        "new",
        "in_triage",
        "Oppakken",
        personas.coordinator.pk,
    )
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose) == ("signal_transition.list", "triage")
    response = api(personas.coordinator).get(f"{TRANSITIONS}{row['id']}/")
    assert response.json() == row
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id) == ("signal_transition.view", str(row["id"]))
    # The neighbour's history is out of reach; the reporter never sees the triage history.
    assert [r["signal"] for r in api(personas.coordinator).get(TRANSITIONS).json()["results"]] == [signal.pk]
    assert_problem(api(personas.teacher).get(TRANSITIONS), 403)
    assert_problem(api(personas.teacher).get(f"{TRANSITIONS}{row['id']}/"), 403)


@pytest.mark.parametrize("query", [{"signal": "abc"}, {"signal": "1 OR 1=1"}, {"to_status": "gone"}, {"at_from": "x"}])
def test_bad_history_filters(personas, query):
    assert_problem(api(personas.coordinator).get(TRANSITIONS, query), 400)


def test_history_out_of_reach_is_404(personas):
    other = SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour, in_triage=True)
    transition = SignalTransition.objects.get(signal=other)
    assert_problem(api(personas.coordinator).get(f"{TRANSITIONS}{transition.pk}/"), 404)
    assert Signal.objects.filter(pk=other.pk).exists()


def test_history_date_filters(personas, signal):
    api(personas.coordinator).post(url(signal, "start-triage"), {}, format="json")
    today = timezone.localdate().isoformat()
    assert len(api(personas.coordinator).get(TRANSITIONS, {"at_from": today}).json()["results"]) == 1
    assert api(personas.coordinator).get(TRANSITIONS, {"at_to": "2000-01-01"}).json()["results"] == []


# Matching subjects ---------------------------------------------------------------------------


def test_matching_subjects_are_offered_with_one_audit_entry(personas, case_scenario):
    subject = case_scenario.subject
    signal = SignalFactory(
        reporter=personas.teacher,
        municipality=personas.municipality,
        given_names="ijsbrand",
        family_name="Van t Hoff",
        date_of_birth=subject.date_of_birth,
    )
    SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff", date_of_birth=subject.date_of_birth)  # unseen
    response = api(personas.coordinator).get(url(signal, "matching-subjects"))
    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [subject.pk]
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.purpose) == ("signal.matching_subjects", str(signal.pk), "triage")
    linked = api(personas.coordinator).post(url(signal, "link-subject"), {"subject": subject.pk}, format="json")
    assert linked.status_code == 200
    assert api(personas.coordinator).get(url(signal, "matching-subjects")).json() == []  # already linked


def test_matching_subjects_refusals(personas, signal):
    assert api(personas.coordinator).get(url(signal, "matching-subjects")).json() == []
    assert_problem(api(personas.teacher).get(url(signal, "matching-subjects")), 403)
    other = SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour)
    assert_problem(api(personas.coordinator).get(url(other, "matching-subjects")), 404)
