"""Triage: taking signals in, notes, matching and linking a known subject, and each
decision with its own rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.cases.models import Case, InformationItem
from samenspel.cases.workflow import Phase
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import selectors, services
from samenspel.intake.matching import find_matching_subjects
from samenspel.intake.models import AssessmentNote, DecisionOutcome, TriageDecision
from samenspel.intake.workflow import ReporterStatus, SignalStatus
from samenspel.testing.factories import OrganisationFactory
from samenspel.testing.factories_cases import (
    CaseFactory,
    InformationItemFactory,
    SignalFactory,
    SubjectFactory,
    category,
)

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def signal(personas):
    return SignalFactory(reporter=personas.teacher, municipality=personas.municipality)


def statuses(signal) -> list[tuple[str, str]]:
    return list(signal.transitions.values_list("from_status", "to_status"))


# Taking in and notes --------------------------------------------------------------------


def test_start_triage(personas, signal):
    services.start_triage(personas.coordinator, signal)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_TRIAGE
    assert signal.reporter_status == ReporterStatus.IN_PROGRESS
    with pytest.raises(ValidationError) as excinfo:
        services.start_triage(personas.coordinator, signal)
    assert "status" in excinfo.value.message_dict


def test_only_coordinators_in_scope_triage(personas, signal):
    with pytest.raises(NotAllowed):
        services.start_triage(personas.teacher, signal)  # the reporter: no triage capability
    neighbour = SignalFactory(municipality=personas.neighbour)
    with pytest.raises(NotVisible):
        services.start_triage(personas.coordinator, neighbour)


def test_a_note_takes_a_new_signal_into_triage(personas, signal):
    note = services.add_assessment_note(personas.coordinator, signal, text="Eerst school bellen.\nDan politie.")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.IN_TRIAGE
    assert note.text == "Eerst school bellen.\nDan politie."
    assert AuditEntry.objects.filter(action="signal.note_add", object_id=note.pk).count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.add_assessment_note(personas.coordinator, signal, text="  ")
    assert "text" in excinfo.value.message_dict


def test_nothing_is_added_to_a_closed_signal(personas):
    closed = SignalFactory(municipality=personas.municipality, closed=True)
    with pytest.raises(ValidationError) as excinfo:
        services.add_assessment_note(personas.coordinator, closed, text="Nog iets")
    assert "status" in excinfo.value.message_dict
    assert not AssessmentNote.objects.exists()


# Matching and linking -------------------------------------------------------------------


def test_a_known_subject_is_offered_on_exact_name_and_date_of_birth(personas, signal):
    born = datetime.date(2009, 5, 4)
    known = SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff", date_of_birth=born)
    CaseFactory(subject=known, municipality=personas.municipality)
    SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff", date_of_birth=datetime.date(2009, 5, 5))
    signal = services.update_signal_identity(
        personas.coordinator,
        signal,
        {"given_names": "IJsbrand", "family_name": "Van \u2019t Hoff", "date_of_birth": born},
    )
    assert list(selectors.matching_subjects_for(personas.coordinator, signal)) == [known]
    assert not selectors.matching_subjects_for(personas.teacher, signal).exists()
    services.link_signal_to_subject(personas.coordinator, signal, known)
    signal.refresh_from_db()
    assert signal.subject == known
    entry = AuditEntry.objects.get(action="signal.link_subject")
    assert entry.subject_id == str(known.pk)


def test_matching_needs_a_family_name_and_a_date_of_birth(personas):
    SubjectFactory(given_names="Sam", family_name="Jansen", date_of_birth=datetime.date(2010, 1, 1))
    from samenspel.cases.identity import Identity

    assert not find_matching_subjects(Identity(given_names="Sam", family_name="Jansen")).exists()
    assert find_matching_subjects(
        Identity(given_names="sam", family_name="JANSEN", date_of_birth=datetime.date(2010, 1, 1))
    ).exists()


def test_a_subject_the_coordinator_cannot_see_is_not_linked(personas, signal):
    elsewhere = CaseFactory(municipality=personas.neighbour).subject
    with pytest.raises(NotVisible):
        services.link_signal_to_subject(personas.coordinator, signal, elsewhere)


# Decisions ------------------------------------------------------------------------------


def test_no_concern_closes_the_signal_with_its_reason(personas, signal):
    decision = services.decide(
        personas.coordinator, signal, outcome=DecisionOutcome.NO_CONCERN, reason="Past bij de leeftijd."
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED_NO_CONCERN
    assert statuses(signal) == [("new", "in_triage"), ("in_triage", "closed_no_concern")]
    assert decision.reason == "Past bij de leeftijd."
    assert signal.reporter_status == ReporterStatus.COMPLETED
    assert AuditEntry.objects.filter(action="signal.decide").count() == 1


def test_monitoring_needs_a_review_date_in_the_future(personas, signal):
    for review_date, message in [
        (None, "Kies de datum waarop de melding opnieuw wordt bekeken."),
        (timezone.localdate(), "De datum voor herbeoordeling moet na vandaag liggen."),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            services.decide(
                personas.coordinator,
                signal,
                outcome=DecisionOutcome.MONITOR,
                reason="Even afwachten.",
                review_date=review_date,
            )
        assert excinfo.value.message_dict == {"review_date": [message]}
    services.decide(
        personas.coordinator, signal, outcome=DecisionOutcome.MONITOR, reason="Afwachten.", review_date=TOMORROW
    )
    signal.refresh_from_db()
    assert (signal.status, signal.review_date) == (SignalStatus.MONITORING, TOMORROW)


def test_a_monitored_signal_is_decided_again_at_its_review(personas, signal):
    services.decide(
        personas.coordinator, signal, outcome=DecisionOutcome.MONITOR, reason="Afwachten.", review_date=TOMORROW
    )
    services.decide(personas.coordinator, signal, outcome=DecisionOutcome.NO_CONCERN, reason="Het gaat beter.")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED_NO_CONCERN
    assert signal.review_date is None
    assert signal.decisions.count() == 2
    assert ("monitoring", "in_triage") in statuses(signal)


def test_referral_names_the_organisation(personas, signal):
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, signal, outcome=DecisionOutcome.REFER, reason="Hulp nodig.")
    assert "referred_to" in excinfo.value.message_dict
    wijkteam = OrganisationFactory(municipality=personas.municipality, type="sociaal_wijkteam")
    decision = services.decide(
        personas.coordinator, signal, outcome=DecisionOutcome.REFER, reason="Hulp nodig.", referred_to=wijkteam
    )
    assert decision.referred_to == wijkteam
    other = SignalFactory(municipality=personas.municipality)
    decision = services.decide(
        personas.coordinator, other, outcome=DecisionOutcome.REFER, reason="Hulp.", referred_to_name="Buurtzorg Oost"
    )
    assert decision.referred_to_name == "Buurtzorg Oost"


def test_handing_to_police_accepts_only_a_police_organisation(personas, signal):
    with pytest.raises(ValidationError) as excinfo:
        services.decide(
            personas.coordinator,
            signal,
            outcome=DecisionOutcome.POLICE,
            reason="Strafbaar.",
            referred_to=personas.school_org,
        )
    assert excinfo.value.message_dict == {"referred_to": ["Kies een politieorganisatie."]}
    services.decide(
        personas.coordinator,
        signal,
        outcome=DecisionOutcome.POLICE,
        reason="Strafbaar.",
        referred_to=personas.police_org,
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.HANDED_TO_POLICE


@pytest.mark.parametrize("outcome", ["", "escalate", None])
def test_unknown_outcomes_are_refused(personas, signal, outcome):
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, signal, outcome=outcome, reason="x")
    assert "outcome" in excinfo.value.message_dict
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW
    assert not signal.transitions.exclude(from_status="").exists()


def test_a_decision_needs_a_reason(personas, signal):
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, signal, outcome=DecisionOutcome.NO_CONCERN, reason="")
    assert "reason" in excinfo.value.message_dict


def test_opening_a_case_creates_subject_and_case_and_moves_triage_information(personas, signal):
    services.update_signal_identity(personas.coordinator, signal, {"given_names": "Sam", "family_name": "de Vries"})
    item = InformationItemFactory(
        case=None, signal=signal, category=category("education"), source_organisation=personas.school_org
    )
    decision = services.decide(personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Ernstig.")
    case = decision.case
    assert case.phase == Phase.REGISTERED
    assert case.municipality == personas.municipality
    assert case.coordinator == personas.coordinator
    assert case.subject.family_name == "de Vries"
    signal.refresh_from_db()
    assert (signal.status, signal.case, signal.subject) == (SignalStatus.CASE, case, case.subject)
    item.refresh_from_db()
    assert item.case == case
    assert AuditEntry.objects.filter(action="case.open", object_id=case.pk, subject_id=case.subject_id).count() == 1
    assert AuditEntry.objects.filter(action="signal.decide", subject_id=case.subject_id).count() == 1


def test_a_case_needs_a_name(personas):
    nameless = SignalFactory(municipality=personas.municipality, given_names="", family_name="")
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, nameless, outcome=DecisionOutcome.OPEN_CASE, reason="Ernstig.")
    assert "outcome" in excinfo.value.message_dict
    assert not Case.objects.exists()


def test_a_signal_is_added_to_the_existing_case_of_its_subject(personas, signal):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    services.link_signal_to_subject(personas.coordinator, signal, case.subject)
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Nog een zorg.")
    assert "case" in excinfo.value.message_dict  # a second open case for the same person is refused
    decision = services.decide(
        personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="Nog een zorg.", case=case
    )
    assert decision.case == case
    assert Case.objects.count() == 1
    assert not AuditEntry.objects.filter(action="case.open").exists()


def test_a_signal_is_not_added_to_another_persons_or_a_closed_case(personas, signal):
    own = CaseFactory(municipality=personas.municipality).subject
    signal = services.link_signal_to_subject(personas.coordinator, signal, own)
    other = CaseFactory(municipality=personas.municipality)
    closed = CaseFactory(municipality=personas.municipality, subject=signal.subject, closed=True)
    for case, message in [(other, "andere betrokkene"), (closed, "afgesloten")]:
        with pytest.raises(ValidationError) as excinfo:
            services.decide(personas.coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason="x", case=case)
        assert message in excinfo.value.message_dict["case"][0]
    with pytest.raises(NotVisible):
        services.decide(
            personas.coordinator,
            signal,
            outcome=DecisionOutcome.OPEN_CASE,
            reason="x",
            case=CaseFactory(municipality=personas.neighbour),
        )
    assert not TriageDecision.objects.exists()


def test_the_reporter_sees_status_not_triage(personas, signal):
    services.add_assessment_note(personas.coordinator, signal, text="Gevoelige duiding.")
    services.decide(personas.coordinator, signal, outcome=DecisionOutcome.NO_CONCERN, reason="Vertrouwelijke reden.")
    seen = selectors.get_signal_for(personas.teacher, signal.pk)
    assert seen.reporter_status == ReporterStatus.COMPLETED
    assert not selectors.assessment_notes_for(personas.teacher, seen).exists()
    assert not selectors.decisions_for(personas.teacher, seen).exists()
    assert not selectors.transitions_for(personas.teacher, seen).exists()
    assert AuditEntry.objects.get(action="signal.view").purpose == "intake"


def test_items_on_a_signal_stay_with_triage(personas, signal):
    """Even the reporter's own organisation does not see items the coordinator recorded on
    the signal: only answers to a request come back to the organisation that gave them."""
    item = InformationItemFactory(
        case=None, signal=signal, category=category("identification"), source_organisation=personas.school_org
    )
    assert item in InformationItem.objects.visible_to(personas.coordinator)
    assert item not in InformationItem.objects.visible_to(personas.teacher)
    assert item not in InformationItem.objects.visible_to(personas.youth_worker)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"outcome": DecisionOutcome.REFER, "referred_to": 42}, "referred_to"),
        ({"outcome": DecisionOutcome.POLICE, "referred_to": "politie"}, "referred_to"),
        ({"outcome": DecisionOutcome.OPEN_CASE, "case": 7}, "case"),
        ({"outcome": DecisionOutcome.MONITOR, "review_date": "volgende week"}, "review_date"),
    ],
)
def test_wrong_types_in_a_decision_are_field_errors(personas, signal, kwargs, field):
    with pytest.raises(ValidationError) as excinfo:
        services.decide(personas.coordinator, signal, reason="Onderbouwing.", **kwargs)
    assert field in excinfo.value.message_dict
    assert not TriageDecision.objects.exists()
