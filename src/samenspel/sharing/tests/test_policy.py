"""The need-to-know rule on the personas: who sees which signals, cases, subjects and which
categories of information (sharing.policy, applied by every visible_to queryset)."""

from __future__ import annotations

import pytest

from samenspel.accounts.models import OrganisationType
from samenspel.cases.models import (
    Case,
    CasePhaseChange,
    CaseTeamMember,
    InformationItem,
    LifeDomainAssessment,
    RelatedPerson,
    Subject,
)
from samenspel.intake.models import AssessmentNote, InformationRequest, Signal, SignalTransition, TriageDecision
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory, SharingRule
from samenspel.testing.factories import RoleAssignmentFactory, UserFactory
from samenspel.testing.factories_cases import (
    CaseFactory,
    InformationItemFactory,
    LifeDomainAssessmentFactory,
    SignalFactory,
    category,
)

NO_CASE_WORK = ("app_manager", "privacy_officer", "analyst", "mayors_office")
EVERY_MODEL = (
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


def item_codes(user, case=None) -> set[str]:
    items = InformationItem.objects.visible_to(user)
    if case is not None:
        items = items.filter(case=case)
    return set(items.values_list("category__code", flat=True))


# Separation of duties -------------------------------------------------------------------


@pytest.mark.parametrize("persona", NO_CASE_WORK)
def test_roles_without_case_work_see_nothing_at_all(persona, personas, case_scenario):
    user = getattr(personas, persona)
    LifeDomainAssessmentFactory(case=case_scenario.case)
    for model in EVERY_MODEL:
        assert model.objects.visible_to(user).count() == 0, model.__name__
    assert not policy.visible_categories(user, case_scenario.case).exists()


def test_an_inactive_coordinator_sees_nothing(personas, case_scenario):
    personas.coordinator.is_active = False
    personas.coordinator._role_cache = None
    assert not Case.objects.visible_to(personas.coordinator).exists()
    assert not Signal.objects.visible_to(personas.coordinator).exists()
    assert not InformationItem.objects.visible_to(personas.coordinator).exists()


def test_an_anonymous_visitor_sees_nothing(case_scenario):
    from django.contrib.auth.models import AnonymousUser

    for model in EVERY_MODEL:
        assert model.objects.visible_to(AnonymousUser()).count() == 0, model.__name__


# Coordinators ---------------------------------------------------------------------------


def test_a_coordinator_sees_the_signals_and_cases_of_their_municipality_only(personas, case_scenario):
    s = case_scenario
    coordinator = personas.coordinator
    assert set(Case.objects.visible_to(coordinator)) == {s.case}
    assert set(Case.objects.directed_by(coordinator)) == {s.case}
    assert s.signal in Signal.objects.triageable_by(coordinator)
    assert s.other_signal not in Signal.objects.visible_to(coordinator)
    assert s.other_case not in Case.objects.visible_to(coordinator)
    assert set(AssessmentNote.objects.visible_to(coordinator)) == {s.note}
    assert set(TriageDecision.objects.visible_to(coordinator)) == {s.decision}
    assert s.request in InformationRequest.objects.visible_to(coordinator)


def test_a_regional_coordinator_sees_every_municipality_of_the_region(personas, case_scenario):
    regional = UserFactory(organisation=personas.municipality_org)
    RoleAssignmentFactory(user=regional, role="coordinator", municipality=None, region=personas.region)
    assert {case_scenario.case, case_scenario.other_case} <= set(Case.objects.visible_to(regional))
    assert case_scenario.other_signal in Signal.objects.triageable_by(regional)
    elsewhere = CaseFactory()  # another region
    assert elsewhere not in Case.objects.visible_to(regional)


def test_the_coordinator_sees_every_category_the_municipality_receives_but_not_intelligence(personas, case_scenario):
    assert item_codes(personas.coordinator) == {
        "identification",
        "education",
        "police_and_justice",
        "care_and_welfare",
        "family",
        "online",
        "intelligence",  # only because the municipality itself provided it in this scenario
    }
    police_intelligence = InformationItemFactory(
        case=case_scenario.case, category=category("intelligence"), source_organisation=personas.police_org
    )
    assert police_intelligence not in InformationItem.objects.visible_to(personas.coordinator)


# Partners -------------------------------------------------------------------------------


def test_a_teacher_on_the_team_sees_the_case_but_not_the_police_information(personas, case_scenario):
    teacher = personas.teacher
    assert case_scenario.case in Case.objects.visible_to(teacher)
    assert case_scenario.case not in Case.objects.directed_by(teacher)
    assert item_codes(teacher, case_scenario.case) == {"identification", "education"}
    assert case_scenario.items["police_and_justice"] not in InformationItem.objects.visible_to(teacher)
    assert set(policy.visible_categories(teacher, case_scenario.case).values_list("code", flat=True)) == {
        "identification",
        "education",
    }


def test_the_police_on_the_team_see_police_information_and_not_care_information(personas, case_scenario):
    codes = item_codes(personas.police_officer, case_scenario.case)
    assert {"identification", "education", "police_and_justice", "online"} <= codes
    assert "care_and_welfare" not in codes
    assert "family" not in codes


def test_a_youth_worker_not_on_the_team_sees_nothing_of_the_case(personas, case_scenario):
    youth_worker = personas.youth_worker
    assert case_scenario.case not in Case.objects.visible_to(youth_worker)
    assert not InformationItem.objects.visible_to(youth_worker).filter(case=case_scenario.case).exists()
    assert not Subject.objects.visible_to(youth_worker).exists()
    assert not CaseTeamMember.objects.visible_to(youth_worker).exists()
    assert not policy.visible_categories(youth_worker, case_scenario.case).exists()


def test_an_outsider_sees_nothing(personas, case_scenario):
    for model in EVERY_MODEL:
        assert model.objects.visible_to(personas.outsider).count() == 0, model.__name__


def test_items_an_organisation_provided_are_always_visible_to_it(personas, case_scenario):
    own = InformationItemFactory(
        case=case_scenario.case,
        category=category("care_and_welfare"),
        source_organisation=personas.school_org,
        recorded_by=personas.teacher,
    )
    assert own in InformationItem.objects.visible_to(personas.teacher)
    assert own in InformationItem.objects.visible_to(personas.coordinator)
    assert own not in InformationItem.objects.visible_to(personas.police_officer)


def test_leaving_the_team_ends_access_at_once(personas, case_scenario):
    CaseTeamMember.objects.filter(case=case_scenario.case, organisation=personas.police_org).delete()
    assert case_scenario.case not in Case.objects.visible_to(personas.police_officer)
    assert case_scenario.items["police_and_justice"] not in InformationItem.objects.visible_to(personas.police_officer)


def test_a_matrix_change_applies_to_the_next_query(personas, case_scenario):
    police_item = case_scenario.items["police_and_justice"]
    assert police_item not in InformationItem.objects.visible_to(personas.teacher)
    SharingRule.objects.update_or_create(
        organisation_type=OrganisationType.EDUCATION,
        category=category("police_and_justice"),
        defaults={"may_receive": True},
    )
    assert police_item in InformationItem.objects.visible_to(personas.teacher)


# Reporters ------------------------------------------------------------------------------


def test_a_reporter_sees_their_signal_but_not_its_triage(personas, case_scenario):
    teacher = personas.teacher
    assert case_scenario.signal in Signal.objects.visible_to(teacher)
    assert case_scenario.signal in Signal.objects.reported_by(teacher)
    assert case_scenario.signal not in Signal.objects.triageable_by(teacher)
    assert not AssessmentNote.objects.visible_to(teacher).exists()
    assert not TriageDecision.objects.visible_to(teacher).exists()
    assert not SignalTransition.objects.visible_to(teacher).exists()
    assert case_scenario.request not in InformationRequest.objects.visible_to(teacher)


def test_another_partner_does_not_see_someone_elses_signal(personas, case_scenario):
    assert case_scenario.signal not in Signal.objects.visible_to(personas.youth_worker)
    assert case_scenario.other_signal in Signal.objects.visible_to(personas.youth_worker)  # their own


# Subjects, related persons, requests ----------------------------------------------------


def test_subjects_are_seen_through_a_visible_case_or_triaged_signal(personas, case_scenario):
    assert case_scenario.subject in Subject.objects.visible_to(personas.teacher)
    assert case_scenario.subject in Subject.objects.visible_to(personas.coordinator)
    assert case_scenario.other_case.subject not in Subject.objects.visible_to(personas.coordinator)


def test_related_persons_follow_the_family_category(personas, case_scenario):
    parent = case_scenario.parent
    assert parent in RelatedPerson.objects.visible_to(personas.coordinator)
    assert parent not in RelatedPerson.objects.visible_to(personas.teacher)  # on the team, but no "gezin"
    CaseTeamMember.objects.create(
        case=case_scenario.case, organisation=personas.youth_work_org, added_by=personas.coordinator
    )
    assert parent in RelatedPerson.objects.visible_to(personas.youth_worker)


def test_an_information_request_is_seen_by_its_coordinator_and_its_addressee(personas, case_scenario):
    request = case_scenario.request
    assert request in InformationRequest.objects.visible_to(personas.police_officer)
    assert request in InformationRequest.objects.addressed_to(personas.police_officer)
    assert request not in InformationRequest.objects.addressed_to(personas.coordinator)
    assert request not in InformationRequest.objects.visible_to(personas.youth_worker)


def test_the_answering_organisation_sees_its_answer_without_seeing_the_signal(personas, case_scenario):
    answer = InformationItemFactory(
        case=None,
        signal=case_scenario.other_signal,
        request=InformationRequestFactoryForOther(case_scenario, personas),
        category=category("police_and_justice"),
        source_organisation=personas.police_org,
        recorded_by=personas.police_officer,
    )
    assert case_scenario.other_signal not in Signal.objects.visible_to(personas.police_officer)
    assert answer in InformationItem.objects.visible_to(personas.police_officer)
    assert answer not in InformationItem.objects.visible_to(personas.coordinator)  # not their municipality


def InformationRequestFactoryForOther(scenario, personas):
    from samenspel.testing.factories_cases import InformationRequestFactory

    return InformationRequestFactory(signal=scenario.other_signal, organisation=personas.police_org)


# The matrix helpers ---------------------------------------------------------------------


def test_can_provide_and_receive_answer_for_users_and_organisations(personas):
    police = category("police_and_justice")
    assert policy.can_receive(personas.police_officer, police)
    assert policy.can_receive(personas.police_org, police)
    assert policy.can_provide(personas.police_org, police)
    assert not policy.can_receive(personas.teacher, police)
    assert not policy.can_provide(personas.school_org, police)
    assert not policy.can_receive(None, police)
    assert set(policy.providable_categories(personas.school_org).values_list("code", flat=True)) == {
        "identification",
        "education",
        "family",
        "online",
    }
    assert not policy.receivable_categories(personas.outsider_org).filter(code="intelligence").exists()


def test_object_questions(personas, case_scenario):
    assert policy.may_triage(personas.coordinator, case_scenario.signal)
    assert not policy.may_triage(personas.teacher, case_scenario.signal)
    assert policy.may_direct(personas.coordinator, case_scenario.case)
    assert not policy.may_direct(personas.teacher, case_scenario.case)
    assert policy.is_on_team(personas.teacher, case_scenario.case)
    assert not policy.is_on_team(personas.youth_worker, case_scenario.case)


# Query counts ---------------------------------------------------------------------------


def test_reading_items_is_one_query_whatever_the_number_of_categories(
    personas, case_scenario, django_assert_num_queries
):
    teacher = personas.teacher
    for user in (teacher, personas.coordinator):
        Case.objects.visible_to(user).exists()  # roles and organisation now cached on the user
    for n in range(10):
        extra = InformationCategory.objects.create(code=f"extra-{n}", name=f"Extra {n}")
        SharingRule.objects.create(organisation_type=OrganisationType.EDUCATION, category=extra, may_receive=True)
        InformationItemFactory(case=case_scenario.case, category=extra, source_organisation=personas.police_org)
    with django_assert_num_queries(1):
        items = list(InformationItem.objects.visible_to(teacher).filter(case=case_scenario.case))
    assert len(items) == 12  # identification, education and the ten extra categories
    with django_assert_num_queries(1):
        list(Signal.objects.visible_to(personas.coordinator).with_overdue().inbox())


def test_a_case_with_many_team_members_is_listed_once(personas, case_scenario):
    from samenspel.testing.factories import OrganisationFactory

    for _ in range(5):
        CaseTeamMember.objects.create(
            case=case_scenario.case, organisation=OrganisationFactory(), added_by=personas.coordinator
        )
    assert list(Case.objects.visible_to(personas.coordinator)) == [case_scenario.case]
    assert list(Case.objects.visible_to(personas.teacher)) == [case_scenario.case]


def test_more_cases_and_signals_do_not_add_queries(personas, case_scenario, django_assert_num_queries):
    coordinator = personas.coordinator
    Case.objects.visible_to(coordinator).exists()
    for _ in range(5):
        CaseFactory(municipality=personas.municipality, team=[personas.school_org])
        SignalFactory(reporter=personas.teacher, municipality=personas.municipality)
    with django_assert_num_queries(2):
        assert len(list(Case.objects.visible_to(coordinator))) == 6
        assert len(list(Signal.objects.visible_to(coordinator).inbox())) == 6
