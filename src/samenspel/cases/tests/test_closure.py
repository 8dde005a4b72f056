"""Closing a case with a reason and outcome, aftercare with its own review date, reopening,
and how closing through change_phase keeps a closure for every closed case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEntry
from samenspel.cases import selectors, services
from samenspel.cases.models import CaseClosure, CaseReopening
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.cases.workflow import Phase
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.testing.factories_cases import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


def phases(case) -> list[tuple[str, str]]:
    return list(case.phase_changes.values_list("from_phase", "to_phase"))


def test_closing_without_aftercare_closes_at_once(personas, case):
    closure = services.close_case(
        personas.coordinator, case, reason="referred_to_regular_care", outcome="Wijkteam neemt het over."
    )
    case.refresh_from_db()
    assert (case.phase, case.next_review_date, case.closed_at is not None) == (Phase.CLOSED, None, True)
    assert closure.closed_at is not None and not closure.is_pending
    assert phases(case)[-1] == (Phase.EXECUTION, Phase.CLOSED)
    assert list(selectors.closures_for(personas.teacher, case)) == [closure]
    assert AuditEntry.objects.get(action="case.close").object_id == str(closure.pk)


def test_any_open_phase_may_close_without_aftercare(personas):
    registered = voorbeeld_case(personas, in_execution=False)
    services.close_case(personas.coordinator, registered, reason="no_cooperation", outcome="Geen contact.")
    registered.refresh_from_db()
    assert registered.phase == Phase.CLOSED


def test_aftercare_has_its_own_period_and_review_date(personas, case):
    closure = services.close_case(
        personas.coordinator,
        case,
        reason="detention",
        outcome="Gedetineerd; re-integratie na vrijlating begeleiden.",
        aftercare_until=days(180),
        aftercare_review_date=days(30),
    )
    case.refresh_from_db()
    assert (case.phase, case.next_review_date, closure.is_pending) == (Phase.AFTERCARE, days(30), True)
    # reviews go on during aftercare
    services.record_review(personas.coordinator, case, trend="unchanged", reason="Nog vast.", next_review_date=days(60))
    with pytest.raises(ValidationError):  # a second closure while aftercare runs
        services.close_case(personas.coordinator, case, reason="other", outcome="x")
    ended = services.end_aftercare(personas.coordinator, case, note="Re-integratie geslaagd.")
    case.refresh_from_db()
    assert (case.phase, case.next_review_date) == (Phase.CLOSED, None)
    assert ended.pk == closure.pk and ended.closed_at == case.closed_at
    assert phases(case)[-2:] == [(Phase.EXECUTION, Phase.AFTERCARE), (Phase.AFTERCARE, Phase.CLOSED)]
    with pytest.raises(ValidationError) as excinfo:
        services.end_aftercare(personas.coordinator, case)
    assert "phase" in excinfo.value.message_dict


def test_aftercare_follows_execution_and_its_dates_must_fit(personas, case):
    in_plan = voorbeeld_case(personas, in_execution=False, in_plan=True)
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, in_plan, reason="moved", outcome="x", aftercare_until=days(30),
                            aftercare_review_date=days(10))  # fmt: skip
    assert "aftercare_until" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, case, reason="moved", outcome="x", aftercare_until=days(30),
                            aftercare_review_date=days(40))  # fmt: skip
    assert "aftercare_review_date" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, case, reason="moved", outcome="x", aftercare_until=days(-1))
    assert {"aftercare_until", "aftercare_review_date"} <= set(excinfo.value.message_dict)
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, case, reason="opgelost", outcome="")
    assert set(excinfo.value.message_dict) == {"reason", "outcome"}
    assert not CaseClosure.objects.exists()
    case.refresh_from_db()
    assert case.phase == Phase.EXECUTION


def test_a_returnee_aftercare_review_follows_the_norm(personas):
    returnee = voorbeeld_case(personas, returnee=True)
    with pytest.raises(ValidationError) as excinfo:
        services.close_case(personas.coordinator, returnee, reason="risk_reduced", outcome="x",
                            aftercare_until=days(300), aftercare_review_date=days(60))  # fmt: skip
    assert "aftercare_review_date" in excinfo.value.message_dict


def test_change_phase_keeps_a_closure_for_every_closed_case(personas, case):
    services.change_phase(personas.coordinator, case, "aftercare")
    services.change_phase(personas.coordinator, case, "closed", reason="Alles loopt goed.")
    closure = CaseClosure.objects.get(case=case)
    assert (closure.reason, closure.outcome, closure.closed_at is not None) == ("other", "Alles loopt goed.", True)


def test_going_back_from_aftercare_withdraws_the_pending_closure(personas, case):
    closure = services.close_case(personas.coordinator, case, reason="risk_reduced", outcome="Rustig.",
                                  aftercare_until=days(90), aftercare_review_date=days(30))  # fmt: skip
    services.change_phase(personas.coordinator, case, "execution", reason="Terugval.")
    closure.refresh_from_db()
    assert closure.withdrawn_at is not None and not closure.is_pending
    final = services.close_case(personas.coordinator, case, reason="risk_reduced", outcome="Nu echt rustig.")
    assert CaseClosure.objects.filter(case=case).count() == 2
    assert final.closed_at is not None


def test_reopening_a_closed_case(personas, case):
    closure = services.close_case(personas.coordinator, case, reason="risk_reduced", outcome="Rustig.")
    reopening = services.reopen_case(personas.coordinator, case, reason="School meldt nieuwe zorgen.")
    case.refresh_from_db()
    assert (case.phase, case.closed_at, case.next_review_date) == (Phase.ASSESSMENT, None, days(42))
    assert reopening.closure == closure
    assert phases(case)[-1] == (Phase.CLOSED, Phase.ASSESSMENT)
    assert list(selectors.reopenings_for(personas.police_officer, case)) == [reopening]
    assert AuditEntry.objects.filter(action="case.reopen", subject_id=str(case.subject_id)).count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.reopen_case(personas.coordinator, case, reason="Nog eens.")
    assert "phase" in excinfo.value.message_dict


def test_reopening_needs_a_reason_and_no_other_open_case(personas, case):
    services.close_case(personas.coordinator, case, reason="moved", outcome="Verhuisd.")
    with pytest.raises(ValidationError) as excinfo:
        services.reopen_case(personas.coordinator, case, reason="  ")
    assert "reason" in excinfo.value.message_dict
    CaseFactory(subject=case.subject, municipality=personas.municipality, coordinator=personas.coordinator)
    with pytest.raises(ValidationError) as excinfo:
        services.reopen_case(personas.coordinator, case, reason="Nieuwe zorgen.")
    assert "reason" in excinfo.value.message_dict
    assert not CaseReopening.objects.exists()


def test_only_the_directing_coordinator_closes_and_reopens(personas, case):
    for attempt in (
        lambda user: services.close_case(user, case, reason="other", outcome="x"),
        lambda user: services.end_aftercare(user, case),
        lambda user: services.reopen_case(user, case, reason="x"),
    ):
        with pytest.raises(NotAllowed):
            attempt(personas.teacher)
        with pytest.raises(NotAllowed):
            attempt(personas.privacy_officer)
        with pytest.raises(NotVisible):
            attempt(neighbour_coordinator(personas, email=f"d{id(attempt)}@dorpsveen.test"))
    case.refresh_from_db()
    assert case.phase == Phase.EXECUTION
