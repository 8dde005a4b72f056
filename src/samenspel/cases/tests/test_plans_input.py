"""Bad input to the plan, review, closure and transfer services: too long, markup and script,
SQL fragments, names in every script, end before start, wrong types. Markup and SQL are
stored exactly as typed (templates and the API escape on output); nothing else breaks."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from samenspel.cases import services
from samenspel.cases.models import CaseClosure, CaseReview, CaseTransfer, Goal, Intervention
from samenspel.cases.tests.plans_support import days, voorbeeld_case
from samenspel.testing.factories_plans import InterventionFactory, PlanFactory, intervention_type

pytestmark = pytest.mark.django_db

KEPT_AS_TYPED = [
    "<script>alert('x')</script>",
    "<b>vet</b> & <i>schuin</i>",
    "'; DROP TABLE cases_case; --",
    "1 OR 1=1",
    "Ĳsbrand van 't Hoff",
    "محمد",
    "Regel één\nRegel twee\tmet tab",
]
REFUSED_TEXT = ["x" * 10_001, "stuur\x00teken", "bel\x07"]


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


@pytest.fixture
def plan(personas, case):
    return PlanFactory(case=case, created_by=personas.coordinator)


@pytest.mark.parametrize("text", KEPT_AS_TYPED)
def test_texts_are_kept_exactly_as_typed(personas, case, plan, text):
    goal = services.add_goal(personas.coordinator, plan, text=text)
    review = services.record_review(
        personas.coordinator, case, trend="unchanged", reason=text, next_review_date=days(7)
    )
    transfer = services.request_transfer(personas.coordinator, case, to_municipality=personas.neighbour, reason=text)
    closure = services.close_case(personas.coordinator, case, reason="other", outcome=text)
    stored = (
        Goal.objects.get(pk=goal.pk).text,
        CaseReview.objects.get(pk=review.pk).reason,
        CaseTransfer.objects.get(pk=transfer.pk).reason,
        CaseClosure.objects.get(pk=closure.pk).outcome,
    )
    assert stored == (text.strip(),) * 4


@pytest.mark.parametrize("text", REFUSED_TEXT)
def test_overlong_texts_and_control_characters_are_refused(personas, case, plan, text):
    with pytest.raises(ValidationError) as excinfo:
        services.add_goal(personas.coordinator, plan, text=text)
    assert list(excinfo.value.message_dict) == ["text"]
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, case, reason="other", outcome=text)
    assert list(excinfo.value.message_dict) == ["outcome"]
    with pytest.raises(ValidationError) as excinfo:
        services.request_transfer(personas.coordinator, case, to_municipality=personas.neighbour, reason=text)
    assert list(excinfo.value.message_dict) == ["reason"]
    assert not Goal.objects.exists() and not CaseClosure.objects.exists() and not CaseTransfer.objects.exists()


def test_a_review_reason_is_short(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.record_review(personas.coordinator, case, trend="better", reason="x" * 1_001, next_review_date=days(7))
    assert list(excinfo.value.message_dict) == ["reason"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("intervention_type", "mentoring"),
        ("intervention_type", 1),
        ("responsible_organisation", "Het Voorbeeld College"),
        ("responsible_organisation", None),
        ("start_date", "gisteren"),
        ("start_date", 20250101),
        ("planned_end_date", ["2025-01-01"]),
        ("goal", "Doel 1"),
        ("description", 42),
    ],
)
def test_interventions_refuse_wrong_types(personas, plan, field, value):
    values = {
        "intervention_type": intervention_type("mentoring"),
        "responsible_organisation": personas.school_org,
        "start_date": days(1),
        "planned_end_date": days(30),
    }
    with pytest.raises(ValidationError) as excinfo:
        services.add_intervention(personas.coordinator, plan, **{**values, field: value})
    assert field in excinfo.value.message_dict
    assert not Intervention.objects.exists()


def test_dates_as_iso_text_and_datetimes_are_read(personas, plan):
    intervention = services.add_intervention(
        personas.coordinator,
        plan,
        intervention_type=intervention_type("youth_care"),
        responsible_organisation=personas.police_org,
        start_date=days(1).isoformat(),
        planned_end_date=datetime.datetime.combine(days(30), datetime.time(12)),
    )
    assert (intervention.start_date, intervention.planned_end_date) == (days(1), days(30))


def test_end_before_start_is_refused(personas, plan):
    with pytest.raises(ValidationError) as excinfo:
        services.add_intervention(
            personas.coordinator,
            plan,
            intervention_type=intervention_type("mentoring"),
            responsible_organisation=personas.school_org,
            start_date=days(30),
            planned_end_date=days(1),
        )
    assert list(excinfo.value.message_dict) == ["planned_end_date"]


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"trend": 1, "reason": None, "next_review_date": 7}, {"trend", "reason", "next_review_date"}),
        ({"trend": "BETTER", "reason": ["x"], "next_review_date": "morgen"}, {"trend", "reason", "next_review_date"}),
        ({"trend": "better", "reason": "x", "next_review_date": None}, {"next_review_date"}),
    ],
)
def test_reviews_refuse_wrong_types(personas, case, kwargs, fields):
    with pytest.raises(ValidationError) as excinfo:
        services.record_review(personas.coordinator, case, **kwargs)
    assert set(excinfo.value.message_dict) == fields


def test_intervention_status_refuses_wrong_types(personas, plan):
    intervention = InterventionFactory(plan=plan, responsible_organisation=personas.school_org, running=True)
    for status in (None, 3, "COMPLETED"):
        with pytest.raises(ValidationError) as excinfo:
            services.change_intervention_status(personas.coordinator, intervention, status)
        assert "status" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(
            personas.coordinator, intervention, "completed", outcome=2, outcome_text={"x": 1}
        )
    assert set(excinfo.value.message_dict) == {"outcome", "outcome_text"}
    with pytest.raises(TypeError):
        services.change_intervention_status(personas.coordinator, intervention.pk, "stopped")


def test_closure_refuses_wrong_types(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, case, reason=None, outcome=5, aftercare_until="nooit",
                            aftercare_review_date=days(3))  # fmt: skip
    assert {"reason", "outcome", "aftercare_until"} <= set(excinfo.value.message_dict)
    with pytest.raises(ValidationError) as excinfo:  # a review date without a period
        services.close_case(personas.coordinator, case, reason="other", outcome="x", aftercare_review_date=days(3))
    assert "aftercare_until" in excinfo.value.message_dict
