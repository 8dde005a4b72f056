"""The case pages in the authorisation matrix. Each path builds a fresh case in Voorbeeldstad
directed by the coordinator, with the school (lead) and the police on its team.

Outcomes: people without case work (mayor's office, privacy officer, application manager,
analyst) get a 403 everywhere; partners outside the team (youth worker, chair's hub, outsider)
get a 404 for the case; partners on the team (teacher, police) see the case and add
information and assessments, but get a 403 on the coordinator's forms."""

from __future__ import annotations

from collections.abc import Callable

from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

ON_TEAM = ("coordinator", "police_officer", "teacher")
CASE_WORKERS = (*ON_TEAM, "youth_worker", "chair", "outsider")
NO_CASE_WORK = {name: 403 for name in ("mayors_office", "privacy_officer", "app_manager", "analyst")}
OFF_TEAM = {name: 404 for name in ("youth_worker", "chair", "outsider")}


def case_page(suffix: str = "", *, organisation: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        from samenspel.sharing.defaults import install_defaults
        from samenspel.testing.factories_cases import CaseFactory

        install_defaults()
        case = CaseFactory(municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org])
        tail = suffix.format(org=getattr(p, organisation).pk) if organisation else suffix
        return f"/casussen/{case.pk}/{tail}"

    return build


def seen_by_team(suffix: str = "") -> Route:
    return Route(case_page(suffix), frozenset(ON_TEAM), denied=404, overrides=NO_CASE_WORK)


def directed(suffix: str = "", **kwargs) -> Route:
    return Route(case_page(suffix, **kwargs.pop("path", {})), frozenset({"coordinator"}), overrides=OFF_TEAM, **kwargs)


ROUTES: dict[str, Route] = {
    "cases:list": only("/casussen/", *CASE_WORKERS),
    "cases:detail": seen_by_team(),
    "cases:item_add": seen_by_team("informatie/nieuw/"),
    "cases:assessment_add": seen_by_team("duiding/nieuw/"),
    "cases:phase": directed("fase/"),
    "cases:flags": directed("kenmerken/"),
    "cases:team": directed("team/"),
    "cases:related_person_add": directed("personen/nieuw/"),
    "cases:team_lead": directed("team/{org}/leidend/", path={"organisation": "police_org"}, ok=302, method="post"),
    "cases:team_remove": directed(
        "team/{org}/verwijderen/", path={"organisation": "police_org"}, ok=302, method="post"
    ),
}


# Plans, reviews, closure and transfer ---------------------------------------------------------


def plan_page(suffix: str, *, intervention: bool = False) -> Callable[[Personas], str]:
    """A case with a current plan (and an intervention the police are responsible for)."""

    def build(p: Personas) -> str:
        from samenspel.sharing.defaults import install_defaults
        from samenspel.testing.factories_cases import CaseFactory
        from samenspel.testing.factories_plans import InterventionFactory, PlanFactory

        install_defaults()
        case = CaseFactory(
            municipality=p.municipality,
            coordinator=p.coordinator,
            team=[p.school_org, p.police_org],
            in_execution=True,
        )
        plan = PlanFactory(case=case)
        tail = suffix
        if intervention:
            tail = suffix.format(intervention=InterventionFactory(plan=plan, responsible_organisation=p.police_org).pk)
        return f"/casussen/{case.pk}/{tail}"

    return build


def incoming_transfer(suffix: str) -> Callable[[Personas], str]:
    """A transfer from Dorpsveen to the coordinator's Voorbeeldstad, awaiting a decision."""

    def build(p: Personas) -> str:
        from samenspel.cases import services
        from samenspel.cases.tests.plans_support import neighbour_coordinator
        from samenspel.sharing.defaults import install_defaults
        from samenspel.testing.factories_cases import CaseFactory

        install_defaults()
        sender = neighbour_coordinator(p)
        case = CaseFactory(municipality=p.neighbour, coordinator=sender)
        transfer = services.request_transfer(sender, case, to_municipality=p.municipality, reason="Verhuisd")
        return f"/casussen/overdrachten/{transfer.pk}/{suffix}"

    return build


ROUTES.update(
    {
        "cases:plan_create": directed("plan/nieuw/"),
        "cases:goal_add": Route(plan_page("plan/doel/nieuw/"), frozenset({"coordinator"}), overrides=OFF_TEAM),
        "cases:intervention_add": Route(
            plan_page("plan/interventie/nieuw/"), frozenset({"coordinator"}), overrides=OFF_TEAM
        ),
        "cases:intervention_status": Route(
            plan_page("interventies/{intervention}/status/", intervention=True),
            frozenset({"coordinator", "police_officer"}),
            overrides={**OFF_TEAM, **NO_CASE_WORK},
        ),
        "cases:review_add": directed("herbeoordeling/nieuw/"),
        "cases:close": directed("afsluiten/"),
        "cases:aftercare_end": directed("nazorg/beeindigen/"),
        "cases:reopen": directed("heropenen/"),
        "cases:transfer_request": directed("overdragen/"),
        "cases:followup": only("/casussen/opvolging/", "coordinator"),
        "cases:transfers": only("/casussen/overdrachten/", "coordinator"),
        "cases:transfer_decline": Route(incoming_transfer("weigeren/"), frozenset({"coordinator"})),
        "cases:transfer_accept": Route(
            incoming_transfer("accepteren/"), frozenset({"coordinator"}), ok=302, method="post"
        ),
    }
)
