"""The case API in the authorisation matrix (merged by
src/samenspel/tests/test_authorization_matrix.py). The case of every detail route is in
Voorbeeldstad with the school (lead) and the police on its team: its coordinator and both
team organisations reach it; the youth worker, the chair and the outsider get 404; roles
without case work 403; no credentials 401."""

from __future__ import annotations

from collections.abc import Callable

from samenspel.testing.factories_cases import (
    CaseFactory,
    InformationItemFactory,
    LifeDomainAssessmentFactory,
    RelatedPersonFactory,
    category,
)
from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

CASE_WORKERS = ("coordinator", "police_officer", "teacher", "youth_worker", "chair", "outsider")
NO_CASE_WORK = ("mayors_office", "privacy_officer", "app_manager", "analyst")
TEAM = ("coordinator", "police_officer", "teacher")
UNREACHABLE = {"youth_worker": 404, "chair": 404, "outsider": 404}


def _case(personas: Personas):
    return CaseFactory(
        municipality=personas.municipality,
        coordinator=personas.coordinator,
        team=[personas.school_org, personas.police_org],
    )


def _on_case(make: Callable[[Personas, object], str]) -> Callable[[Personas], str]:
    return lambda personas: make(personas, _case(personas))


def _team_route(path: Callable[[Personas], str]) -> Route:
    return only(path, *TEAM, denied=404, anonymous=401, overrides=dict.fromkeys(NO_CASE_WORK, 403))


def _directing_route(path: Callable[[Personas], str], ok: int) -> Route:
    """POST without a body: the coordinator gets as far as the body (or, without one needed,
    through); team partners may see but not direct (403); others cannot reach it (404)."""
    return only(path, "coordinator", ok=ok, method="post", anonymous=401, overrides=UNREACHABLE)


def _school_item(personas: Personas, case) -> str:
    item = InformationItemFactory(
        case=case,
        category=category("education"),
        source_organisation=personas.school_org,
        recorded_by=personas.teacher,
    )
    return f"/api/v1/information-items/{item.pk}/"


def _assessment(personas: Personas, case) -> str:
    return f"/api/v1/life-domain-assessments/{LifeDomainAssessmentFactory(case=case).pk}/"


def _related_person(personas: Personas, case) -> str:
    person = RelatedPersonFactory(subject=case.subject, added_by=personas.coordinator)
    return f"/api/v1/related-persons/{person.pk}/"


def _phase_change(personas: Personas, case) -> str:
    from samenspel.cases.models import CasePhaseChange

    change = CasePhaseChange.objects.create(
        case=case, from_phase="", to_phase=case.phase, changed_by=personas.coordinator
    )
    return f"/api/v1/case-phase-changes/{change.pk}/"


def _lead(personas: Personas, case) -> str:
    return f"/api/v1/case-team-members/{case.team_members.get(is_lead=True).pk}/lead/"


ROUTES: dict[str, Route] = {
    "api:subject-list": only("/api/v1/subjects/", *CASE_WORKERS, anonymous=401),
    "api:subject-detail": _team_route(_on_case(lambda p, case: f"/api/v1/subjects/{case.subject_id}/")),
    "api:case-list": only("/api/v1/cases/", *CASE_WORKERS, anonymous=401),
    "api:case-detail": _team_route(_on_case(lambda p, case: f"/api/v1/cases/{case.pk}/")),
    "api:case-phase": _directing_route(_on_case(lambda p, case: f"/api/v1/cases/{case.pk}/phase/"), ok=415),
    "api:case-team-member-list": only("/api/v1/case-team-members/", *CASE_WORKERS, anonymous=401),
    "api:case-team-member-detail": _team_route(
        _on_case(lambda p, case: f"/api/v1/case-team-members/{case.team_members.first().pk}/")
    ),
    "api:case-team-member-lead": _directing_route(_on_case(_lead), ok=200),
    "api:information-item-list": only("/api/v1/information-items/", *CASE_WORKERS, anonymous=401),
    "api:information-item-detail": _team_route(_on_case(_school_item)),
    "api:life-domain-assessment-list": only("/api/v1/life-domain-assessments/", *CASE_WORKERS, anonymous=401),
    "api:life-domain-assessment-detail": _team_route(_on_case(_assessment)),
    # Family: the coordinator's organisation may receive it; the school and police on the team
    # may not, so for them the person does not exist (404), as on the case page.
    "api:related-person-list": only("/api/v1/related-persons/", *CASE_WORKERS, anonymous=401),
    "api:related-person-detail": only(
        _on_case(_related_person), "coordinator", denied=404, anonymous=401, overrides=dict.fromkeys(NO_CASE_WORK, 403)
    ),
    "api:case-phase-change-list": only("/api/v1/case-phase-changes/", *CASE_WORKERS, anonymous=401),
    "api:case-phase-change-detail": _team_route(_on_case(_phase_change)),
}
