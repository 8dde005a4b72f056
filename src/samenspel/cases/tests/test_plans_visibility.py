"""Who sees plans, goals, interventions, reviews, closures, reopenings and transfers: the
case's coordinator and team; nobody outside the team; no application manager, privacy
officer, analyst or mayor's office at all."""

from __future__ import annotations

import pytest

from samenspel.cases.models import (
    CaseClosure,
    CaseReopening,
    CaseReview,
    CaseTransfer,
    Goal,
    Intervention,
    InterventionStatusChange,
    Plan,
)
from samenspel.cases.tests.plans_support import voorbeeld_case
from samenspel.testing.factories_plans import (
    CaseClosureFactory,
    CaseReopeningFactory,
    CaseReviewFactory,
    CaseTransferFactory,
    GoalFactory,
    InterventionFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

SEES_CASE = {"coordinator", "teacher", "police_officer"}
NOTHING = {"youth_worker", "chair", "outsider", "mayors_office", "privacy_officer", "app_manager", "analyst"}
MODELS = (Plan, Goal, Intervention, InterventionStatusChange, CaseReview, CaseClosure, CaseReopening)


@pytest.fixture
def records(personas):
    case = voorbeeld_case(personas, in_aftercare=True, in_execution=False)
    plan = PlanFactory(case=case)
    goal = GoalFactory(plan=plan)
    InterventionFactory(plan=plan, goal=goal, responsible_organisation=personas.school_org)
    CaseReviewFactory(case=case)
    CaseClosureFactory(case=case, with_aftercare=True)
    CaseReopeningFactory(case=case)
    CaseTransferFactory(case=case, to_municipality=personas.neighbour)
    # the same next door, which no persona directs or is on the team of
    other = InterventionFactory(plan=PlanFactory(case__municipality=personas.neighbour))
    CaseReviewFactory(case=other.plan.case)
    return case


@pytest.mark.parametrize("name", sorted(SEES_CASE | NOTHING))
def test_plan_records_follow_the_case(personas, records, name):
    user = getattr(personas, name)
    for model in MODELS:
        visible = model.objects.visible_to(user)
        if name in SEES_CASE:
            assert visible.exists(), (name, model.__name__)
            case_ids = {getattr(row, "case_id", None) or _case_of(row) for row in visible}
            assert case_ids == {records.pk}, (name, model.__name__)
        else:
            assert not visible.exists(), (name, model.__name__)


def _case_of(row) -> int:
    if isinstance(row, InterventionStatusChange):
        return row.intervention.plan.case_id
    return row.plan.case_id


@pytest.mark.parametrize("name", sorted(SEES_CASE | NOTHING))
def test_transfers_are_for_the_coordinators_only(personas, records, name):
    visible = CaseTransfer.objects.visible_to(getattr(personas, name))
    assert visible.exists() == (name == "coordinator")
