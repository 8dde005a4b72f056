"""Bad input for closing, ending aftercare, reopening and the transfer endpoints: a
problem+json 400 naming the field (or a 404 for an id out of reach), never a 500, nothing
changed; free text stored exactly as typed."""

from __future__ import annotations

import pytest

from samenspel.cases.models import Case, CaseClosure, CaseReopening, CaseTransfer
from samenspel.cases.tests.api_support import api, assert_problem
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.testing.factories_plans import CaseClosureFactory

pytestmark = pytest.mark.django_db
CLOSURES, REOPENINGS, TRANSFERS = "/api/v1/case-closures/", "/api/v1/case-reopenings/", "/api/v1/case-transfers/"
ODD_TEXTS = [
    "<script>alert('x')</script>",
    "1'; DELETE FROM cases_case; --",
    "محمد verhuist",
    "Ĳsbrand van 't Hoff\nis verhuisd",
]


def _fields(response) -> set[str]:
    return {param["name"] for param in assert_problem(response, 400)["invalid_params"]}


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_texts_are_stored_as_typed(personas, text):
    p = personas
    case = voorbeeld_case(p)
    coordinator = api(p.coordinator)
    response = coordinator.post(
        CLOSURES,
        {
            "case": case.pk,
            "reason": "other",
            "outcome": text,
            "aftercare_until": str(days(90)),
            "aftercare_review_date": str(days(30)),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    closure = CaseClosure.objects.get(pk=response.json()["id"])
    assert closure.outcome == text
    response = coordinator.post(f"{CLOSURES}{closure.pk}/end-aftercare/", {"note": text}, format="json")
    assert response.status_code == 200, response.content
    assert Case.objects.get(pk=case.pk).phase_changes.last().reason == text
    response = coordinator.post(REOPENINGS, {"case": case.pk, "reason": text}, format="json")
    assert response.status_code == 201, response.content
    assert CaseReopening.objects.get(pk=response.json()["id"]).reason == text
    response = coordinator.post(
        TRANSFERS, {"case": case.pk, "to_municipality": p.neighbour.pk, "reason": text}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["reason"] == text
    response = api(neighbour_coordinator(p)).post(
        f"{TRANSFERS}{response.json()['id']}/decline/", {"reason": text}, format="json"
    )
    assert response.status_code == 200, response.content
    assert CaseTransfer.objects.get(case=case).decision_reason == text


CLOSE_BAD = [
    ({"reason": None}, "reason"),
    ({"reason": "bored"}, "reason"),
    ({"reason": ["moved"]}, "reason"),
    ({"outcome": ""}, "outcome"),
    ({"outcome": "x" * 10_001}, "outcome"),
    ({"outcome": 42}, "outcome"),
    ({"aftercare_until": "2026-02-30"}, "aftercare_until"),
    ({"aftercare_until": str(days(-1)), "aftercare_review_date": str(days(-5))}, "aftercare_until"),
    ({"aftercare_until": str(days(2000)), "aftercare_review_date": str(days(30))}, "aftercare_until"),
    ({"aftercare_until": str(days(30)), "aftercare_review_date": str(days(60))}, "aftercare_review_date"),
    ({"aftercare_until": str(days(30))}, "aftercare_review_date"),
    ({"aftercare_review_date": "volgende week"}, "aftercare_review_date"),
    ({"case": "abc"}, "case"),
    ({"case": 0}, "case"),
]


@pytest.mark.parametrize(("overrides", "field"), CLOSE_BAD)
def test_bad_closures_are_refused(personas, overrides, field):
    case = voorbeeld_case(personas)
    body = {"case": case.pk, "reason": "risk_reduced", "outcome": "Zorgen afgenomen.", **overrides}
    assert field in _fields(api(personas.coordinator).post(CLOSURES, body, format="json"))
    assert not CaseClosure.objects.exists()
    assert Case.objects.get(pk=case.pk).phase == "execution"


def test_closing_states_that_do_not_allow_it(personas):
    p = personas
    client = api(p.coordinator)
    early = voorbeeld_case(p, in_execution=False, in_assessment=True)
    body = {"case": early.pk, "reason": "other", "outcome": "x", "aftercare_until": str(days(60))}
    body["aftercare_review_date"] = str(days(30))
    assert "aftercare_until" in _fields(client.post(CLOSURES, body, format="json"))
    closed = voorbeeld_case(p, in_execution=False, closed=True)
    assert "case" in _fields(
        client.post(CLOSURES, {"case": closed.pk, "reason": "other", "outcome": "x"}, format="json")
    )
    pending = CaseClosureFactory(case=voorbeeld_case(p, in_execution=False, in_aftercare=True), with_aftercare=True)
    body = {"case": pending.case_id, "reason": "other", "outcome": "x"}
    assert "case" in _fields(client.post(CLOSURES, body, format="json"))
    assert_problem(client.post(CLOSURES, {"case": 10**15, "reason": "other", "outcome": "x"}, format="json"), 404)


@pytest.mark.parametrize("body", [{"note": "x" * 1_001}, {"note": 3}, {"note": "a\x00"}, [], "null"])
def test_bad_aftercare_endings_are_refused(personas, body):
    pending = CaseClosureFactory(
        case=voorbeeld_case(personas, in_execution=False, in_aftercare=True), with_aftercare=True
    )
    client, path = api(personas.coordinator), f"{CLOSURES}{pending.pk}/end-aftercare/"
    if body == "null":
        response = client.post(path, b"null", content_type="application/json")
    else:
        response = client.post(path, body, format="json")
    assert _fields(response)
    assert CaseClosure.objects.get(pk=pending.pk).is_pending


def test_only_pending_aftercare_ends(personas):
    done = CaseClosureFactory(case=voorbeeld_case(personas, in_execution=False, closed=True))
    response = api(personas.coordinator).post(f"{CLOSURES}{done.pk}/end-aftercare/", {}, format="json")
    assert _fields(response) == {"non_field_errors"}


@pytest.mark.parametrize(
    ("body", "field"),
    [({"reason": ""}, "reason"), ({"reason": "x" * 1_001}, "reason"), ({"reason": None}, "reason"), ({}, "case")],
)
def test_bad_reopenings_are_refused(personas, body, field):
    case = voorbeeld_case(personas, in_execution=False, closed=True)
    if body:
        body = {"case": case.pk, **body}
    assert field in _fields(api(personas.coordinator).post(REOPENINGS, body, format="json"))
    assert Case.objects.get(pk=case.pk).phase == "closed"


def test_open_cases_and_duplicates_are_not_reopened(personas):
    p = personas
    client = api(p.coordinator)
    open_case = voorbeeld_case(p)
    assert "case" in _fields(client.post(REOPENINGS, {"case": open_case.pk, "reason": "x"}, format="json"))
    closed = voorbeeld_case(p, in_execution=False, closed=True, subject=open_case.subject)
    assert "reason" in _fields(client.post(REOPENINGS, {"case": closed.pk, "reason": "Nieuwe zorgen"}, format="json"))
    assert not CaseReopening.objects.exists()


TRANSFER_BAD = [
    ({"to_municipality": None}, "to_municipality"),
    ({"to_municipality": 10**12}, "to_municipality"),
    ({"to_municipality": "Dorpsveen"}, "to_municipality"),
    ({"to_municipality": "own"}, "to_municipality"),
    ({"reason": ""}, "reason"),
    ({"reason": "x" * 1_001}, "reason"),
    ({"reason": {"text": "x"}}, "reason"),
    ({"case": "1 OR 1=1"}, "case"),
]


@pytest.mark.parametrize(("overrides", "field"), TRANSFER_BAD)
def test_bad_transfer_requests_are_refused(personas, overrides, field):
    p = personas
    case = voorbeeld_case(p)
    if overrides.get("to_municipality") == "own":
        overrides = {"to_municipality": p.municipality.pk}
    body = {"case": case.pk, "to_municipality": p.neighbour.pk, "reason": "Verhuisd", **overrides}
    assert field in _fields(api(p.coordinator).post(TRANSFERS, body, format="json"))
    assert not CaseTransfer.objects.exists()


def test_closed_cases_are_not_transferred(personas):
    p = personas
    case = voorbeeld_case(p, in_execution=False, closed=True)
    body = {"case": case.pk, "to_municipality": p.neighbour.pk, "reason": "Verhuisd"}
    assert "case" in _fields(api(p.coordinator).post(TRANSFERS, body, format="json"))


@pytest.fixture
def pending_transfer(personas):
    case = voorbeeld_case(personas)
    response = api(personas.coordinator).post(
        TRANSFERS, {"case": case.pk, "to_municipality": personas.neighbour.pk, "reason": "Verhuisd"}, format="json"
    )
    return response.json()["id"]


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("accept", {"note": "x" * 1_001}, "note"),
        ("accept", {"note": 1}, "note"),
        ("accept", {"coordinator": -4}, "coordinator"),
        ("accept", {"coordinator": True}, "coordinator"),
        ("decline", {}, "reason"),
        ("decline", {"reason": ""}, "reason"),
        ("decline", {"reason": "   "}, "reason"),
        ("decline", {"reason": "x" * 1_001}, "reason"),
        ("decline", {"reason": ["nee"]}, "reason"),
    ],
)
def test_bad_decisions_are_refused(personas, pending_transfer, action, body, field):
    response = api(neighbour_coordinator(personas)).post(
        f"{TRANSFERS}{pending_transfer}/{action}/", body, format="json"
    )
    assert field in _fields(response)
    assert CaseTransfer.objects.get(pk=pending_transfer).status == "requested"


def test_a_null_decision_is_refused(personas, pending_transfer):
    client = api(neighbour_coordinator(personas))
    for action in ("accept", "decline"):
        response = client.post(f"{TRANSFERS}{pending_transfer}/{action}/", b"null", content_type="application/json")
        assert _fields(response) == {"non_field_errors"}
    assert CaseTransfer.objects.get(pk=pending_transfer).status == "requested"


def test_a_case_closed_meanwhile_is_not_accepted(personas, pending_transfer):
    transfer = CaseTransfer.objects.get(pk=pending_transfer)
    Case.objects.filter(pk=transfer.case_id).update(phase="closed")
    response = api(neighbour_coordinator(personas)).post(f"{TRANSFERS}{pending_transfer}/accept/", {}, format="json")
    assert _fields(response) == {"non_field_errors"}
    assert CaseTransfer.objects.get(pk=pending_transfer).status == "requested"


@pytest.mark.parametrize("path", [CLOSURES, REOPENINGS, TRANSFERS])
@pytest.mark.parametrize("raw", [b"", b"null", b"[1]", b"{'a': 1}", b"\x00"])
def test_malformed_bodies_are_problems(personas, path, raw):
    response = api(personas.coordinator).post(path, raw, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_filters_refuse_nonsense(personas):
    client = api(personas.coordinator)
    for path, params in (
        (CLOSURES, {"reason": "bored"}),
        (CLOSURES, {"pending": "1"}),
        (TRANSFERS, {"status": "pending"}),
        (TRANSFERS, {"incoming": "yes"}),
        (REOPENINGS, {"case": "één"}),
    ):
        assert_problem(client.get(path, params), 400)
