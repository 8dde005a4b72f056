"""The plan, review, closure and transfer API in the authorisation matrix (merged by
src/samenspel/tests/test_authorization_matrix.py).

The records of every detail route belong to a case in Voorbeeldstad directed by the
coordinator, with the school (lead) and the police on its team: the coordinator and both team
organisations reach them; the youth worker, the chair and the outsider get 404; roles without
case work 403; no credentials 401. Directing actions (POST without a body) let the
coordinator through to the body (415), and refuse the team partners (403) before reading it;
an intervention's status is also changed by its responsible organisation (the police).
Transfers are the coordinators' (DIRECT_CASES): the transfer of every route comes from
Dorpsveen to the coordinator's Voorbeeldstad. The catalogue is read by case workers and the
application manager, and managed by the application manager alone."""

from __future__ import annotations

from collections.abc import Callable

from samenspel.cases.tests.matrix_api import CASE_WORKERS, NO_CASE_WORK, TEAM, UNREACHABLE
from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas


def _case(p: Personas, **traits):
    from samenspel.testing.factories_cases import CaseFactory

    traits = traits or {"in_execution": True}
    return CaseFactory(
        municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org], **traits
    )


def _plan(p: Personas):
    from samenspel.testing.factories_plans import PlanFactory

    return PlanFactory(case=_case(p))


def _intervention(p: Personas):
    from samenspel.testing.factories_plans import InterventionFactory

    return InterventionFactory(plan=_plan(p), responsible_organisation=p.police_org)


def _goal(p: Personas) -> str:
    from samenspel.testing.factories_plans import GoalFactory

    return f"/api/v1/plan-goals/{GoalFactory(plan=_plan(p)).pk}/"


def _review(p: Personas) -> str:
    from samenspel.testing.factories_plans import CaseReviewFactory

    return f"/api/v1/case-reviews/{CaseReviewFactory(case=_case(p)).pk}/"


def _closure(suffix: str = "", **traits) -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        from samenspel.testing.factories_plans import CaseClosureFactory

        if traits:
            closure = CaseClosureFactory(case=_case(p, in_aftercare=True), **traits)
        else:
            closure = CaseClosureFactory(case=_case(p, closed=True))
        return f"/api/v1/case-closures/{closure.pk}/{suffix}"

    return build


def _reopening(p: Personas) -> str:
    from samenspel.testing.factories_plans import CaseReopeningFactory

    return f"/api/v1/case-reopenings/{CaseReopeningFactory(case=_case(p, in_assessment=True)).pk}/"


def _incoming_transfer(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        from samenspel.cases import services
        from samenspel.cases.tests.plans_support import neighbour_coordinator
        from samenspel.testing.factories_cases import CaseFactory

        sender = neighbour_coordinator(p)
        case = CaseFactory(municipality=p.neighbour, coordinator=sender)
        transfer = services.request_transfer(sender, case, to_municipality=p.municipality, reason="Verhuisd")
        return f"/api/v1/case-transfers/{transfer.pk}/{suffix}"

    return build


def _intervention_type(suffix: str = "", **traits) -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        from samenspel.testing.factories_plans import InterventionTypeFactory, intervention_type

        kind = InterventionTypeFactory(**traits) if traits else intervention_type("mentoring")
        return f"/api/v1/intervention-types/{kind.pk}/{suffix}"

    return build


def _list(path: str) -> Route:
    return only(path, *CASE_WORKERS, anonymous=401)


def _team(path: Callable[[Personas], str]) -> Route:
    return only(path, *TEAM, denied=404, anonymous=401, overrides=dict.fromkeys(NO_CASE_WORK, 403))


def _directing(path: Callable[[Personas], str], *others: str) -> Route:
    return only(path, "coordinator", *others, ok=415, method="post", anonymous=401, overrides=UNREACHABLE)


CATALOGUE_READERS = (*CASE_WORKERS, "app_manager")

ROUTES: dict[str, Route] = {
    # The catalogue.
    "api:intervention-type-list": only("/api/v1/intervention-types/", *CATALOGUE_READERS, anonymous=401),
    "api:intervention-type-detail": only(_intervention_type(), *CATALOGUE_READERS, anonymous=401),
    "api:intervention-type-activate": only(
        _intervention_type("activate/", inactive=True), "app_manager", method="post", anonymous=401
    ),
    "api:intervention-type-deactivate": only(
        _intervention_type("deactivate/", code="matrix-deactivate"), "app_manager", method="post", anonymous=401
    ),
    # Plans, goals and interventions.
    "api:plan-list": _list("/api/v1/plans/"),
    "api:plan-detail": _team(lambda p: f"/api/v1/plans/{_plan(p).pk}/"),
    "api:plan-goal-list": _list("/api/v1/plan-goals/"),
    "api:plan-goal-detail": _team(_goal),
    "api:intervention-list": _list("/api/v1/interventions/"),
    "api:intervention-detail": _team(lambda p: f"/api/v1/interventions/{_intervention(p).pk}/"),
    "api:intervention-status": _directing(
        lambda p: f"/api/v1/interventions/{_intervention(p).pk}/status/", "police_officer"
    ),
    # Reviews: scheduling names its case in the body, so every case worker gets that far.
    "api:case-review-list": _list("/api/v1/case-reviews/"),
    "api:case-review-detail": _team(_review),
    "api:case-review-schedule": only(
        "/api/v1/case-reviews/schedule/", *CASE_WORKERS, ok=415, method="post", anonymous=401
    ),
    # Closure and reopening.
    "api:case-closure-list": _list("/api/v1/case-closures/"),
    "api:case-closure-detail": _team(_closure()),
    "api:case-closure-end-aftercare": _directing(_closure("end-aftercare/", with_aftercare=True)),
    "api:case-reopening-list": _list("/api/v1/case-reopenings/"),
    "api:case-reopening-detail": _team(_reopening),
    # Transfers: the coordinators only.
    "api:case-transfer-list": only("/api/v1/case-transfers/", "coordinator", anonymous=401),
    "api:case-transfer-detail": only(_incoming_transfer(), "coordinator", anonymous=401),
    "api:case-transfer-accept": only(
        _incoming_transfer("accept/"), "coordinator", ok=415, method="post", anonymous=401
    ),
    "api:case-transfer-decline": only(
        _incoming_transfer("decline/"), "coordinator", ok=415, method="post", anonymous=401
    ),
}
