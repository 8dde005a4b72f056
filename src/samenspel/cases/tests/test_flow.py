"""The issue's scenario through the service layer: a teacher reports a signal; the
coordinator asks the police, the police answer; the coordinator opens a case with the school
and the police on the team; the teacher sees the case but not the police information; a
youth worker not on the team gets a 404; the application manager sees nothing."""

from __future__ import annotations

import pytest

from samenspel.audit.models import AuditEntry
from samenspel.cases import selectors as case_selectors
from samenspel.cases import services as case_services
from samenspel.cases.models import Case, InformationItem
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import selectors as intake_selectors
from samenspel.intake import services as intake_services
from samenspel.intake.models import DecisionOutcome
from samenspel.intake.workflow import ReporterStatus, SignalStatus
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories_cases import category

pytestmark = pytest.mark.django_db


def test_from_signal_to_case_with_need_to_know(personas):
    p = personas
    signal = intake_services.report_signal(
        p.teacher,
        observation="Deelt in de klas filmpjes die geweld verheerlijken.\nTrekt zich terug.",
        concern_categories=[ConcernCategory.objects.get(code="expressions_and_ideology")],
        identity={"given_names": "Ĳsbrand", "family_name": "van 't Hoff", "school": "Het Voorbeeld College"},
        reporter_relation="Mentor",
    )
    assert signal.municipality == p.municipality
    assert signal.reporter_status == ReporterStatus.RECEIVED
    assert intake_selectors.get_signal_for(p.coordinator, signal.pk) == signal

    request = intake_services.request_information(
        p.coordinator,
        signal,
        organisation=p.police_org,
        categories=[category("police_and_justice")],
        question="Is deze leerling bij u bekend?",
    )
    assert list(intake_selectors.requests_to_answer(p.police_officer)) == [request]
    shown = intake_selectors.get_information_request_for(p.police_officer, request.pk)
    assert shown.subject_of_request.identity.family_name == "van 't Hoff"
    [answer] = intake_services.answer_information_request(
        p.police_officer,
        request,
        [{"category": category("police_and_justice"), "text": "Eenmaal aangehouden bij een demonstratie."}],
    )

    decision = intake_services.decide(
        p.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Zorgen worden gedeeld door de politie."
    )
    case = decision.case
    case_services.add_team_member(p.coordinator, case, p.school_org, contact=p.teacher)
    case_services.add_team_member(p.coordinator, case, p.police_org)
    case_services.add_information_item(
        p.teacher, case, category=category("education"), text="Verzuim is opgelopen tot drie dagen per week."
    )

    signal.refresh_from_db()
    assert signal.status == SignalStatus.CASE
    assert signal.reporter_status == ReporterStatus.COMPLETED
    answer.refresh_from_db()
    assert answer.case == case  # the triage information joined the case

    # The teacher sees the case, their school's item, not the police information.
    assert case_selectors.get_case_for(p.teacher, case.pk) == case
    teacher_sees = set(case_selectors.information_items_for(p.teacher, case).values_list("category__code", flat=True))
    assert teacher_sees == {"education"}
    assert answer in case_selectors.information_items_for(p.police_officer, case)
    assert answer in case_selectors.information_items_for(p.coordinator, case)
    # The teacher, as reporter, still sees their signal, but none of its triage.
    assert signal in intake_selectors.signals_reported_by(p.teacher)
    assert not intake_selectors.decisions_for(p.teacher, signal).exists()
    assert not intake_selectors.assessment_notes_for(p.teacher, signal).exists()

    # A youth worker not on the team: 404, audited as denied by the web/API layer.
    with pytest.raises(NotVisible):
        case_selectors.get_case_for(p.youth_worker, case.pk)
    with pytest.raises(NotVisible):
        case_services.add_information_item(p.youth_worker, case, category=category("family"), text="x")
    # A team member may not direct the case: 403.
    with pytest.raises(NotAllowed):
        case_services.change_phase(p.teacher, case, "assessment")
    # The application manager sees nothing and may do nothing.
    assert not Case.objects.visible_to(p.app_manager).exists()
    assert not InformationItem.objects.visible_to(p.app_manager).exists()
    with pytest.raises(NotVisible):
        case_selectors.get_case_for(p.app_manager, case.pk)

    views = AuditEntry.objects.filter(action="case.view").values_list("actor_id", "subject_id", "purpose")
    assert set(views) == {(p.teacher.pk, str(case.subject_id), "case_work")}
