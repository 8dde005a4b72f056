"""manage.py load_demo's signals and cases (samenspel.intake.demo): made through the services,
every status and phase present, idempotent, all or nothing, and each demo user sees a
different, correct part of it."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samenspel.accounts.models import Municipality, OrganisationType, User
from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditEntry
from samenspel.audit.verify import verify_all
from samenspel.cases.models import (
    Case,
    CasePhaseChange,
    CaseTeamMember,
    DetentionStatus,
    InformationItem,
    LifeDomainAssessment,
    RelatedPerson,
    Subject,
)
from samenspel.cases.workflow import Phase
from samenspel.intake import demo
from samenspel.intake.models import (
    AssessmentNote,
    Channel,
    InformationRequest,
    RequestStatus,
    Signal,
    SignalTransition,
    TriageDecision,
)
from samenspel.intake.workflow import SignalStatus

pytestmark = pytest.mark.django_db

MODELS = (
    Signal,
    SignalTransition,
    AssessmentNote,
    TriageDecision,
    InformationRequest,
    Subject,
    RelatedPerson,
    Case,
    CasePhaseChange,
    CaseTeamMember,
    InformationItem,
    LifeDomainAssessment,
)


@pytest.fixture
def loaded(settings) -> str:
    settings.DEMO_MODE = True
    return load_demo()


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def user(email: str) -> User:
    return User.objects.get(email=email)


def snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in (*MODELS, Municipality)}


def test_loads_signals_and_cases_and_prints_the_logins(loaded):
    assert "Demo signals and cases: " in loaded
    assert "Password for every demo user: " in loaded
    assert Signal.objects.count() >= 10
    assert Case.objects.count() >= 6


def test_fills_the_public_contact_points_the_model_has(loaded):
    fields = {f.name for f in Municipality._meta.get_fields()} & set(demo.CONTACT_POINTS["Voorbeeldstad"])
    for municipality in Municipality.objects.all():
        for name in fields:
            assert getattr(municipality, name) == demo.CONTACT_POINTS[municipality.name][name]


def test_running_twice_changes_nothing(loaded):
    before = snapshot()
    entries = AuditEntry.objects.count()
    output = load_demo()
    assert snapshot() == before
    assert AuditEntry.objects.count() == entries
    assert "nothing changed" in output


def test_a_failure_leaves_nothing_half_loaded(settings, monkeypatch):
    settings.DEMO_MODE = True

    def broken(d):
        raise RuntimeError("demo broke halfway")

    monkeypatch.setattr(demo, "_cases", broken)
    with pytest.raises(RuntimeError):
        load_demo()
    assert not Signal.objects.exists()
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()


def test_every_signal_status_and_every_case_phase(loaded):
    assert set(Signal.objects.values_list("status", flat=True)) == set(SignalStatus.values)
    assert set(Case.objects.values_list("phase", flat=True)) == set(Phase.values)


def test_everything_went_through_the_audited_services(loaded):
    assert verify_all().ok
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    for action in (
        "signal.report",
        "signal.report_citizen",
        "signal.note_add",
        "signal.decide",
        "information_request.create",
        "information_request.answer",
        "case.open",
        "case.team_add",
        "case.change_phase",
        "case.related_person_add",
        "information_item.add",
        "case.assessment_add",
    ):
        assert action in actions, action
    assert (
        AuditEntry.objects.filter(action="signal.report").count()
        == Signal.objects.filter(channel=Channel.PROFESSIONAL).count()
    )
    assert AuditEntry.objects.filter(action="case.open").count() == Case.objects.count()
    assert set(AuditEntry.objects.values_list("channel", flat=True)) == {"command"}


def test_the_coordinators_inbox_has_overdue_and_not_yet_due_signals(loaded):
    coordinator = user(demo.COORDINATOR)
    today = timezone.localdate()
    inbox = Signal.objects.visible_to(coordinator).inbox()
    assert inbox.overdue().filter(status=SignalStatus.NEW).exists()
    assert inbox.overdue().filter(status=SignalStatus.IN_TRIAGE).exists()
    assert inbox.filter(triage_deadline__gte=today).count() >= 2
    assert inbox.filter(channel=Channel.CITIZEN).count() == 1
    # Triage with notes and an open request to the police; another with answered requests.
    open_to_police = InformationRequest.objects.open().filter(
        signal__status=SignalStatus.IN_TRIAGE, organisation__type=OrganisationType.POLICE
    )
    assert open_to_police.exists()
    assert AssessmentNote.objects.filter(signal=open_to_police.first().signal).count() >= 2
    assert InformationRequest.objects.filter(
        signal__status=SignalStatus.IN_TRIAGE, status=RequestStatus.ANSWERED
    ).exists()
    monitored = Signal.objects.get(status=SignalStatus.MONITORING)
    assert monitored.review_date > today
    # Reported by the teacher, the youth worker and the police officer.
    reporters = set(Signal.objects.values_list("reporter__email", flat=True))
    assert {demo.TEACHER, demo.YOUTH_WORKER, demo.POLICE_OFFICER} <= reporters
    # Received on dates spread back in time, not all "now".
    assert Signal.objects.filter(received_at__date__lt=today - datetime.timedelta(days=20)).exists()


def test_neighbours_signals_are_not_in_voorbeeldstads_inbox(loaded):
    coordinator = user(demo.COORDINATOR)
    neighbours = Signal.objects.exclude(municipality__name="Voorbeeldstad")
    assert set(neighbours.values_list("municipality__name", flat=True)) == {"Dorpsveen", "Meerwijk"}
    assert not Signal.objects.visible_to(coordinator).filter(pk__in=neighbours).exists()
    # The reporter still sees their own.
    teacher_report = neighbours.get(reporter__email=demo.TEACHER)
    assert Signal.objects.visible_to(user(demo.TEACHER)).filter(pk=teacher_report.pk).exists()


def test_cases_have_teams_people_information_and_assessments(loaded):
    for case in Case.objects.all():
        members = case.team_members.all()
        assert members.count() >= 2, case
        assert members.filter(is_lead=True).count() == 1, case
        assert case.information_items.exists(), case
    assert Case.objects.filter(is_minor=True).exists()
    assert Case.objects.filter(is_returnee=True).exists()
    assert Case.objects.filter(detention_status=DetentionStatus.RELEASED).exists()
    assert RelatedPerson.objects.exists()
    assert LifeDomainAssessment.objects.values("life_domain").distinct().count() >= 5
    sources = set(InformationItem.objects.values_list("source_organisation__type", flat=True))
    assert len(sources) >= 6
    # The signals that became a case joined it, one case even holds two signals.
    assert not Signal.objects.filter(status=SignalStatus.CASE, case__isnull=True).exists()
    assert (
        Case.objects.filter(signals__isnull=False).count()
        > Case.objects.filter(signals__isnull=False).distinct().count()
    )
    # Every case-level date lies in the past, the closed case was closed with a reason.
    closed = Case.objects.get(phase=Phase.CLOSED)
    assert closed.closed_at < timezone.now()
    assert closed.phase_changes.get(to_phase=Phase.CLOSED).reason
    # Invented names, Dutch and not, exactly as typed.
    names = {(s.given_names, s.family_name) for s in Subject.objects.all()}
    assert ("Ĳsbrand", "van 't Hoff") in names


def test_the_teacher_sees_the_schools_cases_but_no_police_information(loaded):
    teacher = user(demo.TEACHER)
    school_cases = Case.objects.filter(team_members__organisation=teacher.organisation)
    assert school_cases.exists()
    assert set(Case.objects.visible_to(teacher)) == set(school_cases)
    # Police information exists on the school's cases, and the teacher sees none of it.
    assert InformationItem.objects.filter(case__in=school_cases, category__code="police_and_justice").exists()
    visible = InformationItem.objects.visible_to(teacher)
    assert visible.exists()
    assert not visible.filter(category__code="police_and_justice").exists()
    assert (
        not visible.filter(source_organisation__type=OrganisationType.POLICE)
        .exclude(category__code__in=["identification", "education"])
        .exists()
    )
    # She has a request to answer from the coordinator.
    assert InformationRequest.objects.addressed_to(teacher).open().exists()


def test_the_youth_worker_sees_only_cases_with_youth_work_on_the_team(loaded):
    youth_worker = user(demo.YOUTH_WORKER)
    without_youth_work = Case.objects.exclude(team_members__organisation=youth_worker.organisation)
    assert without_youth_work.exists()
    visible = Case.objects.visible_to(youth_worker)
    assert visible.exists()
    assert not visible.filter(pk__in=without_youth_work).exists()
    assert not InformationItem.objects.visible_to(youth_worker).filter(category__code="police_and_justice").exists()


def test_the_police_officer_and_the_chair_see_their_teams_cases(loaded):
    police = user(demo.POLICE_OFFICER)
    assert set(Case.objects.visible_to(police)) == set(
        Case.objects.filter(team_members__organisation=police.organisation)
    )
    assert InformationRequest.objects.addressed_to(police).open().exists()
    chair = User.objects.get(role_assignments__role=Role.CHAIR)
    hub_cases = Case.objects.filter(team_members__organisation=chair.organisation)
    assert hub_cases.exists()
    assert set(Case.objects.visible_to(chair)) == set(hub_cases)
    assert not Signal.objects.visible_to(chair).exists()


@pytest.mark.parametrize("role", [Role.APP_MANAGER, Role.PRIVACY_OFFICER, Role.ANALYST, Role.MAYORS_OFFICE])
def test_roles_without_case_work_see_no_signal_and_no_case(loaded, role):
    someone = User.objects.get(role_assignments__role=role)
    assert not Signal.objects.visible_to(someone).exists()
    assert not Case.objects.visible_to(someone).exists()
    assert not InformationItem.objects.visible_to(someone).exists()
    assert not Subject.objects.visible_to(someone).exists()
