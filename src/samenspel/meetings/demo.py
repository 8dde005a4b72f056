"""Demo case conferences for `manage.py load_demo` (demo mode only), about the cases that
samenspel.intake.demo and samenspel.cases.demo made. Invented, like everything in the demo.

Everything goes through meetings.services, acted by the demo users, and is audited. As in
intake.demo, the demo moves *when* things happened (`Demo.at`); the services give an action a
due date from today on, so the demo sets the past due date of the overdue action afterwards.

Three meetings in Voorbeeldstad, planned by its coordinator, chaired by the Zorg- en
Veiligheidshuis's chair (voorzitter@zvh.test):

- six weeks ago, held: Ilyas (new) and Sanne (review), with minutes, decisions, actions (done,
  cancelled, open) and a disclosure to youth care of Sanne's care information;
- two weeks ago, held: Ĳsbrand (new) and Ilyas (review). The chair shares Ĳsbrand's
  identification with youth work, which is invited but not on his team: the youth worker sees
  his name and the action for youth work (on the start page too), never the police's
  information or the minutes. The school's action is overdue;
- in six days, planned: Yusuf (new), Ĳsbrand and Sanne (review). Nobody has confirmed the
  confidentiality statement yet, so every attendee sees the confirmation first.

Who confirmed at the past meetings: the chair, the coordinator and the demo partners invited.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspel.cases.models import Case
from samenspel.meetings import services
from samenspel.meetings.models import Action, AgendaItemKind, Meeting
from samenspel.meetings.workflow import MeetingStatus

COORDINATOR = "dossierhouder@voorbeeldstad.test"
CHAIR = "voorzitter@zvh.test"
TEACHER = "docent@school.test"
POLICE_OFFICER = "wijkagent@politie.test"
YOUTH_WORKER = "jongerenwerker@jongerenwerk.test"


def load(d) -> None:
    """Runs inside intake.demo.load (one transaction, once): `d` is its intake.demo.Demo."""
    stad = d.municipalities["Voorbeeldstad"]
    cases = {
        case.subject.given_names: case for case in Case.objects.filter(municipality=stad).select_related("subject")
    }
    _six_weeks_ago(d, cases)
    _two_weeks_ago(d, cases)
    _next_week(d, cases)


# Building blocks -------------------------------------------------------------------------------


def _meeting(d, days: int, hour: int, invited: tuple[str, ...], location: str) -> Meeting:
    """A meeting `days` ago (negative: ahead) at `hour`, planned two weeks before it (or today,
    for one ahead), with the organisations of the demo keys invited."""
    starts_at = timezone.localtime(d.base).replace(hour=hour, minute=0, second=0, microsecond=0)
    starts_at -= datetime.timedelta(days=days)
    coordinator = d.user(COORDINATOR)
    with d.at(max(days + 14, 0), 2):
        meeting = services.create_meeting(
            coordinator,
            municipality=d.municipalities["Voorbeeldstad"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            location=location,
            chair=d.user(CHAIR),
        )
        for key in invited:
            services.invite(coordinator, meeting, d.organisations[key])
    return meeting


def _agenda(d, meeting: Meeting, days: int, *entries: tuple[Case, str]) -> list:
    coordinator = d.user(COORDINATOR)
    with d.at(max(days + 7, 0), 2):
        return [services.add_agenda_item(coordinator, meeting, case, kind=kind) for case, kind in entries]


def _confirm(d, meeting: Meeting, days: int, *emails: str) -> None:
    with d.at(days, 1):
        for email in emails:
            services.confirm_confidentiality(d.user(email), meeting)


def _record(d, item, days: int, minutes: str, *decisions: str) -> None:
    chair = d.user(CHAIR)
    with d.at(days):
        services.write_minutes(chair, item, text=minutes)
        for text in decisions:
            services.record_decision(chair, item, text=text)


def _action(d, item, days: int, description: str, owner: str, due_in: int, person: str | None = None) -> Action:
    """An action made at the meeting `days` ago, due `due_in` days from today (negative:
    overdue, its due date set afterwards)."""
    with d.at(days):
        action = services.create_action(
            d.user(CHAIR),
            item,
            description=description,
            owner_organisation=d.organisations[owner],
            owner_person=d.user(person) if person else None,
            due_date=timezone.localdate() + datetime.timedelta(days=max(due_in, 0)),
        )
    if due_in < 0:
        Action.objects.filter(pk=action.pk).update(due_date=d.day(-due_in))
    return action


def _held(d, meeting: Meeting, days: int) -> None:
    with d.at(days):
        services.change_meeting_status(d.user(CHAIR), meeting, MeetingStatus.HELD)


# The meetings ------------------------------------------------------------------------------------


def _six_weeks_ago(d, cases: dict[str, Case]) -> None:
    days = 42
    meeting = _meeting(
        d,
        days,
        14,
        ("jongerenwerk", "jeugdhulp", "wijkteam", "politie", "reclassering", "ggz", "rvdk"),
        "Zorg- en Veiligheidshuis Voorbeeld, zaal 2",
    )
    ilyas, sanne = _agenda(
        d, meeting, days, (cases["Ilyas"], AgendaItemKind.NEW), (cases["Sanne"], AgendaItemKind.REVIEW)
    )
    _confirm(d, meeting, days, CHAIR, COORDINATOR, POLICE_OFFICER, YOUTH_WORKER)
    _record(
        d,
        ilyas,
        days,
        "Jongerenwerk en jeugdhulp kennen het gezin. Ilyas zit veel online en heeft weinig contact met "
        "leeftijdgenoten. Ouders staan open voor steun.\nGezamenlijke duiding: zorgelijk, geen acuut gevaar.",
        "Ilyas wordt casus in de persoonsgerichte aanpak; de dossierhouder stelt een plan van aanpak op.",
    )
    mentor = _action(d, ilyas, days, "Mentortraject bij het jongerenwerk starten.", "jongerenwerk", 0, YOUTH_WORKER)
    intake = _action(d, ilyas, days, "Intakegesprek jeugdhulp met ouders plannen.", "jeugdhulp", 0)
    with d.at(21):
        services.complete_action(d.user(YOUTH_WORKER), mentor)
    with d.at(10):
        services.cancel_action(d.user(COORDINATOR), intake, reason="Ouders kozen voor de steun van het wijkteam.")
    _record(
        d,
        sanne,
        days,
        "Detentie loopt. Reclassering brengt binnenkort het voorlichtingsrapport uit; GGZ meldt dat de "
        "traumabehandeling goed loopt. De kinderen wonen bij grootmoeder.",
        "Sanne blijft elke zes weken op de agenda (terugkeerder).",
    )
    with d.at(days):
        services.share_for_item(
            d.user(CHAIR),
            sanne,
            d.organisations["jeugdhulp"],
            d.cat("care_and_welfare"),
            "Jeugdhulp begeleidt de kinderen bij grootmoeder; afstemming over het bezoek is nodig.",
        )
    report = _action(d, sanne, days, "Voorlichtingsrapport delen met het casusteam.", "reclassering", 0)
    with d.at(30):
        services.complete_action(d.user(COORDINATOR), report)
    _action(d, sanne, days, "Bezoekregeling met grootmoeder en de inrichting afstemmen.", "rvdk", 21)
    _held(d, meeting, days)


def _two_weeks_ago(d, cases: dict[str, Case]) -> None:
    days = 14
    meeting = _meeting(
        d,
        days,
        10,
        ("school", "politie", "jongerenwerk", "jeugdhulp", "wijkteam"),
        "Stadhuis Voorbeeldstad, kamer 1.12",
    )
    ijsbrand, ilyas = _agenda(
        d, meeting, days, (cases["Ĳsbrand"], AgendaItemKind.NEW), (cases["Ilyas"], AgendaItemKind.REVIEW)
    )
    _confirm(d, meeting, days, CHAIR, COORDINATOR, TEACHER, POLICE_OFFICER, YOUTH_WORKER)
    _record(
        d,
        ijsbrand,
        days,
        "School ziet een jongen die zich terugtrekt en steeds feller wordt in de klas. Politie en school "
        "delen hun informatie binnen het convenant. Thuis is er spanning; moeder wil meewerken.",
        "Ĳsbrand wordt besproken als nieuwe casus; school en politie vormen het casusteam, de school is aanspreekpunt.",
        "Jongerenwerk benadert Ĳsbrand voor het inloopuur; daarvoor deelt de voorzitter zijn naam.",
    )
    with d.at(days):
        services.share_for_item(
            d.user(CHAIR),
            ijsbrand,
            d.organisations["jongerenwerk"],
            d.cat("identification"),
            "Jongerenwerk moet Ĳsbrand kunnen benaderen voor het inloopuur.",
        )
    _action(d, ijsbrand, days, "Ĳsbrand uitnodigen voor het inloopuur van het jongerenwerk.", "jongerenwerk", 10)
    _action(d, ijsbrand, days, "Verzuimoverzicht van dit schooljaar delen.", "school", -4, TEACHER)
    talk = _action(d, ijsbrand, days, "Gesprek van de wijkagent met moeder.", "politie", 0, POLICE_OFFICER)
    with d.at(8):
        services.complete_action(d.user(POLICE_OFFICER), talk)
    _record(
        d,
        ilyas,
        days,
        "Mentortraject loopt: eerste afspraken bij de boksschool. Ouders willen gezinsondersteuning.",
        "Gezinsondersteuning door het wijkteam in het plan van aanpak opnemen.",
    )
    _action(d, ilyas, days, "Gezinsondersteuning starten.", "wijkteam", 7)
    _held(d, meeting, days)


def _next_week(d, cases: dict[str, Case]) -> None:
    meeting = _meeting(
        d,
        -6,
        10,
        ("school", "politie", "jongerenwerk", "jeugdhulp", "wijkteam", "reclassering"),
        "Zorg- en Veiligheidshuis Voorbeeld, zaal 2",
    )
    _agenda(
        d,
        meeting,
        -6,
        (cases["Yusuf"], AgendaItemKind.NEW),
        (cases["Ĳsbrand"], AgendaItemKind.REVIEW),
        (cases["Sanne"], AgendaItemKind.REVIEW),
    )
