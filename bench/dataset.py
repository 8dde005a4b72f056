"""The measured people and records of the generated dataset (see generate.py).

Benchstad (municipality index 0) holds a tenth of everything; "Benchdorp 5" an ordinary
share. Comparing the two shows whether a page's query count grows with the rows behind it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

BIG, SMALL = 0, 5  # municipality indexes
FIXED_MEETING_LOCATION = "Bench: {n} casussen op de agenda"
FIXED_SIZES = (20, 2)
EXTRA_ITEMS_ON_RICH_CASE = 50


def coordinator(municipality: int = BIG):
    from samenspel.accounts.models import User

    return User.objects.get(email=f"dossierhouder-{municipality}@bench.example")


def teacher(municipality: int = BIG):
    from samenspel.accounts.models import User

    return User.objects.get(email=f"docent-{municipality}@bench.example")


def chair(municipality: int = BIG):
    from samenspel.accounts.models import User

    return User.objects.get(email=f"voorzitter-{municipality}@bench.example")


def fixed_meeting(size: int):
    from samenspel.meetings.models import Meeting

    return Meeting.objects.get(location=FIXED_MEETING_LOCATION.format(n=size))


def _teacher_cases(municipality: int = BIG):
    """Open cases of the municipality with the teacher's school (the Lyceum) on the team."""
    from samenspel.cases.models import Case

    school = teacher(municipality).organisation
    return (
        Case.objects.open().filter(team_members__organisation=school, municipality=school.municipality).order_by("pk")
    )


def plain_case(municipality: int = BIG):
    """A case with the dataset's usual ten information items."""
    return _teacher_cases(municipality).first()


def rich_case():
    """A case of Benchstad with EXTRA_ITEMS_ON_RICH_CASE more information items."""
    return _teacher_cases()[1]


def build_fixed_meetings() -> None:
    """Two held case conferences in Benchstad, with 20 and with 2 of the teacher's cases on
    the agenda, each item with minutes, a decision, two actions and a disclosure to youth work;
    the coordinator, the chair and the teacher have confirmed confidentiality. And the rich
    case's extra information items."""
    from samenspel.cases.models import InformationItem
    from samenspel.meetings.models import (
        Action,
        AgendaItem,
        ConfidentialityConfirmation,
        DisclosureDecision,
        Meeting,
        MeetingDecision,
        MeetingInvitation,
        Minutes,
    )
    from samenspel.sharing.models import InformationCategory

    chair_, coordinator_, teacher_ = chair(), coordinator(), teacher()
    gemeente, school = coordinator_.organisation, teacher_.organisation
    municipality = gemeente.municipality
    youth = municipality.organisations.get(type="jongerenwerk")
    police = school.region.organisations.get(type="politie")
    starts = timezone.now() - datetime.timedelta(days=1)
    cases = list(_teacher_cases()[2 : 2 + max(FIXED_SIZES)])
    category = InformationCategory.objects.get(code="family")
    for size in FIXED_SIZES:
        meeting = Meeting.objects.create(
            municipality=municipality,
            starts_at=starts,
            location=FIXED_MEETING_LOCATION.format(n=size),
            chair=chair_,
            status="held",
            created_by=coordinator_,
        )
        MeetingInvitation.objects.bulk_create(
            MeetingInvitation(meeting=meeting, organisation=org, invited_by=coordinator_)
            for org in (gemeente, school, police, youth)
        )
        ConfidentialityConfirmation.objects.bulk_create(
            ConfidentialityConfirmation(meeting=meeting, user=user, organisation=user.organisation)
            for user in (chair_, coordinator_, teacher_)
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, case=case, kind="review", order=n + 1, added_by=coordinator_)
            for n, case in enumerate(cases[:size])
        )
        Minutes.objects.bulk_create(
            Minutes(item=item, text=f"Verslag van agendapunt {item.order}: voortgang besproken.", updated_by=chair_)
            for item in items
        )
        MeetingDecision.objects.bulk_create(
            MeetingDecision(item=item, text="Plan van aanpak voortzetten.", decided_by=chair_) for item in items
        )
        Action.objects.bulk_create(
            Action(
                item=item,
                description=f"Actie {n} bij agendapunt {item.order}.",
                owner_organisation=owner,
                owner_person=teacher_ if owner == school else None,
                due_date=timezone.localdate() + datetime.timedelta(days=14),
                created_by=chair_,
            )
            for item in items
            for n, owner in enumerate((school, youth))
        )
        DisclosureDecision.objects.bulk_create(
            DisclosureDecision(
                item=item, organisation=youth, category=category, reason="Nodig voor de actie.", decided_by=chair_
            )
            for item in items
        )
    case = rich_case()
    InformationItem.objects.bulk_create(
        InformationItem(
            case=case,
            category=InformationCategory.objects.get(code="education"),
            source_organisation=school,
            date=timezone.localdate(),
            text=f"Extra waarneming {n}.",
            recorded_by=teacher_,
        )
        for n in range(EXTRA_ITEMS_ON_RICH_CASE)
    )
