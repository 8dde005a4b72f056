"""The plan of approach through the API: a plan, a goal, an intervention carried out by the
police through its statuses to an outcome, a review with its trend and the next review date.
Who sees it (the team), who directs it (the coordinator; a team partner gets 403, an outsider
404), who records progress (the responsible organisation), and the audit entries of reads and
writes."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.models import Case, CaseReview, Intervention, Plan
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.cases.tests.plans_support import TODAY, days, voorbeeld_case
from samenspel.testing.factories_plans import InterventionFactory, PlanFactory, intervention_type

pytestmark = pytest.mark.django_db
PLANS, GOALS, INTERVENTIONS = "/api/v1/plans/", "/api/v1/plan-goals/", "/api/v1/interventions/"
REVIEWS = "/api/v1/case-reviews/"


def _only_entry(response, action: str, *, subject_id: object, object_id: object = None) -> AuditEntry:
    [entry] = entries_of(response)
    assert (entry.action, entry.subject_id, entry.purpose, entry.result) == (
        action,
        str(subject_id),
        "case_work",
        Result.ALLOWED,
    )
    if object_id is not None:
        assert entry.object_id == str(object_id)
    return entry


def test_the_plan_scenario(personas):
    p = personas
    case = voorbeeld_case(p)
    subject = case.subject_id
    coordinator, police = api(p.coordinator), api(p.police_officer)

    response = coordinator.post(PLANS, {"case": case.pk, "summary": "Samen werken aan school en thuis."}, format="json")
    assert response.status_code == 201, response.content
    plan = response.json()
    assert (plan["case"], plan["is_current"], plan["created_by"]) == (case.pk, True, p.coordinator.pk)
    _only_entry(response, "plan.create", subject_id=subject, object_id=plan["id"])

    response = coordinator.post(
        GOALS, {"plan": plan["id"], "text": "Ĳsbrand gaat weer elke dag naar school."}, format="json"
    )
    assert response.status_code == 201, response.content
    goal = response.json()
    assert (goal["plan"], goal["case"], goal["position"]) == (plan["id"], case.pk, 1)
    _only_entry(response, "plan.goal_add", subject_id=subject, object_id=goal["id"])

    response = coordinator.post(
        INTERVENTIONS,
        {
            "plan": plan["id"],
            "goal": goal["id"],
            "intervention_type": intervention_type("mentoring").pk,
            "responsible_organisation": p.police_org.pk,
            "start_date": TODAY().isoformat(),
            "planned_end_date": days(90).isoformat(),
            "description": "Wekelijks gesprek met de wijkagent.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    intervention = response.json()
    assert (intervention["status"], intervention["outcome"], intervention["ended_on"]) == ("planned", "", None)
    _only_entry(response, "intervention.add", subject_id=subject, object_id=intervention["id"])
    status_url = f"{INTERVENTIONS}{intervention['id']}/status/"

    # The police carry it out and record its progress and outcome.
    response = police.post(status_url, {"status": "running"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "running"
    _only_entry(response, "intervention.status", subject_id=subject, object_id=intervention["id"])
    response = police.post(
        status_url,
        {"status": "completed", "outcome": "partly_reached", "outcome_text": "Gaat vaker, nog niet elke dag."},
        format="json",
    )
    assert response.status_code == 200, response.content
    done = response.json()
    assert (done["status"], done["outcome"], done["ended_on"]) == ("completed", "partly_reached", TODAY().isoformat())
    assert done["outcome_text"] == "Gaat vaker, nog niet elke dag."
    history = Intervention.objects.get(pk=intervention["id"]).status_changes.values_list("to_status", flat=True)
    assert list(history) == ["planned", "running", "completed"]
    assert_problem(police.post(status_url, {"status": "running"}, format="json"), 400)

    # The coordinator records the review; its next review becomes the case's.
    response = coordinator.post(
        REVIEWS,
        {"case": case.pk, "trend": "better", "reason": "Meer contact met school.", "next_review_date": str(days(42))},
        format="json",
    )
    assert response.status_code == 201, response.content
    review = response.json()
    assert (review["trend"], review["review_date"], review["author"]) == ("better", str(TODAY()), p.coordinator.pk)
    _only_entry(response, "case.review_add", subject_id=subject, object_id=review["id"])
    assert coordinator.get(f"/api/v1/cases/{case.pk}/").json()["next_review_date"] == str(days(42))

    response = coordinator.post(
        f"{REVIEWS}schedule/", {"case": case.pk, "next_review_date": str(days(20))}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"case": case.pk, "next_review_date": str(days(20))}
    _only_entry(response, "case.review_schedule", subject_id=subject, object_id=case.pk)
    assert Case.objects.get(pk=case.pk).next_review_date == days(20)

    # A revised plan replaces the current one now its interventions have ended.
    response = coordinator.post(PLANS, {"case": case.pk}, format="json")
    assert response.status_code == 201, response.content
    plans = coordinator.get(PLANS, {"case": case.pk}).json()["results"]
    assert [(row["id"], row["is_current"]) for row in plans] == [(response.json()["id"], True), (plan["id"], False)]
    assert coordinator.get(PLANS, {"case": case.pk, "current": "false"}).json()["results"][0]["id"] == plan["id"]


def test_the_team_sees_the_plan_and_outsiders_do_not(personas):
    p = personas
    case = voorbeeld_case(p)
    plan = PlanFactory(case=case)
    intervention = InterventionFactory(plan=plan, responsible_organisation=p.school_org)
    review = CaseReview.objects.create(
        case=case,
        review_date=TODAY(),
        trend="unchanged",
        reason="Thuis nog onrustig.",
        next_review_date=days(30),
        author=p.coordinator,
        author_organisation=p.municipality_org,
    )
    for user in (p.coordinator, p.teacher, p.police_officer):
        client = api(user)
        assert [row["id"] for row in client.get(PLANS).json()["results"]] == [plan.pk]
        assert client.get(f"{PLANS}{plan.pk}/").json()["summary"] == plan.summary
        assert [row["id"] for row in client.get(INTERVENTIONS, {"case": case.pk}).json()["results"]] == [
            intervention.pk
        ]
        assert [row["id"] for row in client.get(REVIEWS).json()["results"]] == [review.pk]
    for user in (p.youth_worker, p.chair, p.outsider):
        client = api(user)
        assert client.get(PLANS).json()["results"] == []
        assert client.get(INTERVENTIONS).json()["results"] == []
        for path in (f"{PLANS}{plan.pk}/", f"{INTERVENTIONS}{intervention.pk}/", f"{REVIEWS}{review.pk}/"):
            response = client.get(path)
            assert_problem(response, 404)
            [entry] = entries_of(response)
            assert entry.result == Result.DENIED
    for user in (p.privacy_officer, p.app_manager, p.analyst, p.mayors_office):
        assert_problem(api(user).get(PLANS), 403)
    # The teacher's own organisation's interventions, for her start page.
    mine = api(p.teacher).get(INTERVENTIONS, {"mine": "true"}).json()["results"]
    assert [row["id"] for row in mine] == [intervention.pk]
    assert api(p.police_officer).get(INTERVENTIONS, {"mine": "true"}).json()["results"] == []


def test_a_team_partner_cannot_direct_the_plan(personas):
    p = personas
    case = voorbeeld_case(p)
    plan = PlanFactory(case=case)
    police_work = InterventionFactory(plan=plan, responsible_organisation=p.police_org)
    teacher = api(p.teacher)
    attempts = [
        (PLANS, {"case": case.pk}),
        (GOALS, {"plan": plan.pk, "text": "Een doel"}),
        (
            INTERVENTIONS,
            {
                "plan": plan.pk,
                "intervention_type": intervention_type().pk,
                "responsible_organisation": p.school_org.pk,
                "start_date": str(TODAY()),
                "planned_end_date": str(days(30)),
            },
        ),
        (REVIEWS, {"case": case.pk, "trend": "worse", "reason": "x", "next_review_date": str(days(10))}),
        (f"{REVIEWS}schedule/", {"case": case.pk, "next_review_date": str(days(10))}),
        # Not her organisation's intervention: she sees it, but records nothing on it.
        (f"{INTERVENTIONS}{police_work.pk}/status/", {"status": "running"}),
    ]
    for path, body in attempts:
        response = teacher.post(path, body, format="json")
        assert_problem(response, 403)
        [entry] = entries_of(response)
        assert entry.result == Result.DENIED, path
    assert Plan.objects.filter(case=case).count() == 1
    assert not plan.goals.exists() and plan.interventions.count() == 1
    assert Intervention.objects.get(pk=police_work.pk).status == "planned"
    assert not CaseReview.objects.filter(case=case).exists()


def test_outsiders_cannot_write_to_a_plan_they_cannot_see(personas):
    p = personas
    case = voorbeeld_case(p)
    plan = PlanFactory(case=case)
    work = InterventionFactory(plan=plan, responsible_organisation=p.police_org)
    for user in (p.youth_worker, p.outsider):
        client = api(user)
        assert_problem(client.post(PLANS, {"case": case.pk}, format="json"), 404)
        assert_problem(client.post(GOALS, {"plan": plan.pk, "text": "Doel"}, format="json"), 404)
        assert_problem(client.post(f"{INTERVENTIONS}{work.pk}/status/", {"status": "running"}, format="json"), 404)
        body = {"case": case.pk, "trend": "better", "reason": "x", "next_review_date": str(days(9))}
        assert_problem(client.post(REVIEWS, body, format="json"), 404)
    assert_problem(api(p.app_manager).post(PLANS, {"case": case.pk}, format="json"), 403)


def test_reads_are_audited_once_with_the_subject(personas):
    p = personas
    case = voorbeeld_case(p)
    plan = PlanFactory(case=case)
    intervention = InterventionFactory(plan=plan, responsible_organisation=p.police_org)
    goal = plan.goals.create(text="Doel", position=1, created_by=p.coordinator)
    teacher = api(p.teacher)
    for path, action, obj in (
        (PLANS, "plan.view", plan),
        (GOALS, "plan_goal.view", goal),
        (INTERVENTIONS, "intervention.view", intervention),
    ):
        response = teacher.get(f"{path}{obj.pk}/")
        assert response.status_code == 200
        _only_entry(response, action, subject_id=case.subject_id, object_id=obj.pk)
    for path, action in ((PLANS, "plan.list"), (GOALS, "plan_goal.list"), (INTERVENTIONS, "intervention.list")):
        response = teacher.get(path, {"case": case.pk})
        [entry] = entries_of(response)
        assert (entry.action, entry.purpose, entry.result) == (action, "case_work", Result.ALLOWED)
