"""Case services: opening, flags, phases, the team with one lead partner, information
items within the agreement, life-domain assessments and related persons."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from samenspel.audit.models import AuditEntry
from samenspel.cases import selectors, services
from samenspel.cases.models import Case, CasePhaseChange, CaseTeamMember, IdeologyContext, LifeDomain
from samenspel.cases.workflow import Phase
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.testing.factories import OrganisationFactory, UserFactory
from samenspel.testing.factories_cases import CaseFactory, SubjectFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas):
    return CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, team=[personas.school_org])


def lead_of(case) -> list:
    return list(CaseTeamMember.objects.filter(case=case, is_lead=True).values_list("organisation", flat=True))


# Opening --------------------------------------------------------------------------------


def test_a_coordinator_opens_a_case_for_a_new_person(personas):
    case = services.open_case(
        personas.coordinator,
        municipality=personas.municipality,
        identity={"given_names": "محمد", "family_name": "El Amrani", "date_of_birth": datetime.date(2010, 2, 3)},
        is_returnee=True,
    )
    assert case.subject.given_names == "محمد"
    assert case.is_minor  # from the date of birth
    assert case.is_returnee
    assert case.ideology_context == ""  # never required, never computed
    assert list(case.phase_changes.values_list("from_phase", "to_phase")) == [("", Phase.REGISTERED)]
    entry = AuditEntry.objects.get(action="case.open")
    assert (entry.object_id, entry.subject_id, entry.purpose) == (str(case.pk), str(case.subject_id), "case_work")


def test_opening_needs_a_name_and_a_municipality_one_directs(personas):
    with pytest.raises(ValidationError) as excinfo:
        services.open_case(personas.coordinator, municipality=personas.municipality, identity={})
    assert "family_name" in excinfo.value.message_dict
    with pytest.raises(NotAllowed):
        services.open_case(personas.coordinator, municipality=personas.neighbour, identity={"family_name": "Jansen"})
    with pytest.raises(NotAllowed):
        services.open_case(personas.teacher, municipality=personas.municipality, identity={"family_name": "Jansen"})
    assert not Case.objects.exists()


def test_one_open_case_per_subject_and_municipality(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.open_case(personas.coordinator, municipality=personas.municipality, subject=case.subject)
    assert "subject" in excinfo.value.message_dict
    with pytest.raises(NotVisible):
        services.open_case(personas.coordinator, municipality=personas.municipality, subject=SubjectFactory())


def test_flags_are_set_by_the_coordinator(personas, case):
    services.update_case_flags(
        personas.coordinator, case, detention_status="detained", ideology_context=IdeologyContext.OTHER_OR_UNKNOWN
    )
    case.refresh_from_db()
    assert (case.detention_status, case.ideology_context) == ("detained", "other_or_unknown")
    with pytest.raises(ValidationError) as excinfo:
        services.update_case_flags(personas.coordinator, case, detention_status="vast")
    assert "detention_status" in excinfo.value.message_dict
    with pytest.raises(TypeError):
        services.update_case_flags(personas.coordinator, case, risk_score=3)
    with pytest.raises(NotAllowed):
        services.update_case_flags(personas.teacher, case, is_returnee=True)


# Phases ---------------------------------------------------------------------------------


def test_phases_move_along_the_table_and_history_is_appended(personas, case):
    for phase in (Phase.ASSESSMENT, Phase.PLAN, Phase.EXECUTION, Phase.AFTERCARE):
        services.change_phase(personas.coordinator, case, phase)
    services.change_phase(personas.coordinator, case, Phase.CLOSED, reason="Doelen bereikt.")
    case.refresh_from_db()
    assert case.is_closed
    assert case.closed_at is not None
    assert [c.to_phase for c in CasePhaseChange.objects.filter(case=case)] == [
        Phase.REGISTERED,
        Phase.ASSESSMENT,
        Phase.PLAN,
        Phase.EXECUTION,
        Phase.AFTERCARE,
        Phase.CLOSED,
    ]
    assert AuditEntry.objects.filter(action="case.change_phase").count() == 5


def test_skipping_phases_or_reopening_is_refused(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.change_phase(personas.coordinator, case, Phase.EXECUTION)
    assert excinfo.value.message_dict == {"phase": ['Een casus in fase "Aangemeld" kan niet naar fase "Uitvoering".']}
    with pytest.raises(ValidationError):
        services.change_phase(personas.coordinator, case, "archived")
    closed = CaseFactory(municipality=personas.municipality, closed=True)
    with pytest.raises(ValidationError):
        services.change_phase(personas.coordinator, closed, Phase.AFTERCARE)


def test_closing_and_going_back_need_a_reason(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.change_phase(personas.coordinator, case, Phase.CLOSED)
    assert "reason" in excinfo.value.message_dict
    services.change_phase(personas.coordinator, case, Phase.ASSESSMENT)
    services.change_phase(personas.coordinator, case, Phase.PLAN)
    with pytest.raises(ValidationError):
        services.change_phase(personas.coordinator, case, Phase.ASSESSMENT, reason="   ")
    services.change_phase(personas.coordinator, case, Phase.ASSESSMENT, reason="Nieuwe informatie.")


# The team -------------------------------------------------------------------------------


def test_the_first_member_leads_and_the_lead_can_move(personas):
    case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)
    services.add_team_member(personas.coordinator, case, personas.school_org, contact=personas.teacher)
    services.add_team_member(personas.coordinator, case, personas.police_org)
    assert lead_of(case) == [personas.school_org.pk]
    services.set_lead(personas.coordinator, case, personas.police_org)
    assert lead_of(case) == [personas.police_org.pk]
    services.add_team_member(personas.coordinator, case, personas.youth_work_org, is_lead=True)
    assert lead_of(case) == [personas.youth_work_org.pk]
    assert AuditEntry.objects.filter(action__startswith="case.team_").count() == 4


def test_the_lead_leaves_last(personas, case):
    services.add_team_member(personas.coordinator, case, personas.police_org)
    with pytest.raises(ValidationError) as excinfo:
        services.remove_team_member(personas.coordinator, case, personas.school_org)
    assert excinfo.value.message_dict == {"organisation": ["Wijs eerst een andere leidende partner aan."]}
    services.remove_team_member(personas.coordinator, case, personas.police_org)
    services.remove_team_member(personas.coordinator, case, personas.school_org)
    assert not CaseTeamMember.objects.filter(case=case).exists()
    assert case not in Case.objects.visible_to(personas.teacher)


def test_team_input_is_checked(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.add_team_member(personas.coordinator, case, personas.school_org)
    assert "organisation" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.add_team_member(personas.coordinator, case, personas.police_org, contact=personas.teacher)
    assert "contact" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.add_team_member(personas.coordinator, case, OrganisationFactory(is_active=False))
    with pytest.raises(ValidationError):
        services.set_lead(personas.coordinator, case, personas.police_org)
    with pytest.raises(NotAllowed):
        services.add_team_member(personas.teacher, case, personas.police_org)
    with pytest.raises(NotVisible):
        services.add_team_member(
            personas.coordinator, CaseFactory(municipality=personas.neighbour), personas.police_org
        )


# Information items ----------------------------------------------------------------------


def test_a_team_member_records_information_of_their_own_organisation(personas, case):
    item = services.add_information_item(personas.teacher, case, category=category("education"), text="Verzuim.")
    assert (item.source_organisation, item.case, item.recorded_by) == (personas.school_org, case, personas.teacher)
    assert item in selectors.information_items_for(personas.teacher, case)
    entry = AuditEntry.objects.get(action="information_item.add")
    assert (entry.object_id, entry.subject_id) == (str(item.pk), str(case.subject_id))


def test_the_agreement_limits_what_an_organisation_records(personas, case):
    with pytest.raises(ValidationError) as excinfo:
        services.add_information_item(personas.teacher, case, category=category("police_and_justice"), text="x")
    assert "category" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.add_information_item(
            personas.teacher, case, category=category("education"), text="x", source_organisation=personas.police_org
        )
    assert excinfo.value.message_dict == {
        "source_organisation": ["U kunt alleen informatie van uw eigen organisatie vastleggen."]
    }


def test_the_coordinator_may_record_on_behalf_of_a_partner(personas, case):
    item = services.add_information_item(
        personas.coordinator,
        case,
        category=category("police_and_justice"),
        text="Telefonisch van de wijkagent.",
        source_organisation=personas.police_org,
    )
    assert item.source_organisation == personas.police_org
    assert item not in selectors.information_items_for(personas.teacher, case)
    with pytest.raises(ValidationError):  # nobody may provide intelligence under the default agreement
        services.add_information_item(
            personas.coordinator,
            case,
            category=category("intelligence"),
            text="x",
            source_organisation=personas.police_org,
        )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"text": "bel\x07"}, "text"),
        ({"date": datetime.date(2999, 1, 1)}, "date"),
        ({"date": "morgen"}, "date"),
        ({"category": None}, "category"),
        ({"category": "education"}, "category"),
        ({"source_organisation": 3}, "source_organisation"),
    ],
)
def test_bad_items_are_refused_by_field(personas, case, kwargs, field):
    data = {"category": category("education"), "text": "Verzuim."}
    data.update(kwargs)
    with pytest.raises(ValidationError) as excinfo:
        services.add_information_item(personas.teacher, case, **data)
    assert field in excinfo.value.message_dict


def test_nothing_is_added_to_a_closed_case(personas, case):
    services.change_phase(personas.coordinator, case, Phase.CLOSED, reason="Verhuisd.")
    with pytest.raises(ValidationError) as excinfo:
        services.add_information_item(personas.teacher, case, category=category("education"), text="x")
    assert "phase" in excinfo.value.message_dict


# Assessments and related persons ---------------------------------------------------------


def test_team_members_and_the_coordinator_record_assessments_in_words(personas, case):
    assessment = services.record_assessment(
        personas.teacher,
        case,
        life_domain=LifeDomain.EDUCATION_AND_WORK,
        risk_factors="Verzuim.",
        protective_factors="Band met de mentor.",
        judgement="Zorgelijk maar beïnvloedbaar.",
    )
    assert assessment.author_organisation == personas.school_org
    assert list(selectors.assessments_for(personas.coordinator, case)) == [assessment]
    with pytest.raises(ValidationError) as excinfo:
        services.record_assessment(personas.coordinator, case, life_domain="score", judgement="")
    assert {"life_domain", "judgement"} <= set(excinfo.value.message_dict)
    with pytest.raises(NotVisible):
        services.record_assessment(personas.youth_worker, case, life_domain=LifeDomain.ONLINE, judgement="x")


def test_related_persons_are_recorded_by_the_coordinator(personas, case):
    parent = services.add_related_person(
        personas.coordinator, case, relation="parent", identity={"given_names": "Fatima", "family_name": "El Amrani"}
    )
    assert parent.subject == case.subject
    assert list(selectors.related_persons_for(personas.coordinator, case.subject)) == [parent]
    assert not selectors.related_persons_for(personas.teacher, case.subject).exists()
    with pytest.raises(ValidationError) as excinfo:
        services.add_related_person(personas.coordinator, case, relation="neef", identity={})
    assert {"relation", "family_name"} <= set(excinfo.value.message_dict)


def test_reads_are_audited_once_with_the_subject(personas, case):
    assert selectors.get_case_for(personas.teacher, case.pk) == case
    assert selectors.get_subject_for(personas.coordinator, case.subject_id) == case.subject
    entries = AuditEntry.objects.filter(action__in=["case.view", "subject.view"]).order_by("id")
    assert [(e.action, e.actor_id, e.subject_id) for e in entries] == [
        ("case.view", personas.teacher.pk, str(case.subject_id)),
        ("subject.view", personas.coordinator.pk, str(case.subject_id)),
    ]
    for bad in ("abc", "-1", "99999999999999999999", None, case.pk + 1000):
        with pytest.raises(NotVisible):
            selectors.get_case_for(personas.coordinator, bad)


def test_a_deactivated_contact_keeps_no_access(personas, case):
    user = UserFactory(organisation=personas.school_org, is_active=False)
    with pytest.raises(ValidationError):
        services.add_team_member(personas.coordinator, case, personas.police_org, contact=user)
