"""Bad input for every write of the plan and review endpoints: a problem+json 400 naming the
field (or a 404 for an id out of reach), never a 500 and nothing half-saved; and free text
stored exactly as typed, markup, SQL and any script included."""

from __future__ import annotations

import pytest
from django.utils import timezone

from samenspel.cases.models import Case, CaseReview, Goal, Intervention, Plan
from samenspel.cases.tests.api_support import api, assert_problem
from samenspel.cases.tests.plans_support import TODAY, days, voorbeeld_case
from samenspel.testing.factories_plans import InterventionFactory, PlanFactory, intervention_type

pytestmark = pytest.mark.django_db

ODD_TEXTS = [
    "<script>alert('x')</script>",
    "'; DROP TABLE cases_plan; --",
    "محمد gaat weer naar school",
    "Ĳsbrand van 't Hoff\nregel twee",
]
LONG = "x" * 10_001


@pytest.fixture
def setup(personas):
    case = voorbeeld_case(personas)
    plan = PlanFactory(case=case)
    return case, plan


def _fields(response) -> set[str]:
    return {param["name"] for param in assert_problem(response, 400)["invalid_params"]}


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_texts_are_stored_as_typed(personas, text):
    case = voorbeeld_case(personas)
    coordinator = api(personas.coordinator)
    response = coordinator.post("/api/v1/plans/", {"case": case.pk, "summary": text}, format="json")
    assert response.status_code == 201, response.content
    plan = Plan.objects.get(pk=response.json()["id"])
    assert plan.summary == response.json()["summary"] == text
    response = coordinator.post("/api/v1/plan-goals/", {"plan": plan.pk, "text": text}, format="json")
    assert response.status_code == 201, response.content
    assert Goal.objects.get(pk=response.json()["id"]).text == text
    work = InterventionFactory(plan=plan, running=True, responsible_organisation=personas.police_org)
    response = api(personas.police_officer).post(
        f"/api/v1/interventions/{work.pk}/status/",
        {"status": "stopped", "outcome": "not_reached", "outcome_text": text, "reason": text},
        format="json",
    )
    assert response.status_code == 200, response.content
    work.refresh_from_db()
    assert work.outcome_text == text == work.status_changes.last().reason
    response = coordinator.post(
        "/api/v1/case-reviews/",
        {"case": case.pk, "trend": "worse", "reason": text, "next_review_date": str(days(14))},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert CaseReview.objects.get(pk=response.json()["id"]).reason == text


def _intervention(setup, personas, **overrides):
    _case, plan = setup
    return {
        "plan": plan.pk,
        "intervention_type": intervention_type("mentoring").pk,
        "responsible_organisation": personas.school_org.pk,
        "start_date": str(TODAY()),
        "planned_end_date": str(days(60)),
        **overrides,
    }


PLAN_BAD = [
    ({}, "case"),
    ({"case": "1; DROP TABLE cases_case"}, "case"),
    ({"case": 1.5}, "case"),
    ({"case": -1}, "case"),
    ({"case": 2**63}, "case"),
    ({"case": None}, "case"),
    ({"case": "{case}", "summary": LONG}, "summary"),
    ({"case": "{case}", "summary": 12}, "summary"),
    ({"case": "{case}", "summary": "a\x1bb"}, "summary"),
]


@pytest.mark.parametrize(("body", "field"), PLAN_BAD)
def test_bad_plans_are_refused(personas, setup, body, field):
    case, _plan = setup
    body = {key: case.pk if value == "{case}" else value for key, value in body.items()}
    assert field in _fields(api(personas.coordinator).post("/api/v1/plans/", body, format="json"))
    assert Plan.objects.filter(case=case).count() == 1


def test_a_plan_with_open_interventions_is_not_replaced(personas, setup):
    case, plan = setup
    InterventionFactory(plan=plan)
    assert "case" in _fields(api(personas.coordinator).post("/api/v1/plans/", {"case": case.pk}, format="json"))
    assert Plan.objects.get(case=case, is_current=True) == plan


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "plan"),
        ({"plan": "{plan}"}, "text"),
        ({"plan": "{plan}", "text": ""}, "text"),
        ({"plan": "{plan}", "text": "   "}, "text"),
        ({"plan": "{plan}", "text": "x" * 2_001}, "text"),
        ({"plan": "{plan}", "text": ["a"]}, "text"),
        ({"plan": "abc", "text": "a"}, "plan"),
    ],
)
def test_bad_goals_are_refused(personas, setup, body, field):
    _case, plan = setup
    body = {key: plan.pk if value == "{plan}" else value for key, value in body.items()}
    assert field in _fields(api(personas.coordinator).post("/api/v1/plan-goals/", body, format="json"))
    assert not Goal.objects.exists()


def test_goals_only_go_into_the_current_plan(personas, setup):
    case, _plan = setup
    old = PlanFactory(case=case, superseded=True)
    response = api(personas.coordinator).post("/api/v1/plan-goals/", {"plan": old.pk, "text": "Doel"}, format="json")
    assert "plan" in _fields(response)
    assert_problem(
        api(personas.coordinator).post("/api/v1/plan-goals/", {"plan": 10**12, "text": "Doel"}, format="json"), 404
    )


INTERVENTION_BAD = [
    ({"intervention_type": None}, "intervention_type"),
    ({"intervention_type": 10**9}, "intervention_type"),
    ({"intervention_type": "mentoring"}, "intervention_type"),
    ({"responsible_organisation": 10**9}, "responsible_organisation"),
    ({"responsible_organisation": "outsider"}, "responsible_organisation"),
    ({"start_date": "2025-02-30"}, "start_date"),
    ({"start_date": "01-02-2025"}, "start_date"),
    ({"start_date": 20250101}, "start_date"),
    ({"start_date": "2025-01-01T10:00:00"}, "start_date"),
    ({"planned_end_date": None}, "planned_end_date"),
    ({"planned_end_date": "0001-01-01"}, "planned_end_date"),
    ({"planned_end_date": "9999-12-31"}, "planned_end_date"),
    ({"goal": 10**9}, "goal"),
    ({"goal": "een"}, "goal"),
    ({"description": LONG}, "description"),
    ({"description": {"x": 1}}, "description"),
]


@pytest.mark.parametrize(("overrides", "field"), INTERVENTION_BAD)
def test_bad_interventions_are_refused(personas, setup, overrides, field):
    if overrides.get("responsible_organisation") == "outsider":
        overrides = {"responsible_organisation": personas.outsider_org.pk}
    body = _intervention(setup, personas, **overrides)
    assert field in _fields(api(personas.coordinator).post("/api/v1/interventions/", body, format="json"))
    assert not Intervention.objects.exists()


def test_interventions_need_an_active_type_and_a_goal_of_the_plan(personas, setup):
    _case, _plan = setup
    retired = intervention_type("exit_programme")
    retired.is_active = False
    retired.save()
    other_goal = PlanFactory(case=voorbeeld_case(personas)).goals.create(text="Elders", created_by=personas.coordinator)
    client = api(personas.coordinator)
    body = _intervention(setup, personas, intervention_type=retired.pk)
    assert "intervention_type" in _fields(client.post("/api/v1/interventions/", body, format="json"))
    body = _intervention(setup, personas, goal=other_goal.pk)
    assert "goal" in _fields(client.post("/api/v1/interventions/", body, format="json"))
    assert not Intervention.objects.exists()


STATUS_BAD = [
    ({}, "status"),
    ({"status": "finished"}, "status"),
    ({"status": "completed"}, "status"),  # planned -> completed is not in the table
    ({"status": "running", "outcome": "fully_reached"}, "outcome"),
    ({"status": "stopped"}, "outcome"),
    ({"status": "stopped", "outcome": "fully_reached"}, "outcome_text"),
    ({"status": "stopped", "outcome": "maybe", "outcome_text": "x"}, "outcome"),
    ({"status": "stopped", "outcome": "not_reached", "outcome_text": LONG}, "outcome_text"),
    ({"status": "running", "reason": "x" * 1_001}, "reason"),
    ({"status": ["running"]}, "status"),
    ({"status": None}, "status"),
]


@pytest.mark.parametrize(("body", "field"), STATUS_BAD)
def test_bad_status_changes_are_refused(personas, setup, body, field):
    _case, plan = setup
    work = InterventionFactory(plan=plan, responsible_organisation=personas.police_org)
    response = api(personas.police_officer).post(f"/api/v1/interventions/{work.pk}/status/", body, format="json")
    assert field in _fields(response)
    work.refresh_from_db()
    assert (work.status, work.outcome) == ("planned", "")
    assert work.status_changes.count() == 1


def test_interventions_of_a_closed_case_do_not_change(personas, setup):
    case, plan = setup
    work = InterventionFactory(plan=plan, running=True, responsible_organisation=personas.police_org)
    Case.objects.filter(pk=case.pk).update(phase="closed", closed_at=timezone.now())
    response = api(personas.police_officer).post(
        f"/api/v1/interventions/{work.pk}/status/",
        {"status": "completed", "outcome": "fully_reached", "outcome_text": "Klaar"},
        format="json",
    )
    assert "non_field_errors" in _fields(response)
    assert Intervention.objects.get(pk=work.pk).status == "running"


REVIEW_BAD = [
    ({}, "case"),
    ({"trend": "beter"}, "trend"),
    ({"trend": 1}, "trend"),
    ({"reason": ""}, "reason"),
    ({"reason": "x" * 1_001}, "reason"),
    ({"reason": "<b>\x07</b>"}, "reason"),
    ({"next_review_date": str(TODAY())}, "next_review_date"),
    ({"next_review_date": str(days(400))}, "next_review_date"),
    ({"next_review_date": "morgen"}, "next_review_date"),
    ({"next_review_date": "2026-13-01"}, "next_review_date"),
    ({"review_date": str(days(1))}, "review_date"),
    ({"review_date": "1900-01-01"}, "review_date"),
    ({"review_date": 0}, "review_date"),
]


@pytest.mark.parametrize(("overrides", "field"), REVIEW_BAD)
def test_bad_reviews_are_refused(personas, setup, overrides, field):
    case, _plan = setup
    body = {"case": case.pk, "trend": "better", "reason": "Goed", "next_review_date": str(days(30)), **overrides}
    if overrides == {}:
        body = {}
    assert field in _fields(api(personas.coordinator).post("/api/v1/case-reviews/", body, format="json"))
    assert not CaseReview.objects.exists()


def test_a_returnee_is_reviewed_within_the_norm(personas):
    case = voorbeeld_case(personas, is_returnee=True)
    client = api(personas.coordinator)
    body = {"case": case.pk, "trend": "unchanged", "reason": "Stabiel", "next_review_date": str(days(100))}
    assert "next_review_date" in _fields(client.post("/api/v1/case-reviews/", body, format="json"))
    body = {"case": case.pk, "next_review_date": str(days(100))}
    assert "next_review_date" in _fields(client.post("/api/v1/case-reviews/schedule/", body, format="json"))


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"case": "{case}"},
        {"case": "{case}", "next_review_date": "2020-01-01"},
        {"case": "{case}", "next_review_date": None},
        {"case": "{case}", "next_review_date": ["2030-01-01"]},
        {"case": True, "next_review_date": "2030-01-01"},
    ],
)
def test_bad_schedules_are_refused(personas, setup, body):
    case, _plan = setup
    before = case.next_review_date
    body = {key: case.pk if value == "{case}" else value for key, value in body.items()}
    assert _fields(api(personas.coordinator).post("/api/v1/case-reviews/schedule/", body, format="json"))
    case.refresh_from_db()
    assert case.next_review_date == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/",
        "/api/v1/plan-goals/",
        "/api/v1/interventions/",
        "/api/v1/case-reviews/",
        "/api/v1/case-reviews/schedule/",
    ],
)
@pytest.mark.parametrize("raw", [b"", b"null", b"[]", b'"tekst"', b"{", b"\xff\xfe"])
def test_malformed_bodies_are_problems(personas, path, raw):
    response = api(personas.coordinator).post(path, raw, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_filters_refuse_nonsense(personas):
    client = api(personas.coordinator)
    for path, params in (
        ("/api/v1/plans/", {"case": "abc"}),
        ("/api/v1/plans/", {"current": "ja"}),
        ("/api/v1/interventions/", {"status": "busy"}),
        ("/api/v1/interventions/", {"planned_end_from": "gisteren"}),
        ("/api/v1/case-reviews/", {"trend": "up"}),
        ("/api/v1/case-reviews/", {"case": "-1"}),
    ):
        assert_problem(client.get(path, params), 400)
    assert client.get("/api/v1/interventions/", {"planned_end_from": "0001-01-01"}).status_code == 200
    assert_problem(client.get("/api/v1/plans/99999999999999999999/"), 404)
