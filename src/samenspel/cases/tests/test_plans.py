"""The plan of approach: the seeded catalogue, plans and their revision, goals, interventions
with a responsible organisation, and who may record an intervention's status."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEntry
from samenspel.cases import selectors, services
from samenspel.cases.catalogue import INTERVENTION_TYPES
from samenspel.cases.models import Intervention, InterventionType, Plan
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.cases.workflow import InterventionStatus
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.testing.factories_plans import GoalFactory, InterventionFactory, PlanFactory, intervention_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


@pytest.fixture
def plan(personas, case):
    return services.create_plan(personas.coordinator, case, summary="Dagbesteding en gezin.")


def add(p, plan, **kwargs):
    values = {
        "intervention_type": intervention_type("mentoring"),
        "responsible_organisation": p.school_org,
        "start_date": days(1),
        "planned_end_date": days(90),
    }
    return services.add_intervention(p.coordinator, plan, **{**values, **kwargs})


# The catalogue -------------------------------------------------------------------------------


def test_the_catalogue_is_seeded_with_the_kinds_the_domain_names():
    codes = set(InterventionType.objects.values_list("code", flat=True))
    assert {code for code, *_rest in INTERVENTION_TYPES} <= codes
    bounce = InterventionType.objects.get(code="resilience_training")
    assert "BOUNCE" in bounce.name
    assert InterventionType.objects.get(code="lse_family_support").name.endswith("Landelijk Steunpunt Extremisme")
    assert InterventionType.objects.get(code="mayoral_measures").provider_type == "gemeente"
    assert all(t.is_active for t in InterventionType.objects.filter(code__in=codes))


def test_the_application_manager_manages_the_catalogue(personas):
    created = services.create_intervention_type(
        personas.app_manager,
        code="sport_coaching",
        name="Sportcoaching",
        provider_type="jongerenwerk",
        target_group="Jongeren",
        evidence_notes="Lokale evaluatie 2024.",
    )
    assert created.is_active
    updated = services.update_intervention_type(personas.app_manager, created, description="Wekelijks sporten.")
    assert updated.description == "Wekelijks sporten."
    services.set_intervention_type_active(personas.app_manager, created, False)
    assert created not in selectors.intervention_types()
    assert created in selectors.intervention_types(active_only=False)
    with pytest.raises(ValidationError) as excinfo:
        services.create_intervention_type(personas.app_manager, code="sport_coaching", name="", provider_type="x")
    assert set(excinfo.value.message_dict) == {"code", "name", "provider_type"}
    for user in (personas.coordinator, personas.teacher, personas.privacy_officer, personas.analyst):
        with pytest.raises(NotAllowed):
            services.create_intervention_type(user, code="other_code", name="Iets")
    with pytest.raises(TypeError):
        services.update_intervention_type(personas.app_manager, created, code="renamed")


# Plans and goals ----------------------------------------------------------------------------


def test_the_coordinator_draws_up_a_plan_with_goals(personas, case, plan):
    goal = services.add_goal(personas.coordinator, plan, text="Gaat weer elke dag naar school.")
    second = services.add_goal(personas.coordinator, plan, text="Ouders vinden steun bij elkaar.")
    assert [goal.position, second.position] == [1, 2]
    assert selectors.current_plan_for(personas.coordinator, case) == plan
    assert list(selectors.goals_for(personas.teacher, plan)) == [goal, second]
    entry = AuditEntry.objects.filter(action="plan.goal_add").last()
    assert (entry.object_type, entry.subject_id, entry.purpose) == ("goal", str(case.subject_id), "case_work")


def test_a_revised_plan_replaces_the_current_one_once_its_interventions_ended(personas, case, plan):
    intervention = add(personas, plan)
    with pytest.raises(ValidationError) as excinfo:
        services.create_plan(personas.coordinator, case)
    assert "plan" in excinfo.value.message_dict
    services.change_intervention_status(
        personas.coordinator, intervention, "stopped", outcome="not_reached", outcome_text="Niet gestart."
    )
    revised = services.create_plan(personas.coordinator, case, summary="Nieuwe aanpak.")
    plan.refresh_from_db()
    assert (plan.is_current, plan.superseded_at is not None, revised.is_current) == (False, True, True)
    assert list(selectors.plans_for(personas.coordinator, case)) == [revised, plan]
    with pytest.raises(ValidationError) as excinfo:
        services.add_goal(personas.coordinator, plan, text="In het oude plan.")
    assert "plan" in excinfo.value.message_dict


def test_only_the_directing_coordinator_plans(personas, case, plan):
    with pytest.raises(NotAllowed):
        services.create_plan(personas.teacher, case)
    with pytest.raises(NotAllowed):
        services.add_goal(personas.police_officer, plan, text="Doel")
    with pytest.raises(NotAllowed):
        services.add_intervention(
            personas.teacher,
            plan,
            intervention_type=intervention_type(),
            responsible_organisation=personas.school_org,
            start_date=days(1),
            planned_end_date=days(2),
        )
    with pytest.raises(NotAllowed):  # no capability to direct: refused before looking
        services.create_plan(personas.youth_worker, case)
    with pytest.raises(NotVisible):  # a coordinator next door does not see the case
        services.create_plan(neighbour_coordinator(personas), case)
    assert Plan.objects.filter(case=case).count() == 1


def test_a_closed_case_gets_no_plan(personas):
    closed = voorbeeld_case(personas, closed=True, in_execution=False)
    with pytest.raises(ValidationError) as excinfo:
        services.create_plan(personas.coordinator, closed)
    assert "phase" in excinfo.value.message_dict


# Interventions ------------------------------------------------------------------------------


def test_an_intervention_is_carried_out_by_a_team_organisation(personas, case, plan):
    goal = services.add_goal(personas.coordinator, plan, text="Weer naar school.")
    intervention = add(personas, plan, goal=goal, description="Wekelijks gesprek met de mentor.")
    assert intervention.status == InterventionStatus.PLANNED
    assert list(intervention.status_changes.values_list("from_status", "to_status")) == [("", "planned")]
    # the coordinator's own organisation may carry one (the mayor's measures)
    measure = add(personas, plan, intervention_type=intervention_type("mayoral_measures"),
                  responsible_organisation=personas.municipality_org)  # fmt: skip
    assert measure.responsible_organisation == personas.municipality_org
    with pytest.raises(ValidationError) as excinfo:
        add(personas, plan, responsible_organisation=personas.youth_work_org)  # not on the team
    assert "responsible_organisation" in excinfo.value.message_dict


def test_an_intervention_needs_an_active_type_a_goal_of_its_plan_and_sane_dates(personas, case, plan):
    other_goal = GoalFactory()
    inactive = intervention_type("exit_programme")
    services.set_intervention_type_active(personas.app_manager, inactive, False)
    with pytest.raises(ValidationError) as excinfo:
        add(personas, plan, intervention_type=inactive, goal=other_goal, start_date=days(10), planned_end_date=days(5))
    assert set(excinfo.value.message_dict) == {"intervention_type", "goal", "planned_end_date"}
    with pytest.raises(ValidationError) as excinfo:
        add(personas, plan, start_date=days(1), planned_end_date=days(6 * 366))
    assert "planned_end_date" in excinfo.value.message_dict
    assert not Intervention.objects.exists()


def test_the_responsible_organisation_records_the_status_and_the_outcome(personas, case, plan):
    intervention = add(personas, plan)
    running = services.change_intervention_status(personas.teacher, intervention, "running", reason="Gestart.")
    assert running.status == "running"
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(personas.teacher, intervention, "completed")
    assert set(excinfo.value.message_dict) == {"outcome", "outcome_text"}
    done = services.change_intervention_status(
        personas.teacher, intervention, "completed", outcome="partly_reached", outcome_text="Vaker op school."
    )
    assert (done.status, done.outcome, done.ended_on) == ("completed", "partly_reached", days(0))
    history = list(intervention.status_changes.values_list("from_status", "to_status"))
    assert history == [("", "planned"), ("planned", "running"), ("running", "completed")]
    assert [(i.pk, i.status) for i in selectors.interventions_for(personas.police_officer, case)] == [
        (intervention.pk, "completed")
    ]


def test_another_team_organisation_may_not_record_the_status(personas, case, plan):
    intervention = add(personas, plan)
    with pytest.raises(NotAllowed):
        services.change_intervention_status(personas.police_officer, intervention, "running")
    with pytest.raises(NotVisible):
        services.change_intervention_status(personas.outsider, intervention, "running")
    with pytest.raises(NotAllowed):  # no case work at all
        services.change_intervention_status(personas.app_manager, intervention, "running")
    intervention.refresh_from_db()
    assert intervention.status == "planned"


def test_illegal_status_steps_and_outcomes_out_of_place_are_refused(personas, case, plan):
    intervention = add(personas, plan)
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(personas.coordinator, intervention, "completed", outcome="fully_reached",
                                            outcome_text="x")  # fmt: skip
    assert "status" in excinfo.value.message_dict  # planned cannot complete
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(personas.coordinator, intervention, "running", outcome="fully_reached")
    assert "outcome" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(personas.coordinator, intervention, "archived")
    assert "status" in excinfo.value.message_dict
    stopped = services.change_intervention_status(
        personas.coordinator, intervention, "stopped", outcome="not_reached", outcome_text="Verhuisd."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.change_intervention_status(personas.coordinator, stopped, "running")
    assert "status" in excinfo.value.message_dict


def test_a_partner_sees_the_open_interventions_of_its_organisation(personas, case):
    mine = InterventionFactory(plan=PlanFactory(case=case), responsible_organisation=personas.school_org)
    InterventionFactory(plan=mine.plan, responsible_organisation=personas.police_org)
    InterventionFactory(plan=mine.plan, responsible_organisation=personas.school_org, completed=True)
    assert list(selectors.interventions_of_my_organisation(personas.teacher)) == [mine]
    assert list(selectors.interventions_of_my_organisation(personas.outsider)) == []
