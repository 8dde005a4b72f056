"""Follow-up: every open case has a next review date, returnee cases are reviewed at least
every SAMENSPEL_RETURNEE_REVIEW_WEEKS weeks, and the coordinator's overview shows reviews due
and overdue work per partner (with the hook for the meetings app's actions)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEntry
from samenspel.cases import followup, selectors, services
from samenspel.cases.models import Case, CaseReview
from samenspel.cases.tests.plans_support import days, neighbour_coordinator, voorbeeld_case
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.testing.factories_cases import CaseFactory
from samenspel.testing.factories_plans import CaseReviewFactory, InterventionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    return voorbeeld_case(personas)


def review(p, case, **kwargs):
    values = {"trend": "better", "reason": "Gaat weer naar school.", "next_review_date": days(28)}
    return services.record_review(p.coordinator, case, **{**values, **kwargs})


def test_a_new_case_gets_its_first_review_within_the_norm(personas, settings):
    settings.SAMENSPEL_RETURNEE_REVIEW_WEEKS = 4
    case = services.open_case(personas.coordinator, municipality=personas.municipality, identity={"family_name": "A"})
    assert case.next_review_date == days(28)


def test_a_review_records_the_trend_and_sets_the_next_review(personas, case):
    recorded = review(personas, case, trend="worse", reason="Weer contact met de oude vrienden.")
    case.refresh_from_db()
    assert case.next_review_date == days(28)
    assert (recorded.trend, recorded.review_date, recorded.author_organisation) == (
        "worse",
        days(0),
        personas.municipality_org,
    )
    assert list(selectors.reviews_for(personas.teacher, case)) == [recorded]  # the team reads it
    entry = AuditEntry.objects.get(action="case.review_add")
    assert (entry.object_type, entry.object_id, entry.subject_id) == (
        "case_review",
        str(recorded.pk),
        str(case.subject_id),
    )


def test_a_review_needs_a_trend_a_reason_and_a_next_date_after_today(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        review(personas, case, trend="score", reason="", next_review_date=days(0))
    assert set(excinfo.value.message_dict) == {"trend", "reason", "next_review_date"}
    with pytest.raises(ValidationError) as excinfo:
        review(personas, case, review_date=days(1))
    assert "review_date" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        review(personas, case, next_review_date=days(400))
    assert "next_review_date" in excinfo.value.message_dict
    assert not CaseReview.objects.exists()


@pytest.mark.parametrize("weeks", [6, 2])
def test_a_returnee_is_reviewed_at_least_every_n_weeks(personas, settings, weeks):
    settings.SAMENSPEL_RETURNEE_REVIEW_WEEKS = weeks
    returnee = voorbeeld_case(personas, returnee=True)
    review(personas, returnee, next_review_date=days(7 * weeks))  # exactly the norm is fine
    with pytest.raises(ValidationError) as excinfo:
        review(personas, returnee, next_review_date=days(7 * weeks + 1))
    assert f"elke {weeks} weken" in excinfo.value.message_dict["next_review_date"][0]
    with pytest.raises(ValidationError):
        services.schedule_review(personas.coordinator, returnee, next_review_date=days(7 * weeks + 1))
    returnee.refresh_from_db()
    assert returnee.next_review_date == days(7 * weeks)
    # an ordinary case may be planned further ahead
    review(personas, voorbeeld_case(personas), next_review_date=days(7 * weeks + 30))


def test_a_case_that_becomes_a_returnee_case_is_reviewed_sooner(personas, case):
    services.schedule_review(personas.coordinator, case, next_review_date=days(120))
    services.update_case_flags(personas.coordinator, case, is_returnee=True)
    case.refresh_from_db()
    assert case.next_review_date == days(42)


def test_only_the_directing_coordinator_records_reviews(personas, case):
    with pytest.raises(NotAllowed):
        services.record_review(personas.teacher, case, trend="better", reason="x", next_review_date=days(10))
    with pytest.raises(NotVisible):
        services.record_review(
            neighbour_coordinator(personas), case, trend="better", reason="x", next_review_date=days(10)
        )
    with pytest.raises(NotAllowed):
        services.schedule_review(personas.police_officer, case, next_review_date=days(10))


def test_the_overview_shows_reviews_due_and_overdue(personas, case):
    overdue = voorbeeld_case(personas, next_review_date=days(-3))
    soon = voorbeeld_case(personas, next_review_date=days(5))
    voorbeeld_case(personas, next_review_date=days(60))  # not yet
    voorbeeld_case(personas, closed=True, in_execution=False)
    undated = voorbeeld_case(personas)
    Case.objects.filter(pk=undated.pk).update(next_review_date=None)  # defensive: counts as overdue
    CaseReviewFactory(case=overdue, trend="worse", review_date=days(-40), next_review_date=days(-3))
    CaseFactory(municipality=personas.neighbour, next_review_date=days(-3))  # not directed by them
    rows = list(selectors.review_overview_for(personas.coordinator, within_days=14))
    assert [(c.pk, c.is_review_overdue) for c in rows] == [(undated.pk, True), (overdue.pk, True), (soon.pk, False)]
    assert next(c for c in rows if c.pk == overdue.pk).last_trend == "worse"
    assert list(selectors.review_overview_for(personas.teacher)) == []


def test_overdue_work_is_grouped_per_partner_with_actions_from_the_hook(personas, case):
    plan = PlanFactory(case=case)
    late = InterventionFactory(plan=plan, responsible_organisation=personas.police_org, overdue=True)
    InterventionFactory(plan=plan, responsible_organisation=personas.school_org, running=True)  # on time
    not_started = InterventionFactory(
        plan=plan, responsible_organisation=personas.school_org, start_date=days(-2), planned_end_date=days(30)
    )

    def actions(user, today):
        yield followup.OverdueItem(
            kind="action", organisation=personas.youth_work_org, case_id=case.pk, due_date=today, item="actie"
        )

    followup.register_overdue_source("test.actions", actions)
    try:
        work = selectors.overdue_work_by_organisation(personas.coordinator)
    finally:
        followup.unregister_overdue_source("test.actions")
    by_name = {entry.organisation.name: entry for entry in work}
    assert [i.pk for i in by_name["Politie basisteam Voorbeeld"].interventions] == [late.pk]
    assert [i.pk for i in by_name["Het Voorbeeld College"].interventions] == [not_started.pk]
    assert by_name["Jongerenwerk Voorbeeldstad"].actions[0].item == "actie"
    assert by_name["Jongerenwerk Voorbeeldstad"].count == 1
    assert selectors.overdue_work_by_organisation(personas.teacher) == []


def test_the_norm_is_a_strict_setting():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[4]
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SAMENSPEL_RETURNEE_REVIEW_WEEKS)"
    )

    def load(**variables):
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(root / "src"),
            "DJANGO_SETTINGS_MODULE": "samenspel.settings.test",
            **variables,
        }
        return subprocess.run(
            [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
        )

    assert load().stdout.split() == ["6"]
    assert load(SAMENSPEL_RETURNEE_REVIEW_WEEKS="8").stdout.split() == ["8"]
    for bad, message in (("zes", "must be a whole number"), ("0", "must be at least 1")):
        result = load(SAMENSPEL_RETURNEE_REVIEW_WEEKS=bad)
        assert result.returncode != 0
        assert f"SAMENSPEL_RETURNEE_REVIEW_WEEKS {message}" in result.stderr


def test_review_dates_are_dates(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        review(personas, case, next_review_date="volgende week", review_date=datetime.datetime(2020, 1, 1, 12))
    assert set(excinfo.value.message_dict) == {"next_review_date", "review_date"}  # and before the case opened
