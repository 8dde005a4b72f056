"""factory_boy factories for the case conference. Traits name states:
MeetingFactory(held=True | cancelled=True | regional=True | online=True),
ActionFactory(done=True | cancelled=True | overdue=True), AgendaItemFactory(review=True |
closure=True). MeetingFactory(invited=[org, ...], confirmed=[user, ...]) invites organisations
and records confidentiality confirmations.

Factories write rows directly for test set-up; they do not check permissions or write audit
entries (the services do)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from samenspel.meetings.models import (
    Action,
    ActionStatusChange,
    AgendaItem,
    AgendaItemKind,
    ConfidentialityConfirmation,
    DisclosureDecision,
    Meeting,
    MeetingDecision,
    MeetingInvitation,
    MeetingStatusChange,
    Minutes,
    MinutesRevision,
)
from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.testing.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from samenspel.testing.factories_cases import CaseFactory, category


def _next_week() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    region = None
    starts_at = factory.LazyFunction(_next_week)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Stadhuis, zaal 3"
    chair = factory.SubFactory(UserFactory)
    status = MeetingStatus.PLANNED
    created_by = factory.SelfAttribute("chair")

    class Params:
        regional = factory.Trait(municipality=None, region=factory.LazyAttribute(lambda o: o.chair.organisation.region))
        online = factory.Trait(location="", online_link="https://overleg.example.nl/casusoverleg")
        held = factory.Trait(
            status=MeetingStatus.HELD,
            starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7)),
        )
        cancelled = factory.Trait(status=MeetingStatus.CANCELLED)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create and obj.status != MeetingStatus.PLANNED:
            MeetingStatusChange.objects.create(
                meeting=obj, from_status=MeetingStatus.PLANNED, to_status=obj.status, changed_by=obj.chair
            )

    @factory.post_generation
    def invited(obj, create, extracted, **kwargs):
        """MeetingFactory(invited=[organisation, ...]): whole organisations invited."""
        if create and extracted:
            for organisation in extracted:
                MeetingInvitation.objects.create(meeting=obj, organisation=organisation, invited_by=obj.chair)

    @factory.post_generation
    def confirmed(obj, create, extracted, **kwargs):
        """MeetingFactory(confirmed=[user, ...]): confidentiality confirmed by these users."""
        if create and extracted:
            for user in extracted:
                ConfidentialityConfirmation.objects.create(meeting=obj, user=user, organisation=user.organisation)


class MeetingInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingInvitation

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person = None
    invited_by = factory.SelfAttribute("meeting.chair")


class ConfidentialityConfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfidentialityConfirmation

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SelfAttribute("user.organisation")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    case = factory.SubFactory(CaseFactory, municipality=factory.SelfAttribute("..meeting.municipality"))
    kind = AgendaItemKind.NEW
    order = factory.LazyAttribute(lambda o: o.meeting.agenda_items.count() + 1)
    added_by = factory.SelfAttribute("meeting.chair")

    class Params:
        review = factory.Trait(kind=AgendaItemKind.REVIEW)
        closure = factory.Trait(kind=AgendaItemKind.CLOSURE)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes
        skip_postgeneration_save = True

    item = factory.SubFactory(AgendaItemFactory)
    text = "Besproken: de school ziet verbetering; het gezin werkt mee."
    version = 1
    updated_by = factory.SelfAttribute("item.meeting.chair")

    @factory.post_generation
    def revision(obj, create, extracted, **kwargs):
        if create:
            MinutesRevision.objects.create(minutes=obj, version=obj.version, text=obj.text, written_by=obj.updated_by)


class MeetingDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDecision

    item = factory.SubFactory(AgendaItemFactory)
    text = "De casus blijft in uitvoering; bespreking over zes weken."
    decided_by = factory.SelfAttribute("item.meeting.chair")


class DisclosureDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureDecision

    item = factory.SubFactory(AgendaItemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    category = factory.LazyFunction(lambda: category("identification"))
    reason = "Nodig om de actie van deze organisatie uit te voeren."
    decided_by = factory.SelfAttribute("item.meeting.chair")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    item = factory.SubFactory(AgendaItemFactory)
    description = "Huisbezoek afleggen en terugkoppelen aan de dossierhouder."
    owner_organisation = factory.SubFactory(OrganisationFactory)
    owner_person = None
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = ActionStatus.OPEN
    created_by = factory.SelfAttribute("item.meeting.chair")

    class Params:
        done = factory.Trait(status=ActionStatus.DONE, closed_at=factory.LazyFunction(timezone.now))
        cancelled = factory.Trait(status=ActionStatus.CANCELLED, closed_at=factory.LazyFunction(timezone.now))
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create and obj.status != ActionStatus.OPEN:
            ActionStatusChange.objects.create(
                action=obj, from_status=ActionStatus.OPEN, to_status=obj.status, changed_by=obj.created_by
            )


# A shared scenario on the personas and the case scenario -------------------------------------


@dataclass
class MeetingScenario:
    """A planned Voorbeeldstad meeting chaired by the chair persona, with the school, the police
    and youth work invited (not yet confirmed by anyone), and the case scenario's case on the
    agenda (school and police on its team; youth work is not)."""

    meeting: Meeting
    item: AgendaItem


def build_meeting_scenario(personas, case_scenario) -> MeetingScenario:
    p = personas
    meeting = MeetingFactory(
        municipality=p.municipality,
        chair=p.chair,
        invited=[p.school_org, p.police_org, p.youth_work_org],
    )
    item = AgendaItemFactory(meeting=meeting, case=case_scenario.case, added_by=p.coordinator)
    return MeetingScenario(meeting=meeting, item=item)


def confirm(meeting: Meeting, *users) -> None:
    """Record confidentiality confirmations directly (set-up; the service is confirm_confidentiality)."""
    for user in users:
        ConfidentialityConfirmation.objects.get_or_create(
            meeting=meeting, user=user, defaults={"organisation": user.organisation}
        )
