"""The privacy officer's retention pages: what they show, that changes are audited, and that
bad input is answered next to the field (400), never with a 500 or a change."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.retention import views
from samenspel.retention.job import run_retention
from samenspel.retention.models import LegalHold, RetentionOverride
from samenspel.retention.policy import RecordType
from samenspel.retention.tests.helpers import closed_case, closed_signal
from samenspel.testing.factories_cases import CaseFactory, SignalFactory, SubjectFactory

POLICY = "/bewaartermijnen/"
HOLDS = "/bewaartermijnen/bewaarplichten/"
NEW_HOLD = "/bewaartermijnen/bewaarplichten/nieuw/"
PREVIEW = "/bewaartermijnen/proefrun/"
RUNS = "/bewaartermijnen/verwijderruns/"


def period_url(personas, record_type="signal_no_concern", municipality=None) -> str:
    return f"/bewaartermijnen/termijn/{(municipality or personas.municipality).pk}/{record_type}/"


@pytest.fixture
def officer(personas, client_for):
    return client_for(personas.privacy_officer)


def test_the_policy_page_shows_defaults_and_the_municipalitys_periods(personas, officer):
    RetentionOverride.objects.create(
        municipality=personas.municipality,
        record_type=RecordType.CASE,
        months=36,
        reason="Besluit college 2026",
        changed_by=personas.privacy_officer,
    )
    page = officer.get(POLICY).content.decode()
    assert "Voorbeeldstad" in page
    assert "Dorpsveen" not in page  # not in this officer's scope
    assert "12 maanden" in page and "24 maanden" in page and "60 maanden" in page
    assert "36 maanden" in page and "Besluit college 2026" in page


def test_shortening_a_period_is_saved_and_audited(personas, officer):
    response = officer.post(period_url(personas), {"months": "6", "reason": "Raadsbesluit 12 maart"})
    assert response.status_code == 302
    override = RetentionOverride.objects.get(municipality=personas.municipality)
    assert (override.record_type, override.months, override.changed_by) == (
        "signal_no_concern",
        6,
        personas.privacy_officer,
    )
    entry = AuditEntry.objects.filter(action="retention_period.set").get()
    assert entry.actor_id == personas.privacy_officer.pk and entry.object_id == str(override.pk)


def test_the_default_again_removes_the_override(personas, officer):
    officer.post(period_url(personas), {"months": "6", "reason": "Raadsbesluit"})
    response = officer.post(period_url(personas), {"months": "12", "reason": "Terug naar standaard"})
    assert response.status_code == 302
    assert not RetentionOverride.objects.exists()
    assert AuditEntry.objects.filter(action="retention_period.reset").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"months": "13", "reason": "x"}, "months", "Langer dan de standaardtermijn"),
        ({"months": "0", "reason": "x"}, "months", "minstens 1 maand"),
        ({"months": "-4", "reason": "x"}, "months", "minstens 1 maand"),
        ({"months": "zes", "reason": "x"}, "months", "heel aantal maanden"),
        ({"months": "6.5", "reason": "x"}, "months", "heel aantal maanden"),
        ({"months": "99999999999999999999999", "reason": "x"}, "months", "Langer dan de standaardtermijn"),
        ({"months": "", "reason": "x"}, "months", "Vul het aantal maanden in"),
        ({"months": "6", "reason": "   "}, "reason", "Geef een onderbouwing"),
        ({"months": "6", "reason": "x" * 1001}, "reason", "1000"),
        ({"months": "6", "reason": "bel\x07"}, "reason", "stuurtekens"),
    ],
)
def test_bad_periods_are_refused_next_to_the_field(personas, officer, data, field, message):
    response = officer.post(period_url(personas), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert not RetentionOverride.objects.exists()


def test_periods_outside_the_scope_or_of_the_audit_log_cannot_be_changed(personas, officer):
    assert officer.get(period_url(personas, municipality=personas.neighbour)).status_code == 404
    assert (
        officer.post(period_url(personas, municipality=personas.neighbour), {"months": "1", "reason": "x"}).status_code
        == 404
    )
    assert officer.get(period_url(personas, record_type="audit_entry")).status_code == 404
    assert officer.get(period_url(personas, record_type="bestaat-niet")).status_code == 404
    assert officer.get("/bewaartermijnen/termijn/99999999999999999999/case/").status_code == 404
    assert not RetentionOverride.objects.exists()


# Legal holds -------------------------------------------------------------------------------


def _hold_data(**overrides):
    data = {
        "target_type": "case",
        "target_id": "",
        "reason": "Lopende procedure bij de rechtbank",
        "ends_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


def test_placing_a_hold_on_a_case_is_saved_and_audited(personas, officer):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    response = officer.post(NEW_HOLD, _hold_data(target_id=str(case.pk)))
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.municipality, hold.placed_by) == (case, personas.municipality, personas.privacy_officer)
    entry = AuditEntry.objects.filter(action="legal_hold.place").get()
    assert entry.subject_id == str(case.subject_id)
    page = officer.get(HOLDS).content.decode()
    assert f"Casus {case.pk}" in page
    assert case.subject.family_name not in page
    assert AuditEntry.objects.filter(action="legal_hold.list").count() == 1


def test_holds_on_a_subject_and_a_signal(personas, officer):
    subject = SubjectFactory()
    SignalFactory(reporter=personas.teacher, municipality=personas.municipality, subject=subject)
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    assert officer.post(NEW_HOLD, _hold_data(target_type="subject", target_id=str(subject.pk))).status_code == 302
    assert officer.post(NEW_HOLD, _hold_data(target_type="signal", target_id=str(signal.pk))).status_code == 302
    assert {(h.target_type, h.target_id) for h in LegalHold.objects.all()} == {
        ("subject", subject.pk),
        ("signal", signal.pk),
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"target_id": "abc"}, "target_id"),
        ({"target_id": "-3"}, "target_id"),
        ({"target_id": "1e5"}, "target_id"),
        ({"target_id": "99999999999999999999999"}, "target_id"),
        ({"target_id": "999999"}, "target_id"),  # no such case
        ({"target_type": "meeting"}, "target_type"),
        ({"target_type": ""}, "target_type"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"ends_on": "31-02-2030"}, "ends_on"),
        ({"ends_on": "2999-01-01"}, "ends_on"),
        ({"ends_on": ""}, "ends_on"),
        ({"reason": ""}, "reason"),
        ({"reason": "bel\x07"}, "reason"),
    ],
)
def test_bad_holds_are_refused_next_to_the_field(personas, officer, overrides, field):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    data = _hold_data(target_id=str(case.pk))
    data.update(overrides)
    response = officer.post(NEW_HOLD, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not LegalHold.objects.exists()


def test_a_record_in_another_municipality_cannot_be_held_and_is_not_told_apart(personas, officer):
    elsewhere = CaseFactory(municipality=personas.neighbour)
    response = officer.post(NEW_HOLD, _hold_data(target_id=str(elsewhere.pk)))
    missing = officer.post(NEW_HOLD, _hold_data(target_id="987654"))
    assert response.status_code == missing.status_code == 400
    assert response.context["form"].errors == missing.context["form"].errors
    assert not LegalHold.objects.exists()


def test_lifting_a_hold_is_audited_and_only_once(personas, officer):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    officer.post(NEW_HOLD, _hold_data(target_id=str(case.pk)))
    hold = LegalHold.objects.get()
    url = f"/bewaartermijnen/bewaarplichten/{hold.pk}/opheffen/"
    assert officer.get(url).status_code == 200
    [look] = AuditEntry.objects.filter(action="legal_hold.view")
    assert (look.object_id, look.actor_id) == (str(hold.pk), personas.privacy_officer.pk)
    assert officer.post(url).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == personas.privacy_officer
    assert AuditEntry.objects.filter(action="legal_hold.lift").count() == 1
    assert officer.post(url).status_code == 400
    assert AuditEntry.objects.filter(action="legal_hold.lift").count() == 1


def test_a_hold_of_another_municipality_cannot_be_lifted(personas, officer):
    case = CaseFactory(municipality=personas.neighbour)
    hold = LegalHold.objects.create(
        target_type="case",
        case=case,
        municipality=personas.neighbour,
        reason="x",
        ends_on=timezone.localdate(),
        placed_by=personas.privacy_officer,
    )
    assert officer.post(f"/bewaartermijnen/bewaarplichten/{hold.pk}/opheffen/").status_code == 404
    assert officer.get("/bewaartermijnen/bewaarplichten/99999999999999999999/opheffen/").status_code == 404
    hold.refresh_from_db()
    assert hold.lifted_at is None


# The dry run -------------------------------------------------------------------------------


def test_the_dry_run_lists_ids_and_dates_without_names_and_deletes_nothing(personas, officer):
    old = datetime.date(2000, 1, 5)
    signal = closed_signal(personas, old, family_name="Zonderland", given_names="Wilhelmina")
    elsewhere = closed_signal(personas, old, reporter=personas.youth_worker, municipality=personas.neighbour)
    case = closed_case(personas, old)
    response = officer.get(PREVIEW)
    page = response.content.decode()
    assert response.status_code == 200
    assert f">{signal.pk}<" in page and "5 januari 2000" in page
    assert "Zonderland" not in page and "Wilhelmina" not in page
    assert f">{elsewhere.pk}<" not in page
    counts = {row["kind"]: row["count"] for row in response.context["counts"]}
    assert counts["signal_no_concern"] == 1 and counts["case"] == 1
    cases_page = officer.get(PREVIEW, {"soort": "case"}).content.decode()
    assert f">{case.pk}<" in cases_page
    assert type(signal).objects.filter(pk=signal.pk).exists()
    assert AuditEntry.objects.filter(action="retention.preview").count() == 2


def test_the_dry_run_pages_by_id(personas, officer, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    signals = [closed_signal(personas, datetime.date(2000, 1, 5)) for _ in range(5)]
    ids = sorted(s.pk for s in signals)
    first = officer.get(PREVIEW)
    assert [row["candidate"].record_id for row in first.context["rows"]] == ids[:2]
    second = officer.get(first.context["next_url"])
    assert [row["candidate"].record_id for row in second.context["rows"]] == ids[2:4]
    third = officer.get(second.context["next_url"])
    assert [row["candidate"].record_id for row in third.context["rows"]] == ids[4:]
    assert third.context["next_url"] is None


def test_the_dry_run_matches_the_run(personas, officer):
    old = datetime.date(2000, 1, 5)
    expected = {closed_signal(personas, old).pk for _ in range(3)}
    held = closed_signal(personas, old)
    LegalHold.objects.create(
        target_type="signal",
        signal=held,
        municipality=personas.municipality,
        reason="x",
        ends_on=timezone.localdate() + datetime.timedelta(days=3),
        placed_by=personas.privacy_officer,
    )
    listed = {row["candidate"].record_id for row in officer.get(PREVIEW).context["rows"]}
    assert listed == expected
    run = run_retention()
    assert run.counts["intake.Signal"] == 3
    assert type(held).objects.filter(pk=held.pk).exists()


@pytest.mark.parametrize(
    "query", [{"soort": "audit_entry"}, {"soort": "x"}, {"na": "abc"}, {"na": "-1"}, {"na": "9" * 30}]
)
def test_bad_dry_run_parameters_are_a_400(personas, officer, query):
    response = officer.get(PREVIEW, query)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_the_run_list_shows_counts(personas, officer):
    closed_signal(personas, datetime.date(2000, 1, 5))
    run_retention()
    page = officer.get(RUNS).content.decode()
    assert "intake.Signal" in page


def test_the_start_page_and_navigation_lead_privacy_officers_here(personas, officer, client_for):
    page = officer.get("/").content.decode()
    assert 'href="/bewaartermijnen/"' in page
    other = client_for(personas.coordinator).get("/").content.decode()
    assert 'href="/bewaartermijnen/"' not in other


def test_the_pages_are_translated(personas, officer):
    officer.cookies["django_language"] = "en"
    page = officer.get(POLICY).content.decode()
    assert "Retention periods" in page and "Default period" in page
