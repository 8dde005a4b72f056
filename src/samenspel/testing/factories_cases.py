"""factory_boy factories for the agreement, signals and cases. Traits name states:
SignalFactory(in_triage=True), SignalFactory(citizen=True), CaseFactory(closed=True),
CaseFactory(team=[school, police]) (the first organisation becomes the lead partner).

Factories write rows directly for test set-up; they do not check permissions or write audit
entries (the services do). Categories are fetched by code, so they reuse the seeded rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from samenspel.accounts.models import OrganisationType
from samenspel.cases.identity import normalise_name
from samenspel.cases.models import (
    Case,
    CasePhaseChange,
    CaseTeamMember,
    InformationItem,
    LifeDomain,
    LifeDomainAssessment,
    RelatedPerson,
    Relation,
    Subject,
)
from samenspel.cases.workflow import Phase
from samenspel.intake.models import (
    AssessmentNote,
    Channel,
    DecisionOutcome,
    InformationRequest,
    Signal,
    SignalTransition,
    TriageDecision,
)
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing.defaults import INFORMATION_CATEGORIES
from samenspel.sharing.models import ConcernCategory, InformationCategory, SharingRule
from samenspel.testing.factories import MunicipalityFactory, OrganisationFactory, UserFactory

# The agreement ----------------------------------------------------------------------------


class InformationCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Categorie {n}")
    position = factory.Sequence(lambda n: 100 + n)


class ConcernCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"concern-{n}")
    name = factory.Sequence(lambda n: f"Zorg {n}")
    position = factory.Sequence(lambda n: 100 + n)


class SharingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingRule
        django_get_or_create = ("organisation_type", "category")

    organisation_type = OrganisationType.OTHER
    category = factory.SubFactory(InformationCategoryFactory)
    may_provide = True
    may_receive = True


def category(code: str) -> InformationCategory:
    """A seeded information category by code (created if a flushed database lacks it)."""
    names = {seed_code: name for seed_code, name, _description in INFORMATION_CATEGORIES}
    return InformationCategoryFactory(code=code, name=names.get(code, code))


# Persons ----------------------------------------------------------------------------------


class _IdentityMixin(factory.django.DjangoModelFactory):
    given_names = factory.Faker("first_name", locale="nl_NL")
    family_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=12, maximum_age=30)
    name_key = factory.LazyAttribute(lambda o: normalise_name(f"{o.given_names} {o.family_name}"))

    class Meta:
        abstract = True


class SubjectFactory(_IdentityMixin):
    class Meta:
        model = Subject


class RelatedPersonFactory(_IdentityMixin):
    class Meta:
        model = RelatedPerson

    subject = factory.SubFactory(SubjectFactory)
    relation = Relation.PARENT
    date_of_birth = factory.Faker("date_of_birth", minimum_age=35, maximum_age=65)
    added_by = factory.SubFactory(UserFactory)


# Cases ------------------------------------------------------------------------------------


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    subject = factory.SubFactory(SubjectFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    coordinator = factory.SubFactory(
        UserFactory,
        organisation=factory.SubFactory(
            OrganisationFactory,
            type=OrganisationType.MUNICIPALITY,
            municipality=factory.SelfAttribute("...municipality"),
        ),
    )
    phase = Phase.REGISTERED
    next_review_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(weeks=6))

    class Params:
        closed = factory.Trait(phase=Phase.CLOSED, closed_at=factory.LazyFunction(timezone.now), next_review_date=None)
        in_assessment = factory.Trait(phase=Phase.ASSESSMENT)
        in_plan = factory.Trait(phase=Phase.PLAN)
        in_execution = factory.Trait(phase=Phase.EXECUTION)
        in_aftercare = factory.Trait(phase=Phase.AFTERCARE)
        minor = factory.Trait(is_minor=True)
        returnee = factory.Trait(is_returnee=True)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            CasePhaseChange.objects.create(case=obj, from_phase="", to_phase=obj.phase, changed_by=obj.coordinator)

    @factory.post_generation
    def team(obj, create, extracted, **kwargs):
        """CaseFactory(team=[org, ...]): the organisations on the team, the first one leading."""
        if create and extracted:
            for position, organisation in enumerate(extracted):
                CaseTeamMember.objects.create(
                    case=obj, organisation=organisation, is_lead=position == 0, added_by=obj.coordinator
                )


class CaseTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTeamMember

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    added_by = factory.SelfAttribute("case.coordinator")

    class Params:
        lead = factory.Trait(is_lead=True)


class CasePhaseChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasePhaseChange

    case = factory.SubFactory(CaseFactory)
    from_phase = Phase.REGISTERED
    to_phase = Phase.ASSESSMENT
    changed_by = factory.SelfAttribute("case.coordinator")


class InformationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationItem

    case = factory.SubFactory(CaseFactory)
    category = factory.LazyFunction(lambda: category("identification"))
    source_organisation = factory.SubFactory(OrganisationFactory)
    date = factory.LazyFunction(timezone.localdate)
    text = factory.Faker("sentence", locale="nl_NL")
    recorded_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..source_organisation"))

    class Params:
        police = factory.Trait(category=factory.LazyFunction(lambda: category("police_and_justice")))
        education = factory.Trait(category=factory.LazyFunction(lambda: category("education")))
        care = factory.Trait(category=factory.LazyFunction(lambda: category("care_and_welfare")))


class LifeDomainAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeDomainAssessment

    case = factory.SubFactory(CaseFactory)
    life_domain = LifeDomain.EDUCATION_AND_WORK
    risk_factors = "Verzuimt veel, weinig contact met klasgenoten."
    protective_factors = "Goede band met de mentor."
    judgement = "Zorgen over isolement; mentor blijft in contact."
    author = factory.SelfAttribute("case.coordinator")
    author_organisation = factory.SelfAttribute("author.organisation")


# Signals ----------------------------------------------------------------------------------


def _deadline(signal) -> datetime.date:
    from samenspel.intake.deadlines import triage_deadline_for

    return triage_deadline_for(signal.received_at)


class SignalFactory(_IdentityMixin):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    channel = Channel.PROFESSIONAL
    reporter = factory.SubFactory(UserFactory)
    reporter_organisation = factory.SelfAttribute("reporter.organisation")
    municipality = factory.LazyAttribute(
        lambda o: (o.reporter_organisation and o.reporter_organisation.municipality) or MunicipalityFactory()
    )
    reporter_relation = "Mentor"
    observation = factory.Faker("paragraph", locale="nl_NL")
    observed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    status = SignalStatus.NEW
    received_at = factory.LazyFunction(timezone.now)
    triage_deadline = factory.LazyAttribute(_deadline)

    class Params:
        citizen = factory.Trait(
            channel=Channel.CITIZEN,
            reporter=None,
            reporter_organisation=None,
            municipality=factory.SubFactory(MunicipalityFactory),
            reporter_relation="Buurtbewoner",
        )
        in_triage = factory.Trait(status=SignalStatus.IN_TRIAGE)
        monitoring = factory.Trait(
            status=SignalStatus.MONITORING,
            review_date=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30)),
        )
        closed = factory.Trait(status=SignalStatus.CLOSED_NO_CONCERN)
        referred = factory.Trait(status=SignalStatus.REFERRED)
        handed_to_police = factory.Trait(status=SignalStatus.HANDED_TO_POLICE)
        overdue = factory.Trait(received_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=14)))

    @factory.post_generation
    def concern_categories(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [ConcernCategoryFactory(code="other", name="Overig")]
        obj.concern_categories.set(extracted)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create and obj.status != SignalStatus.NEW:
            SignalTransition.objects.create(signal=obj, from_status=SignalStatus.NEW, to_status=obj.status)


class SignalTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignalTransition

    signal = factory.SubFactory(SignalFactory)
    from_status = SignalStatus.NEW
    to_status = SignalStatus.IN_TRIAGE


class AssessmentNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentNote

    signal = factory.SubFactory(SignalFactory, in_triage=True)
    author = factory.SubFactory(UserFactory)
    text = factory.Faker("sentence", locale="nl_NL")


class TriageDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TriageDecision

    signal = factory.SubFactory(SignalFactory, closed=True)
    outcome = DecisionOutcome.NO_CONCERN
    reason = "Na navraag bij school geen aanwijzingen voor zorgen."
    decided_by = factory.SubFactory(UserFactory)


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationRequest
        skip_postgeneration_save = True

    signal = factory.SubFactory(SignalFactory, in_triage=True)
    organisation = factory.SubFactory(OrganisationFactory, type=OrganisationType.POLICE)
    question = "Is de persoon bij u bekend?"
    requested_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create:
            obj.categories.set(extracted if extracted is not None else [category("police_and_justice")])


# A shared scenario on the personas ----------------------------------------------------------


@dataclass
class CaseScenario:
    """One case in Voorbeeldstad with the school (lead) and the police on its team, an item
    in each information category, a parent, and the teacher's signal in triage with a note
    and an open request to the police. Plus a case and a signal in the neighbouring
    municipality that Voorbeeldstad's coordinator does not direct."""

    case: Case
    subject: Subject
    items: dict[str, InformationItem]
    parent: RelatedPerson
    signal: Signal
    note: AssessmentNote
    decision: TriageDecision
    request: InformationRequest
    other_case: Case
    other_signal: Signal


def build_case_scenario(personas) -> CaseScenario:
    from samenspel.sharing.defaults import install_defaults

    install_defaults()
    p = personas
    subject = SubjectFactory(given_names="Ĳsbrand", family_name="van 't Hoff", date_of_birth=datetime.date(2009, 5, 4))
    case = CaseFactory(
        subject=subject, municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org]
    )
    sources = {
        "identification": (p.municipality_org, p.coordinator),
        "education": (p.school_org, p.teacher),
        "police_and_justice": (p.police_org, p.police_officer),
        "care_and_welfare": (p.municipality_org, p.coordinator),
        "family": (p.municipality_org, p.coordinator),
        "online": (p.police_org, p.police_officer),
        "intelligence": (p.municipality_org, p.coordinator),
    }
    items = {
        code: InformationItemFactory(
            case=case, category=category(code), source_organisation=organisation, recorded_by=user, text=f"Over {code}"
        )
        for code, (organisation, user) in sources.items()
    }
    parent = RelatedPersonFactory(subject=subject, family_name="van 't Hoff", added_by=p.coordinator)
    signal = SignalFactory(
        reporter=p.teacher, municipality=p.municipality, in_triage=True, subject=subject, family_name="van 't Hoff"
    )
    note = AssessmentNoteFactory(signal=signal, author=p.coordinator, text="Eerst navragen bij de politie.")
    decision = TriageDecisionFactory(
        signal=SignalFactory(reporter=p.teacher, municipality=p.municipality, closed=True), decided_by=p.coordinator
    )
    request = InformationRequestFactory(signal=signal, organisation=p.police_org, requested_by=p.coordinator)
    other_case = CaseFactory(municipality=p.neighbour)
    other_signal = SignalFactory(reporter=p.youth_worker, municipality=p.neighbour)
    return CaseScenario(
        case=case,
        subject=subject,
        items=items,
        parent=parent,
        signal=signal,
        note=note,
        decision=decision,
        request=request,
        other_case=other_case,
        other_signal=other_signal,
    )
