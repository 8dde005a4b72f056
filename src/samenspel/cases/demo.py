"""Demo plans of approach, reviews, closures and a transfer, for `manage.py load_demo` (demo
mode only), on the cases samenspel.intake.demo made. Invented, like everything in the demo.

Everything goes through cases.services, acted by the demo users, and is audited. As in
intake.demo, the demo only moves *when* things happened (`Demo.at`), and for what the
services date "today" or insist lies after today it sets the intended past date afterwards:
an intervention's end date, the review dates of reviews held long ago, the aftercare dates
of a closure whose aftercare has ended, and one review that is overdue.

What it adds (Voorbeeldstad's coordinator directs every case):

- Ilyas (plan of approach): a plan with two goals, mentoring by youth work running, family
  support by the social team planned, youth care stopped; his review is overdue;
- Sanne (execution, returnee): a plan with the exit programme running, family support by the
  Landelijk Steunpunt Extremisme completed, municipal family support stopped; reviews every
  few weeks, as the returnee norm asks;
- Bas (aftercare): a completed plan and reviews, closed with aftercare 60 days ago ("risk
  reduced"), aftercare running for four more months;
- Ayaan (closed): school measures and BOUNCE resilience training completed, closed with
  aftercare, the aftercare ended 20 days ago;
- a transfer: Dorpsveen's coordinator asks Voorbeeldstad to take over Mila's case, as her
  family moves there; Voorbeeldstad's coordinator can accept or decline it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.cases import services
from samenspel.cases.identity import Gender
from samenspel.cases.models import (
    Case,
    CaseClosure,
    CaseReview,
    ClosureReason,
    GoalOutcome,
    Intervention,
    InterventionType,
    Plan,
    Trend,
)
from samenspel.cases.workflow import InterventionStatus

COORDINATOR = "dossierhouder@voorbeeldstad.test"
DORPSVEEN_COORDINATOR = "dossierhouder@dorpsveen.test"
YOUTH_WORKER = "jongerenwerker@jongerenwerk.test"
TEACHER = "docent@school.test"


def load(d) -> None:
    """Runs inside intake.demo.load (one transaction, once): `d` is its intake.demo.Demo."""
    coordinator = d.user(COORDINATOR)
    stad = d.municipalities["Voorbeeldstad"]
    by_name = {
        case.subject.given_names: case
        for case in Case.objects.filter(municipality=stad, coordinator=coordinator).select_related("subject")
    }
    _ilyas(d, by_name["Ilyas"])
    _sanne(d, by_name["Sanne"])
    _bas(d, by_name["Bas"])
    _ayaan(d, by_name["Ayaan"])
    _transfer(d)


# Building blocks -------------------------------------------------------------------------------


def _future(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _plan(d, case: Case, days: int, summary: str, *goals: str) -> tuple[Plan, list]:
    coordinator = d.user(COORDINATOR)
    with d.at(days, 2):
        plan = services.create_plan(coordinator, case, summary=summary)
        made = [services.add_goal(coordinator, plan, text=text) for text in goals]
    return plan, made


def _intervention(d, plan: Plan, days: int, code: str, organisation: str, start: int, end: int, **kwargs):
    """An intervention of the catalogue's `code`, planned `days` ago, for the organisation of
    the demo's `organisation` key, from `start` to `end` days from today (negative: past)."""
    with d.at(days, 1):
        return services.add_intervention(
            d.user(COORDINATOR),
            plan,
            intervention_type=InterventionType.objects.get(code=code),
            responsible_organisation=d.organisations[organisation],
            start_date=_future(start),
            planned_end_date=_future(end),
            **kwargs,
        )


def _status(d, actor: User, intervention: Intervention, days: int, status: str, **kwargs) -> None:
    with d.at(days, 1):
        services.change_intervention_status(actor, intervention, status, **kwargs)
    if status in (InterventionStatus.COMPLETED, InterventionStatus.STOPPED):
        Intervention.objects.filter(pk=intervention.pk).update(ended_on=d.day(days))


def _review(d, case: Case, days: int, trend: str, reason: str, next_in: int) -> None:
    """A review held `days` ago; the next one `next_in` days after it (set afterwards when that
    lies in the past, since the service plans the next review after today)."""
    with d.at(days, 1):
        review = services.record_review(
            d.user(COORDINATOR),
            case,
            trend=trend,
            reason=reason,
            review_date=d.day(days),
            next_review_date=_future(max(next_in - days, 1)),
        )
    if next_in <= days:
        CaseReview.objects.filter(pk=review.pk).update(next_review_date=d.day(days - next_in))
        Case.objects.filter(pk=case.pk).update(next_review_date=d.day(days - next_in))


# The cases ---------------------------------------------------------------------------------------


def _ilyas(d, case: Case) -> None:
    youth_worker = d.user(YOUTH_WORKER)
    plan, (daytime, family) = _plan(
        d,
        case,
        29,
        "Ilyas weer een doel geven buiten het scherm, en het gezin steunen in het gesprek met hem.",
        "Ilyas heeft een vaste dagbesteding en contact met leeftijdgenoten buiten internet.",
        "Ouders weten hoe ze het gesprek over zijn ideeën met hem kunnen voeren.",
    )
    mentoring = _intervention(d, plan, 28, "mentoring", "jongerenwerk", -20, 160, goal=daytime)
    _status(d, youth_worker, mentoring, 20, InterventionStatus.RUNNING, reason="Eerste afspraak gehad: boksschool.")
    _intervention(d, plan, 28, "family_support", "wijkteam", 7, 120, goal=family)
    care = _intervention(d, plan, 28, "youth_care", "jeugdhulp", -14, 90, goal=family)
    _status(
        d,
        d.user(COORDINATOR),
        care,
        10,
        InterventionStatus.STOPPED,
        outcome=GoalOutcome.NOT_REACHED,
        outcome_text="Ouders kiezen voor de gezinsondersteuning van het wijkteam; jeugdhulp is niet meer nodig.",
        reason="Dubbel met de gezinsondersteuning.",
    )
    # The review planned three days ago has not been held: the follow-up overview shows it.
    Case.objects.filter(pk=case.pk).update(next_review_date=d.day(3))


def _sanne(d, case: Case) -> None:
    coordinator = d.user(COORDINATOR)
    plan, (reintegration, children) = _plan(
        d,
        case,
        140,
        "Re-integratie na detentie voorbereiden en de band met de kinderen veilig herstellen.",
        "Sanne neemt deel aan het exitprogramma en heeft bij vrijlating woonruimte en dagbesteding.",
        "De kinderen groeien veilig op en het contact met hun moeder verloopt begeleid.",
    )
    exit_programme = _intervention(d, plan, 139, "exit_programme", "reclassering", -120, 240, goal=reintegration)
    _status(d, coordinator, exit_programme, 120, InterventionStatus.RUNNING)
    steunpunt = _intervention(d, plan, 139, "lse_family_support", "gemeente", -130, -40, goal=children)
    _status(d, coordinator, steunpunt, 130, InterventionStatus.RUNNING)
    _status(
        d,
        coordinator,
        steunpunt,
        40,
        InterventionStatus.COMPLETED,
        outcome=GoalOutcome.FULLY_REACHED,
        outcome_text="Grootmoeder en de kinderen zijn begeleid; het bezoek in de inrichting verloopt goed.",
    )
    support = _intervention(d, plan, 139, "family_support", "gemeente", -130, 60, goal=children)
    _status(d, coordinator, support, 130, InterventionStatus.RUNNING)
    _status(
        d,
        coordinator,
        support,
        90,
        InterventionStatus.STOPPED,
        outcome=GoalOutcome.PARTLY_REACHED,
        outcome_text="Opvoedondersteuning loopt nu via de Raad voor de Kinderbescherming; hier gestopt.",
        reason="Overgenomen door de Raad.",
    )
    _review(d, case, 130, Trend.UNCHANGED, "Detentie loopt; behandeling gestart, nog geen zicht op vrijlating.", 40)
    _review(d, case, 90, Trend.BETTER, "Neemt actief deel aan het exitprogramma en de traumabehandeling.", 40)
    _review(d, case, 50, Trend.BETTER, "Bezoek van de kinderen verloopt goed; reclassering positief.", 40)
    _review(d, case, 10, Trend.UNCHANGED, "Stabiel; datum van vrijlating nog onbekend.", 38)


def _bas(d, case: Case) -> None:
    coordinator = d.user(COORDINATOR)
    plan, (basis,) = _plan(
        d,
        case,
        299,
        "Een stabiele basis bij vrijlating: woning, werk en een netwerk buiten de oude groep.",
        "Bas heeft bij vrijlating een woning, werk en contacten buiten zijn oude groep.",
    )
    exit_programme = _intervention(d, plan, 298, "exit_programme", "reclassering", -290, -70, goal=basis)
    _status(d, coordinator, exit_programme, 290, InterventionStatus.RUNNING)
    _status(
        d,
        coordinator,
        exit_programme,
        70,
        InterventionStatus.COMPLETED,
        outcome=GoalOutcome.FULLY_REACHED,
        outcome_text="Afstand genomen van de groep; houdt zich aan de bijzondere voorwaarden.",
    )
    mentoring = _intervention(d, plan, 298, "mentoring", "wijkteam", -130, -65, goal=basis)
    _status(d, coordinator, mentoring, 125, InterventionStatus.RUNNING)
    _status(
        d,
        coordinator,
        mentoring,
        65,
        InterventionStatus.COMPLETED,
        outcome=GoalOutcome.PARTLY_REACHED,
        outcome_text="Werk en woning geregeld; het nieuwe netwerk is nog klein.",
    )
    _review(d, case, 200, Trend.UNCHANGED, "Detentie; voorbereiding op vrijlating loopt.", 90)
    _review(d, case, 110, Trend.BETTER, "Vrijgelaten met woning en werk; meldplicht nageleefd.", 45)
    _review(d, case, 65, Trend.BETTER, "Stabiel: werk, woning, voetbalvereniging.", 30)
    with d.at(60, 1):
        services.close_case(
            coordinator,
            case,
            reason=ClosureReason.RISK_REDUCED,
            outcome="Zorgen afgenomen: stabiele woon- en werksituatie, afstand van de oude groep.",
            aftercare_until=_future(120),
            aftercare_review_date=_future(14),
        )


def _ayaan(d, case: Case) -> None:
    coordinator, teacher, youth_worker = d.user(COORDINATOR), d.user(TEACHER), d.user(YOUTH_WORKER)
    plan, (school, resilience) = _plan(
        d,
        case,
        279,
        "Veilig op school en weerbaar tegen de verhalen die hij online tegenkomt.",
        "Ayaan gaat elke dag naar school en voelt zich er veilig.",
        "Ayaan herkent en weerlegt complotverhalen.",
    )
    measures = _intervention(d, plan, 278, "school_measures", "school", -275, -160, goal=school)
    _status(d, teacher, measures, 275, InterventionStatus.RUNNING)
    _status(
        d,
        teacher,
        measures,
        160,
        InterventionStatus.COMPLETED,
        outcome=GoalOutcome.FULLY_REACHED,
        outcome_text="Geen verzuim meer sinds drie maanden; vaste mentor op school.",
    )
    bounce = _intervention(d, plan, 278, "resilience_training", "jongerenwerk", -260, -155, goal=resilience)
    _status(d, youth_worker, bounce, 260, InterventionStatus.RUNNING)
    _status(
        d,
        youth_worker,
        bounce,
        155,
        InterventionStatus.COMPLETED,
        outcome=GoalOutcome.FULLY_REACHED,
        outcome_text="Alle bijeenkomsten gevolgd; bespreekt filmpjes nu kritisch met de groep.",
    )
    _review(d, case, 220, Trend.BETTER, "Verzuim afgenomen, positief over de training.", 60)
    _review(d, case, 160, Trend.BETTER, "Doelen bijna bereikt; nazorg voorbereiden.", 10)
    with d.at(150, 1):
        closure = services.close_case(
            coordinator,
            case,
            reason=ClosureReason.RISK_REDUCED,
            outcome="Doelen bereikt: geen zorgen meer over uitingen, schoolgang stabiel.",
            aftercare_until=_future(1),
            aftercare_review_date=_future(1),
        )
    with d.at(20, 1):
        services.end_aftercare(coordinator, case, note="Nazorg afgerond: stabiel, geen nieuwe signalen.")
    CaseClosure.objects.filter(pk=closure.pk).update(aftercare_until=d.day(20), aftercare_review_date=d.day(60))


def _transfer(d) -> None:
    """Dorpsveen's coordinator asks Voorbeeldstad to take over; it waits for an answer."""
    dorpsveen = d.user(DORPSVEEN_COORDINATOR)
    with d.at(12, 2):
        mila = services.open_case(
            dorpsveen,
            municipality=d.municipalities["Dorpsveen"],
            identity={
                "given_names": "Mila",
                "family_name": "de Graaf",
                "date_of_birth": d.born(17, 150),
                "gender": Gender.FEMALE,
                "address": "Veenweg, Dorpsveen",
            },
            is_minor=True,
        )
    with d.at(11, 2):
        services.add_team_member(dorpsveen, mila, d.organisations["jeugdhulp"], is_lead=True)
        services.add_team_member(dorpsveen, mila, d.organisations["politie"])
    with d.at(9, 2):
        services.add_information_item(
            dorpsveen,
            mila,
            category=d.cat("care_and_welfare"),
            text="Jeugdhulp De Horizon begeleidt Mila sinds de zomer; het contact is goed.",
            date=d.day(9),
            source_organisation=d.organisations["jeugdhulp"],
        )
    with d.at(2, 3):
        services.request_transfer(
            dorpsveen,
            mila,
            to_municipality=d.municipalities["Voorbeeldstad"],
            reason="Het gezin verhuist volgende maand naar Voorbeeldstad; Mila gaat daar naar het ROC.",
        )
