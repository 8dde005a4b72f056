"""The plan of approach and the reviews on the case page, and the coordinator's follow-up
overview: the cards, the forms (allowed choices only, Dutch errors next to the field,
nothing half-saved, no 500), who may use them, and one audit entry per look."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import CaseReview, Goal, Intervention, Plan
from samenspel.cases.tests.plans_support import days, voorbeeld_case
from samenspel.testing.factories_plans import CaseReviewFactory, GoalFactory, InterventionFactory, PlanFactory
from samenspel.testing.factories_plans import intervention_type as catalogue_type

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Ĳsbrand van 't Hoff",
    "محمد",
    "<script>alert('x')</script>",
    "'; DROP TABLE cases_case; --",
]


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


@pytest.fixture
def plan(case):
    return PlanFactory(case=case)


def url(case, suffix=""):
    return f"/casussen/{case.pk}/{suffix}"


def errors(response, field):
    return " ".join(str(e) for e in response.context["form"].errors.get(field, []))


def counts():
    return (
        Plan.objects.count(),
        Goal.objects.count(),
        Intervention.objects.count(),
        CaseReview.objects.count(),
    )


# The case page ----------------------------------------------------------------------------------


def test_case_page_shows_plan_goals_interventions_and_reviews(personas, client_for, case, plan):
    GoalFactory(plan=plan, text="Gaat weer naar school")
    InterventionFactory(plan=plan, responsible_organisation=personas.police_org, intervention_type=catalogue_type())
    CaseReviewFactory(case=case, reason="Gaat de goede kant op", trend="better")
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    response = client.get(url(case))
    assert response.status_code == 200
    assert AuditEntry.objects.count() == before + 1
    html = response.content.decode()
    for text in ("Plan van aanpak", "Gaat weer naar school", "Mentortraject", "Gepland", "Herbeoordeling"):
        assert text in html
    assert "Gaat de goede kant op" in html and "Beter" in html
    assert url(case, "plan/doel/nieuw/") in html and url(case, "herbeoordeling/nieuw/") in html


def test_team_partner_sees_the_plan_but_no_coordinator_links(personas, client_for, case, plan):
    InterventionFactory(plan=plan, responsible_organisation=personas.police_org)
    teacher = client_for(personas.teacher).get(url(case)).content.decode()
    assert "Plan van aanpak" in teacher
    for suffix in ("plan/nieuw/", "plan/doel/nieuw/", "herbeoordeling/nieuw/", "afsluiten/", "overdragen/"):
        assert url(case, suffix) not in teacher
    assert "/status/" not in teacher  # the police are responsible, not the school


def test_responsible_partner_gets_the_status_link(personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan, responsible_organisation=personas.police_org)
    html = client_for(personas.police_officer).get(url(case)).content.decode()
    assert url(case, f"interventies/{intervention.pk}/status/") in html


# Plan and goals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("summary", ["", *HOSTILE])
def test_create_plan_stores_text_as_typed(summary, personas, client_for, case):
    client = client_for(personas.coordinator)
    response = client.post(url(case, "plan/nieuw/"), {"summary": summary})
    assert response.status_code == 302
    plan = Plan.objects.get(case=case, is_current=True)
    assert plan.summary == summary
    if summary:
        assert escape(summary) in client.get(url(case)).content.decode()


def test_plan_with_open_interventions_is_not_replaced(personas, client_for, case, plan):
    InterventionFactory(plan=plan)
    response = client_for(personas.coordinator).post(url(case, "plan/nieuw/"), {"summary": "Nieuw"})
    assert response.status_code == 400
    assert "Er is nog niets opgeslagen" in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert Plan.objects.filter(case=case).count() == 1


def test_plan_summary_too_long(personas, client_for, case):
    response = client_for(personas.coordinator).post(url(case, "plan/nieuw/"), {"summary": "x" * 10_001})
    assert response.status_code == 400 and errors(response, "summary")
    assert not Plan.objects.filter(case=case).exists()


def test_goal_needs_a_plan(personas, client_for, case):
    assert client_for(personas.coordinator).get(url(case, "plan/doel/nieuw/")).status_code == 404


@pytest.mark.parametrize("text", HOSTILE)
def test_add_goal(text, personas, client_for, case, plan):
    assert client_for(personas.coordinator).post(url(case, "plan/doel/nieuw/"), {"text": text}).status_code == 302
    assert Goal.objects.get(plan=plan).text == text


@pytest.mark.parametrize("text", ["", "   ", "x" * 2_001])
def test_bad_goal_is_refused_next_to_the_field(text, personas, client_for, case, plan):
    response = client_for(personas.coordinator).post(url(case, "plan/doel/nieuw/"), {"text": text})
    assert response.status_code == 400 and errors(response, "text")
    assert not Goal.objects.exists()


# Interventions ---------------------------------------------------------------------------------


def intervention_data(personas, **overrides):
    data = {
        "intervention_type": catalogue_type("mentoring").pk,
        "responsible_organisation": personas.school_org.pk,
        "start_date": days(1).isoformat(),
        "planned_end_date": days(60).isoformat(),
        "goal": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_intervention_form_offers_active_types_and_team_or_own_organisations(personas, client_for, case, plan):
    catalogue_type("family_support")
    form = client_for(personas.coordinator).get(url(case, "plan/interventie/nieuw/")).context["form"]
    organisations = set(form.fields["responsible_organisation"].queryset)
    assert organisations == {personas.school_org, personas.police_org, personas.coordinator.organisation}
    assert all(t.is_active for t in form.fields["intervention_type"].queryset)


@pytest.mark.parametrize("description", ["", *HOSTILE])
def test_add_intervention(description, personas, client_for, case, plan):
    goal = GoalFactory(plan=plan)
    client = client_for(personas.coordinator)
    data = intervention_data(personas, goal=goal.pk, description=description)
    assert client.post(url(case, "plan/interventie/nieuw/"), data).status_code == 302
    intervention = Intervention.objects.get(plan=plan)
    assert intervention.description == description and intervention.goal == goal
    assert intervention.responsible_organisation == personas.school_org and intervention.status == "planned"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"intervention_type": ""}, "intervention_type"),
        ({"intervention_type": "abc"}, "intervention_type"),
        ({"intervention_type": "999999"}, "intervention_type"),
        ({"responsible_organisation": "abc"}, "responsible_organisation"),
        ({"responsible_organisation": "1 OR 1=1"}, "responsible_organisation"),
        ({"start_date": "gisteren"}, "start_date"),
        ({"start_date": ""}, "start_date"),
        ({"planned_end_date": "31-02-2026"}, "planned_end_date"),
        ({"planned_end_date": "<script>"}, "planned_end_date"),
        ({"goal": "abc"}, "goal"),
        ({"description": "x" * 10_001}, "description"),
    ],
)
def test_bad_intervention_is_refused_next_to_the_field(overrides, field, personas, client_for, case, plan):
    response = client_for(personas.coordinator).post(
        url(case, "plan/interventie/nieuw/"), intervention_data(personas, **overrides)
    )
    assert response.status_code == 400 and errors(response, field)
    assert not Intervention.objects.exists()


def test_end_before_start_and_organisation_off_the_team(personas, client_for, case, plan):
    client = client_for(personas.coordinator)
    response = client.post(
        url(case, "plan/interventie/nieuw/"),
        intervention_data(personas, start_date=days(10).isoformat(), planned_end_date=days(5).isoformat()),
    )
    assert response.status_code == 400 and "vóór de startdatum" in errors(response, "planned_end_date")
    response = client.post(
        url(case, "plan/interventie/nieuw/"),
        intervention_data(personas, responsible_organisation=personas.youth_work_org.pk),
    )
    assert response.status_code == 400 and errors(response, "responsible_organisation")
    assert not Intervention.objects.exists()


def test_goal_of_another_plan_is_refused(personas, client_for, case, plan):
    other = GoalFactory()
    response = client_for(personas.coordinator).post(
        url(case, "plan/interventie/nieuw/"), intervention_data(personas, goal=other.pk)
    )
    assert response.status_code == 400 and errors(response, "goal")


# Intervention status ----------------------------------------------------------------------------


def status_url(case, intervention):
    return url(case, f"interventies/{intervention.pk}/status/")


def test_status_form_offers_only_allowed_targets(personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan, running=True)
    form = client_for(personas.coordinator).get(status_url(case, intervention)).context["form"]
    assert sorted(v for v, _ in form.fields["status"].choices) == ["completed", "stopped"]


def test_responsible_partner_completes_with_outcome(personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan, responsible_organisation=personas.police_org, running=True)
    client = client_for(personas.police_officer)
    data = {"status": "completed", "outcome": "partly_reached", "outcome_text": "Ĳsbrand: محمد", "reason": ""}
    assert client.post(status_url(case, intervention), data).status_code == 302
    intervention.refresh_from_db()
    assert intervention.status == "completed" and intervention.outcome == "partly_reached"
    assert intervention.outcome_text == "Ĳsbrand: محمد"


def test_other_team_partner_may_not_change_status(personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan, responsible_organisation=personas.police_org)
    client = client_for(personas.teacher)
    assert client.get(status_url(case, intervention)).status_code == 403
    assert client.post(status_url(case, intervention), {"status": "running"}).status_code == 403
    intervention.refresh_from_db()
    assert intervention.status == "planned"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "completed"}, "status"),  # not allowed from planned
        ({"status": "abc"}, "status"),
        ({"status": ""}, "status"),
        ({"status": "stopped"}, "outcome"),
        ({"status": "stopped", "outcome": "fully_reached"}, "outcome_text"),
        ({"status": "stopped", "outcome": "'; DROP TABLE x; --", "outcome_text": "x"}, "outcome"),
        ({"status": "running", "outcome": "fully_reached"}, "outcome"),
        ({"status": "stopped", "outcome": "not_reached", "outcome_text": "x" * 10_001}, "outcome_text"),
    ],
)
def test_bad_status_change_is_refused_next_to_the_field(data, field, personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan)
    response = client_for(personas.coordinator).post(status_url(case, intervention), data)
    assert response.status_code == 400 and errors(response, field)
    intervention.refresh_from_db()
    assert intervention.status == "planned" and intervention.outcome == ""


def test_intervention_of_another_case_is_not_found(personas, client_for, case, plan):
    other = InterventionFactory(plan=PlanFactory(case=voorbeeld_case(personas)))
    assert client_for(personas.coordinator).get(status_url(case, other)).status_code == 404
    assert client_for(personas.coordinator).get(url(case, "interventies/abc/status/")).status_code == 404


# Reviews ---------------------------------------------------------------------------------------


def test_record_review_sets_the_next_review_date(personas, client_for, case):
    client = client_for(personas.coordinator)
    data = {"trend": "unchanged", "reason": "Ĳsbrand van 't Hoff <b>", "next_review_date": days(20).isoformat()}
    assert client.post(url(case, "herbeoordeling/nieuw/"), data).status_code == 302
    review = CaseReview.objects.get(case=case)
    assert review.trend == "unchanged" and review.reason == data["reason"]
    case.refresh_from_db()
    assert case.next_review_date == days(20)
    html = client.get(url(case)).content.decode()
    assert escape(data["reason"]) in html and "Onveranderd" in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"trend": ""}, "trend"),
        ({"trend": "excellent"}, "trend"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 1_001}, "reason"),
        ({"next_review_date": "gisteren"}, "next_review_date"),
        ({"next_review_date": ""}, "next_review_date"),
        ({"next_review_date": days(-1).isoformat()}, "next_review_date"),
        ({"next_review_date": days(400).isoformat()}, "next_review_date"),
    ],
)
def test_bad_review_is_refused_next_to_the_field(overrides, field, personas, client_for, case):
    data = {"trend": "better", "reason": "Gaat goed", "next_review_date": days(20).isoformat(), **overrides}
    response = client_for(personas.coordinator).post(url(case, "herbeoordeling/nieuw/"), data)
    assert response.status_code == 400 and errors(response, field)
    assert not CaseReview.objects.exists()


def test_returnee_rule_is_shown_next_to_the_date(personas, client_for):
    case = voorbeeld_case(personas, is_returnee=True)
    data = {"trend": "worse", "reason": "Zorgen", "next_review_date": days(60).isoformat()}
    response = client_for(personas.coordinator).post(url(case, "herbeoordeling/nieuw/"), data)
    assert response.status_code == 400 and "terugkeerder" in errors(response, "next_review_date").lower()
    assert not CaseReview.objects.exists()


# Who may, and the audit -------------------------------------------------------------------------

COORDINATOR_FORMS = ["plan/nieuw/", "plan/doel/nieuw/", "plan/interventie/nieuw/", "herbeoordeling/nieuw/"]


@pytest.mark.parametrize("suffix", COORDINATOR_FORMS)
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("teacher", 403),
        ("police_officer", 403),
        ("youth_worker", 404),
        ("outsider", 404),
        ("app_manager", 403),
        ("privacy_officer", 403),
        ("analyst", 403),
    ],
)
def test_only_the_directing_coordinator_plans_and_reviews(suffix, name, status, personas, client_for, case, plan):
    client = client_for(getattr(personas, name))
    before = counts()
    data = {
        "summary": "x",
        "text": "x",
        "trend": "better",
        "reason": "x",
        "next_review_date": days(10).isoformat(),
        **intervention_data(personas),
    }
    assert client.get(url(case, suffix)).status_code == status
    assert client.post(url(case, suffix), data).status_code == status
    assert counts() == before


@pytest.mark.parametrize("suffix", [*COORDINATOR_FORMS, "interventies/{i}/status/"])
def test_form_page_writes_exactly_one_audit_entry(suffix, personas, client_for, case, plan):
    intervention = InterventionFactory(plan=plan)
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    assert client.get(url(case, suffix.format(i=intervention.pk))).status_code == 200
    actions = list(AuditEntry.objects.order_by("pk")[before:].values_list("action", "subject_id"))
    assert actions == [("case.view", str(case.subject_id))]


# The follow-up overview -------------------------------------------------------------------------


def test_followup_overview_lists_due_reviews_and_overdue_work(personas, client_for, case, plan):
    case.next_review_date = days(-3)
    case.save(update_fields=["next_review_date"])
    InterventionFactory(plan=plan, responsible_organisation=personas.police_org, overdue=True)
    client = client_for(personas.coordinator)
    before = AuditEntry.objects.count()
    response = client.get("/casussen/opvolging/")
    assert response.status_code == 200
    assert list(AuditEntry.objects.order_by("pk")[before:].values_list("action", flat=True)) == ["case.review_overview"]
    html = response.content.decode()
    assert f"/casussen/{case.pk}/" in html and "te laat" in html
    assert personas.police_org.name in html


def test_followup_is_linked_from_start_page_and_navigation(personas, client_for):
    html = client_for(personas.coordinator).get("/").content.decode()
    assert html.count('href="/casussen/opvolging/"') >= 2
    assert "/casussen/opvolging/" not in client_for(personas.teacher).get("/").content.decode()
