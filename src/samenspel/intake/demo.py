"""Demo signals and cases for `manage.py load_demo` (demo mode only).

Everything here is invented: the persons, their stories and the information about them.
No case work is written directly: every signal, decision, request, answer, case, team
member, information item and assessment goes through the domain services (intake.services,
cases.services), acted by the demo users, so the records are valid, follow the workflow
tables and are audited. The only thing the demo adjusts afterwards is *when* things happened:
the services stamp "now", and an inbox needs signals that arrived days ago (some overdue for a
first assessment, some not yet due), so each step's timestamps are moved to a date relative
to today (see `Demo.at`). Audit entries keep the moment they were really written.

The result, per demo user (Voorbeeldstad's coordinator directs every case):

- dossierhouder: an inbox with new and in-triage signals (overdue and not yet due, one from a
  citizen), one monitored, decided signals in every outcome, and six cases, one per phase;
- docent (Het Voorbeeld College): the signals she reported (one about a pupil living in
  Dorpsveen), a request she answered and one still to answer, and the two cases the school is
  on, without the police's information;
- wijkagent (police, regional): his reports, an open request and two answered ones, and the
  three cases the police are on;
- jongerenwerker: his reports and the three cases youth work is on;
- voorzitter (Zorg- en Veiligheidshuis): the two cases the hub is on;
- kabinet, privacy officer, functioneel beheerder, analist: no signal and no case.

Signals about residents of Dorpsveen and Meerwijk reach those municipalities: Voorbeeldstad's
coordinator does not see them; Dorpsveen's coordinator (dossierhouder@dorpsveen.test) has the
Dorpsveen ones in his inbox. Meerwijk has no coordinator in the demo.

samenspel.cases.demo then adds plans, reviews, the closures of Bas (aftercare) and Ayaan
(closed) and a transfer from Dorpsveen; samenspel.meetings.demo the case conferences. Both run
from `load` below, in the same transaction and only together with it.

The municipalities' public contact points (for the citizens' page) are filled where blank.

Idempotent: when the first demo signal exists, nothing is loaded again; a failure rolls back
the whole load_demo run (one transaction).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from samenspel.accounts.management.commands.load_demo import ORGANISATIONS, REGION, USERS
from samenspel.accounts.models import Municipality, Organisation, User
from samenspel.cases import services as cases
from samenspel.cases.identity import Gender
from samenspel.cases.models import (
    Case,
    CaseClosure,
    CasePhaseChange,
    CaseReview,
    CaseTeamMember,
    CaseTransfer,
    DetentionStatus,
    Goal,
    IdeologyContext,
    InformationItem,
    Intervention,
    InterventionStatusChange,
    LifeDomain,
    LifeDomainAssessment,
    Plan,
    RelatedPerson,
    Relation,
    Subject,
)
from samenspel.cases.workflow import Phase
from samenspel.intake import services as intake
from samenspel.intake.deadlines import triage_deadline_for
from samenspel.intake.models import (
    AssessmentNote,
    DecisionOutcome,
    InformationRequest,
    Signal,
    SignalTransition,
    TriageDecision,
    Urgency,
)
from samenspel.meetings.models import (
    Action,
    ActionStatusChange,
    AgendaItem,
    ConfidentialityConfirmation,
    DisclosureDecision,
    Meeting,
    MeetingDecision,
    MeetingInvitation,
    MeetingStatusChange,
    Minutes,
    MinutesRevision,
)
from samenspel.sharing.models import ConcernCategory, InformationCategory

COORDINATOR = "dossierhouder@voorbeeldstad.test"
TEACHER = "docent@school.test"
POLICE_OFFICER = "wijkagent@politie.test"
YOUTH_WORKER = "jongerenwerker@jongerenwerk.test"

# The first signal the demo reports: when it exists, the demo's signals and cases are loaded.
MARKER_OBSERVATION = (
    "Daan zegt sinds een paar weken in de klas dat 'de elite' het land bewust kapotmaakt en dat je je "
    "daartegen moet verzetten. Hij laat medeleerlingen filmpjes zien van een buitenlandse beweging die "
    "tot verzet oproept. Zijn cijfers zakken en hij is vaker afwezig."
)

# Every timestamp the services stamp with "now", per model: moved to the step's moment.
_TIMESTAMPS: dict[type[models.Model], tuple[str, ...]] = {
    Signal: ("received_at",),
    SignalTransition: ("at",),
    AssessmentNote: ("created_at",),
    TriageDecision: ("decided_at",),
    InformationRequest: ("requested_at", "answered_at"),
    Subject: ("created_at",),
    Case: ("opened_at", "closed_at"),
    CasePhaseChange: ("changed_at",),
    CaseTeamMember: ("added_at",),
    InformationItem: ("recorded_at",),
    RelatedPerson: ("created_at",),
    LifeDomainAssessment: ("recorded_at",),
    Plan: ("created_at", "superseded_at"),
    Goal: ("created_at",),
    Intervention: ("created_at",),
    InterventionStatusChange: ("changed_at",),
    CaseReview: ("recorded_at",),
    CaseClosure: ("decided_at", "closed_at"),
    CaseTransfer: ("requested_at", "decided_at"),
    Meeting: ("created_at",),
    MeetingStatusChange: ("changed_at",),
    MeetingInvitation: ("invited_at",),
    ConfidentialityConfirmation: ("confirmed_at",),
    AgendaItem: ("added_at",),
    Minutes: ("updated_at",),
    MinutesRevision: ("written_at",),
    MeetingDecision: ("recorded_at",),
    DisclosureDecision: ("decided_at",),
    Action: ("created_at", "closed_at"),
    ActionStatusChange: ("changed_at",),
}
_COUNTED = tuple(_TIMESTAMPS)

# Public contact points for citizens, filled where accounts.Municipality has these fields and
# they are blank (an edit by the application manager is never overwritten). Invented numbers.
CONTACT_POINTS: dict[str, dict[str, str]] = {
    "Voorbeeldstad": {
        "contact_name": "Meldpunt Zorg en Veiligheid, Gemeente Voorbeeldstad",
        "contact_phone": "0123 000 001 (demo)",
        "contact_email": "zorgmelding@voorbeeldstad.test",
        "contact_hours": "Maandag tot en met vrijdag, 9.00 tot 17.00 uur",
    },
    "Dorpsveen": {
        "contact_name": "Team Openbare Orde en Veiligheid, Gemeente Dorpsveen",
        "contact_phone": "0123 000 002 (demo)",
        "contact_email": "zorgmelding@dorpsveen.test",
        "contact_hours": "Maandag tot en met donderdag, 8.30 tot 16.30 uur",
    },
    "Meerwijk": {
        "contact_name": "Meldpunt Veiligheid, Gemeente Meerwijk",
        "contact_phone": "0123 000 003 (demo)",
        "contact_email": "veiligheid@meerwijk.test",
        "contact_hours": "Werkdagen, 9.00 tot 16.00 uur",
    },
}


def load(stdout) -> int:
    """Load the demo's signals and cases, unless they are there already. Returns the number of
    records created (0 on a second run). Runs inside load_demo's transaction and audit
    context; every service call names its demo user as the actor."""
    changes = _fill_contact_points()
    teacher = User.objects.filter(email=TEACHER).first()
    if teacher is None or Signal.objects.filter(reporter=teacher, observation=MARKER_OBSERVATION).exists():
        return changes
    before = {model: model.objects.count() for model in _COUNTED}
    demo = Demo.build()
    _signals(demo)
    _cases(demo)
    # Plans, reviews, closures and the transfer; then the case conferences about these cases.
    from samenspel.cases import demo as followup_demo
    from samenspel.meetings import demo as meetings_demo

    followup_demo.load(demo)
    meetings_demo.load(demo)
    from samenspel.restricted import demo as restricted_demo

    restricted_demo.load(demo)  # an ambtsbericht for the mayor's office, shown to the coordinator
    created = {model: model.objects.count() - before[model] for model in _COUNTED}
    stdout.write(
        f"Demo signals and cases: {created[Signal]} signals, {created[Case]} cases, "
        f"{created[InformationItem]} information items, {created[Plan]} plans, "
        f"{created[Intervention]} interventions, {created[Meeting]} meetings, {created[Action]} actions."
    )
    return changes + sum(created.values())


def _fill_contact_points() -> int:
    """Fill the blank public contact fields of the demo municipalities (those fields the model
    has: they arrive with the citizens' public page)."""
    existing = {f.name for f in Municipality._meta.get_fields()}
    changed = 0
    for municipality in Municipality.objects.filter(name__in=CONTACT_POINTS, region__name=REGION):
        values = CONTACT_POINTS[municipality.name]
        blank = [name for name in values if name in existing and not getattr(municipality, name)]
        if not blank:
            continue
        for name in blank:
            setattr(municipality, name, values[name])
        municipality.full_clean()
        municipality.save(update_fields=blank)
        changed += 1
    return changed


# The demo's world -------------------------------------------------------------------------


@dataclass
class Demo:
    users: dict[str, User]
    organisations: dict[str, Organisation]
    municipalities: dict[str, Municipality]
    concerns: dict[str, ConcernCategory]
    categories: dict[str, InformationCategory]
    # An hour before the load started: every moment the demo sets lies before any real write.
    base: datetime.datetime = field(default_factory=lambda: timezone.now() - datetime.timedelta(hours=1))

    @classmethod
    def build(cls) -> Demo:
        names = {org.key: org.name for org in ORGANISATIONS}
        organisations = {
            org.name: org for org in Organisation.objects.filter(region__name=REGION, name__in=names.values())
        }
        emails = [user.email for user in USERS]
        return cls(
            users={user.email: user for user in User.objects.filter(email__in=emails)},
            organisations={key: organisations[name] for key, name in names.items()},
            municipalities={m.name: m for m in Municipality.objects.filter(region__name=REGION)},
            concerns={c.code: c for c in ConcernCategory.objects.all()},
            categories={c.code: c for c in InformationCategory.objects.all()},
        )

    def user(self, email: str) -> User:
        # A fresh instance per call: capability lookups are not cached across actors.
        return User.objects.get(pk=self.users[email].pk)

    def ago(self, days: int, hours: int = 0) -> datetime.datetime:
        return self.base - datetime.timedelta(days=days, hours=hours)

    def day(self, days: int) -> datetime.date:
        return timezone.localdate(self.ago(days))

    def born(self, age: int, days: int = 100) -> datetime.date:
        """A date of birth that makes the person `age` today (days: 1-364 after the birthday)."""
        today = timezone.localdate()
        try:
            birthday = today.replace(year=today.year - age)
        except ValueError:  # 29 February
            birthday = today.replace(year=today.year - age, day=28)
        return birthday - datetime.timedelta(days=days)

    def concern(self, *codes: str) -> list[ConcernCategory]:
        return [self.concerns[code] for code in codes]

    def cat(self, code: str) -> InformationCategory:
        return self.categories[code]

    @contextlib.contextmanager
    def at(self, days: int, hours: int = 0) -> Iterator[None]:
        """Whatever the services write inside the block happened `days` ago (minus hours)."""
        started = timezone.now()
        yield
        moment = self.ago(days, hours)
        for model, names in _TIMESTAMPS.items():
            for name in names:
                model.objects.filter(**{f"{name}__gte": started}).update(**{name: moment})
        # A signal's deadline for a first assessment follows from when it arrived.
        for signal in Signal.objects.filter(received_at=moment):
            deadline = triage_deadline_for(signal.received_at)
            if signal.triage_deadline != deadline:
                Signal.objects.filter(pk=signal.pk).update(triage_deadline=deadline)


# Signals ----------------------------------------------------------------------------------


def _signals(d: Demo) -> None:
    coordinator, teacher = d.user(COORDINATOR), d.user(TEACHER)
    police, youth_worker = d.user(POLICE_OFFICER), d.user(YOUTH_WORKER)
    stad, dorpsveen, meerwijk = (d.municipalities[name] for name in ("Voorbeeldstad", "Dorpsveen", "Meerwijk"))

    # New, overdue for a first assessment (the marker).
    with d.at(9, 3):
        intake.report_signal(
            teacher,
            observation=MARKER_OBSERVATION,
            concern_categories=d.concern("expressions_and_ideology", "behavioural_change"),
            identity={
                "given_names": "Daan",
                "family_name": "Kuipers",
                "date_of_birth": d.born(15, 40),
                "gender": Gender.MALE,
                "school": "Het Voorbeeld College",
            },
            observed_on=d.day(11),
            reporter_relation="Mentor",
        )

    # New, not yet due.
    with d.at(1, 2):
        intake.report_signal(
            youth_worker,
            observation=(
                "Karim komt al een jaar in het jongerencentrum, maar is de laatste maand stil en zit "
                "vooral op zijn telefoon. Hij zei dat hij 'binnenkort weg is uit dit land' en vroeg een "
                "andere jongere naar goedkope vluchten naar Turkije. Hij wilde er verder niet over praten."
            ),
            concern_categories=d.concern("travel_plans", "social_isolation"),
            identity={"given_names": "Karim", "family_name": "Haddad", "estimated_age": 18, "gender": Gender.MALE},
            observed_on=d.day(2),
            reporter_relation="Jongerenwerker, kent hem uit het jongerencentrum",
            urgency=Urgency.HIGH,
        )

    # New: a citizen's concern from the public form.
    with d.at(2, 5):
        intake.report_citizen_concern(
            municipality=stad,
            observation=(
                "Mijn buurjongen hangt sinds kort vlaggen en teksten voor zijn raam die ik niet ken. "
                "Er komen 's avonds vaak groepjes jongens die ik niet uit de buurt ken. Hij groette altijd, "
                "nu kijkt hij weg. Ik weet niet of dit iets is, maar ik wilde het toch melden."
            ),
            identity={"given_names": "Jesse", "estimated_age": 20, "address": "Lindelaan, Voorbeeldstad"},
            concern_categories=d.concern("behavioural_change"),
            observed_on=d.day(4),
            reporter_relation="Buurvrouw",
            citizen_name="Marianne de Boer",
            citizen_contact="marianne.deboer@voorbeeld.test",
        )

    # In triage, overdue: two notes and an open information request to the police.
    with d.at(10, 4):
        samira = intake.report_signal(
            teacher,
            observation=(
                "Samira heeft in een werkstuk over burgerschap geschreven dat geweld tegen 'ongelovigen' "
                "soms gerechtvaardigd is. Ze draagt sinds kort andere kleding en heeft gezegd dat haar "
                "nieuwe vrienden online haar 'echte familie' zijn. Ze is vriendelijk en haalt goede cijfers."
            ),
            concern_categories=d.concern("expressions_and_ideology", "online_behaviour"),
            identity={
                "given_names": "Samira",
                "family_name": "El Amrani",
                "date_of_birth": d.born(15, 200),
                "gender": Gender.FEMALE,
                "school": "Het Voorbeeld College",
            },
            observed_on=d.day(12),
            reporter_relation="Docent maatschappijleer",
        )
    with d.at(7, 6):
        intake.add_assessment_note(
            coordinator,
            samira,
            text=(
                "Gebeld met de mentor: het werkstuk is besproken met Samira, zij zegt dat ze het 'als "
                "provocatie' schreef. Zorg blijft: de online contacten zijn onbekend. Ouders nog niet benaderd."
            ),
        )
    with d.at(6, 5):
        intake.request_information(
            coordinator,
            samira,
            organisation=d.organisations["politie"],
            categories=[d.cat("police_and_justice"), d.cat("online")],
            question=(
                "Is Samira El Amrani bij u bekend, en zijn er openbare online uitingen bekend van de "
                "groep waarmee zij contact heeft?"
            ),
        )
    with d.at(6, 4):
        intake.add_assessment_note(coordinator, samira, text="Politie gevraagd; wachten op antwoord voor een besluit.")

    # In triage, not yet due: two requests answered (the school with information, the police
    # with nothing to share).
    with d.at(3, 6):
        thijs = intake.report_signal(
            youth_worker,
            observation=(
                "Thijs maakt in de groepsapp van het voetbalteam grappen over aanslagen en stuurt memes "
                "met symbolen die ik herken van extreemrechtse accounts. Teamgenoten vinden het 'gewoon "
                "humor'. Thijs zelf zegt dat hij zich nergens meer thuis voelt."
            ),
            concern_categories=d.concern("online_behaviour", "expressions_and_ideology"),
            identity={
                "given_names": "Thijs",
                "family_name": "Hendriks",
                "date_of_birth": d.born(16, 150),
                "gender": Gender.MALE,
                "school": "Het Voorbeeld College",
            },
            observed_on=d.day(4),
            reporter_relation="Jongerenwerker, begeleidt het voetbalteam",
        )
    with d.at(3, 2):
        to_school = intake.request_information(
            coordinator,
            thijs,
            organisation=d.organisations["school"],
            categories=[d.cat("education")],
            question="Hoe gaat het met Thijs Hendriks op school: aanwezigheid, gedrag, contact met thuis?",
        )
        to_police = intake.request_information(
            coordinator,
            thijs,
            organisation=d.organisations["politie"],
            categories=[d.cat("police_and_justice")],
            question="Is Thijs Hendriks bij de politie bekend?",
        )
    with d.at(2, 1):
        intake.answer_information_request(
            teacher,
            to_school,
            [
                {
                    "category": d.cat("education"),
                    "text": (
                        "Aanwezigheid goed. Sinds de herfstvakantie stiller in de klas, trekt op met twee "
                        "jongens uit een hogere klas. Vader is betrokken en komt naar ouderavonden."
                    ),
                    "date": d.day(2),
                }
            ],
        )
    with d.at(1, 5):
        intake.answer_information_request(police, to_police, [])
    with d.at(1, 4):
        intake.add_assessment_note(
            coordinator,
            thijs,
            text=(
                "School ziet geen grote verandering; politie heeft niets te delen. "
                "Gesprek met de jongerenwerker gepland."
            ),
        )

    # Monitoring, with a review date.
    with d.at(20, 2):
        kevin = intake.report_signal(
            police,
            municipality=stad,
            observation=(
                "Bij een controle in het park had Kevin stickers bij zich van een groep die online "
                "oproept tot 'verzet tegen de overheid'. Geen strafbaar feit. Hij was rustig en zei dat "
                "hij ze 'van een vriend' had."
            ),
            concern_categories=d.concern("expressions_and_ideology"),
            identity={
                "given_names": "Kevin",
                "family_name": "de Groot",
                "date_of_birth": d.born(19, 300),
                "gender": Gender.MALE,
                "address": "Esdoornstraat, Voorbeeldstad",
            },
            observed_on=d.day(21),
            reporter_relation="Wijkagent",
        )
    with d.at(17, 3):
        intake.add_assessment_note(
            coordinator,
            kevin,
            text="Eenmalige waarneming, verder geen signalen bekend bij jongerenwerk. Vinger aan de pols.",
        )
    with d.at(16, 6):
        intake.decide(
            coordinator,
            kevin,
            outcome=DecisionOutcome.MONITOR,
            reason="Eén signaal zonder verdere zorgen; wijkagent houdt contact. Over drie weken opnieuw bekijken.",
            review_date=timezone.localdate() + datetime.timedelta(days=21),
        )

    # Closed: no concern.
    with d.at(30, 4):
        lotte = intake.report_signal(
            teacher,
            observation=(
                "Lotte droeg een shirt met een symbool dat op een runeteken lijkt en tekende het in "
                "haar agenda. Ik weet niet wat het betekent."
            ),
            concern_categories=d.concern("expressions_and_ideology"),
            identity={
                "given_names": "Lotte",
                "family_name": "Jansen",
                "date_of_birth": d.born(14, 60),
                "gender": Gender.FEMALE,
                "school": "Het Voorbeeld College",
            },
            observed_on=d.day(31),
            reporter_relation="Mentor",
            urgency=Urgency.LOW,
        )
    with d.at(28, 5):
        intake.add_assessment_note(
            coordinator,
            lotte,
            text="Symbool nagezocht: het logo van een metalband. Mentor heeft kort met Lotte gesproken.",
        )
    with d.at(28, 4):
        intake.decide(
            coordinator,
            lotte,
            outcome=DecisionOutcome.NO_CONCERN,
            reason="Het symbool is het logo van een band; geen andere signalen. Melder bedankt en geïnformeerd.",
        )

    # Referred to regular care.
    with d.at(25, 3):
        mehmet = intake.report_signal(
            youth_worker,
            observation=(
                "Mehmet is na de scheiding van zijn ouders uit huis gezet en slaapt bij vrienden. Hij is "
                "boos op 'iedereen' en zegt dat niemand hem helpt. Geen ideologische uitspraken gehoord."
            ),
            concern_categories=d.concern("family_and_environment", "social_isolation"),
            identity={
                "given_names": "Mehmet",
                "family_name": "Yılmaz",  # noqa: RUF001 - the Turkish dotless i, as the name is spelled
                "date_of_birth": d.born(17, 250),
                "gender": Gender.MALE,
            },
            observed_on=d.day(26),
            reporter_relation="Jongerenwerker",
        )
    with d.at(22, 2):
        intake.decide(
            coordinator,
            mehmet,
            outcome=DecisionOutcome.REFER,
            reason="Geen zorg over radicalisering; wel dringend hulp nodig bij wonen en gezin.",
            referred_to=d.organisations["wijkteam"],
        )

    # Handed to the police.
    with d.at(12, 5):
        ruben = intake.report_signal(
            youth_worker,
            observation=(
                "Ruben schreef gisteravond in een openbare groep dat hij 'zaterdag bij de moskee aan de "
                "Kerkweg iets gaat regelen' en deelde een foto van een mes. Screenshot bewaard."
            ),
            concern_categories=d.concern("threat_or_violence", "online_behaviour"),
            identity={
                "given_names": "Ruben",
                "family_name": "Vermeulen",
                "date_of_birth": d.born(20, 30),
                "gender": Gender.MALE,
            },
            observed_on=d.day(13),
            reporter_relation="Jongerenwerker, kent hem van straatwerk",
            urgency=Urgency.HIGH,
        )
    with d.at(12, 3):
        intake.decide(
            coordinator,
            ruben,
            outcome=DecisionOutcome.POLICE,
            reason="Concrete dreiging met een wapen tegen een gebedshuis: direct overgedragen aan de politie.",
            referred_to=d.organisations["politie"],
        )

    # Neighbours: a pupil of the school living in Dorpsveen (overdue there) and a report about
    # a Meerwijk resident (new today). Voorbeeldstad's coordinator sees neither.
    with d.at(11, 2):
        intake.report_signal(
            teacher,
            observation=(
                "Aïcha vertelde klasgenoten dat ze na de zomer met haar oudere broer 'naar het kalifaat' "
                "wil. Ze zei het lachend, maar herhaalde het later tegen mij."
            ),
            concern_categories=d.concern("travel_plans", "expressions_and_ideology"),
            identity={
                "given_names": "Aïcha",
                "family_name": "Benali",
                "date_of_birth": d.born(15, 20),
                "gender": Gender.FEMALE,
                "residence_municipality": dorpsveen,
                "school": "Het Voorbeeld College",
            },
            observed_on=d.day(12),
            reporter_relation="Mentor",
        )
    with d.at(0, 3):
        intake.report_signal(
            police,
            observation=(
                "Noah stuurt sinds weken e-mails aan raadsleden van Meerwijk waarin hij de gemeente "
                "'illegaal' noemt en aankondigt dat 'het volk zelf gaat handhaven'. Geen concrete dreiging."
            ),
            concern_categories=d.concern("expressions_and_ideology", "threat_or_violence"),
            identity={
                "given_names": "Noah",
                "family_name": "Peeters",
                "estimated_age": 45,
                "gender": Gender.MALE,
                "residence_municipality": meerwijk,
            },
            observed_on=d.day(1),
            reporter_relation="Wijkagent",
        )


# Cases ------------------------------------------------------------------------------------


def _case_from_signal(d: Demo, days: int, reporter: User, reason: str, **report) -> Case:
    """A signal reported `days` ago and decided into a new case a day later."""
    coordinator = d.user(COORDINATOR)
    with d.at(days, 4):
        signal = intake.report_signal(reporter, **report)
    with d.at(days - 1, 3):
        decision = intake.decide(coordinator, signal, outcome=DecisionOutcome.OPEN_CASE, reason=reason)
    return decision.case


def _team(d: Demo, days: int, case: Case, *members: tuple[str, str | None]) -> None:
    """Put organisations (key, contact email or None) on the team; the first one leads."""
    coordinator = d.user(COORDINATOR)
    with d.at(days, 2):
        for key, contact in members:
            cases.add_team_member(coordinator, case, d.organisations[key], contact=d.user(contact) if contact else None)


def _phases(d: Demo, case: Case, *steps: tuple[int, str, str]) -> None:
    coordinator = d.user(COORDINATOR)
    for days, phase, reason in steps:
        with d.at(days, 1):
            cases.change_phase(coordinator, case, phase, reason=reason)


def _item(d: Demo, actor: User, case: Case, days: int, code: str, text: str, source: str | None = None) -> None:
    with d.at(days, 2):
        cases.add_information_item(
            actor,
            case,
            category=d.cat(code),
            text=text,
            date=d.day(days),
            source_organisation=d.organisations[source] if source else None,
        )


def _assess(d: Demo, actor: User, case: Case, days: int, domain: str, judgement: str, risk: str, protect: str):
    with d.at(days, 1):
        cases.record_assessment(
            actor, case, life_domain=domain, judgement=judgement, risk_factors=risk, protective_factors=protect
        )


def _relative(d: Demo, case: Case, days: int, relation: str, **identity) -> None:
    with d.at(days, 1):
        cases.add_related_person(d.user(COORDINATOR), case, relation=relation, identity=identity)


def _cases(d: Demo) -> None:
    coordinator, teacher = d.user(COORDINATOR), d.user(TEACHER)
    police, youth_worker = d.user(POLICE_OFFICER), d.user(YOUTH_WORKER)
    stad = d.municipalities["Voorbeeldstad"]

    # Aangemeld: youth work (lead) and youth care. A minor.
    yusuf = _case_from_signal(
        d,
        4,
        youth_worker,
        "Zorgen over online contacten van een minderjarige; jongerenwerk en jeugdhulp kennen hem al.",
        observation=(
            "Yusuf (14) speelt online games met volwassenen die hem berichten sturen over 'de strijd' en "
            "hem vragen naar zijn school en ouders. Hij vindt de aandacht fijn. Moeder maakt zich zorgen "
            "en vroeg mij om raad."
        ),
        concern_categories=d.concern("online_behaviour", "family_and_environment"),
        identity={
            "given_names": "Yusuf",
            "family_name": "Demir",
            "date_of_birth": d.born(14, 90),
            "gender": Gender.MALE,
            "address": "Populierenlaan, Voorbeeldstad",
        },
        observed_on=d.day(6),
        reporter_relation="Jongerenwerker, kent het gezin",
    )
    _team(d, 2, yusuf, ("jongerenwerk", YOUTH_WORKER), ("jeugdhulp", None))
    _item(
        d,
        youth_worker,
        yusuf,
        2,
        "online",
        "Yusuf liet mij chats zien in een gameplatform; twee volwassen accounts sturen hem dagelijks berichten.",
    )
    _item(
        d,
        coordinator,
        yusuf,
        1,
        "care_and_welfare",
        "Jeugdhulp De Horizon: gezin is bekend van opvoedondersteuning in 2023, afgesloten met goed resultaat.",
        source="jeugdhulp",
    )

    # In duiding: the school (lead) and the police; the teacher's signal, the police's answer,
    # a later police signal added to the same case. The teacher must not see police information.
    with d.at(21, 4):
        ijsbrand_signal = intake.report_signal(
            teacher,
            observation=(
                "Ĳsbrand deelt in de klas filmpjes die geweld tegen de politie verheerlijken en noemt "
                "docenten 'systeemslaven'. Hij trekt zich terug uit zijn vriendengroep.\n"
                "Zijn mentor maakt zich zorgen over zijn thuissituatie."
            ),
            concern_categories=d.concern("expressions_and_ideology", "behavioural_change"),
            identity={
                "given_names": "Ĳsbrand",
                "family_name": "van 't Hoff",
                "date_of_birth": d.born(16, 120),
                "gender": Gender.MALE,
                "school": "Het Voorbeeld College",
                "address": "Dijkstraat, Voorbeeldstad",
            },
            observed_on=d.day(22),
            reporter_relation="Mentor",
        )
    with d.at(20, 3):
        request = intake.request_information(
            coordinator,
            ijsbrand_signal,
            organisation=d.organisations["politie"],
            categories=[d.cat("police_and_justice")],
            question="Is Ĳsbrand van 't Hoff bij u bekend?",
        )
    with d.at(18, 2):
        intake.answer_information_request(
            police,
            request,
            [
                {
                    "category": d.cat("police_and_justice"),
                    "text": "Eenmaal aangehouden bij een niet-aangemelde demonstratie (vorig jaar), geseponeerd.",
                    "date": d.day(18),
                }
            ],
        )
    with d.at(16, 3):
        ijsbrand = intake.decide(
            coordinator,
            ijsbrand_signal,
            outcome=DecisionOutcome.OPEN_CASE,
            reason="Zorgen van school en politie samen: bespreken in het casusoverleg.",
        ).case
    _team(d, 16, ijsbrand, ("school", TEACHER), ("politie", POLICE_OFFICER))
    _relative(d, ijsbrand, 15, Relation.PARENT, given_names="Marieke", family_name="van 't Hoff", gender=Gender.FEMALE)
    _phases(d, ijsbrand, (14, Phase.ASSESSMENT, ""))
    with d.at(3, 2):
        intake.request_information(
            coordinator,
            ijsbrand,
            organisation=d.organisations["school"],
            categories=[d.cat("education")],
            question="Is de aanwezigheid van Ĳsbrand veranderd sinds het gesprek met zijn moeder?",
        )
    _item(
        d,
        teacher,
        ijsbrand,
        13,
        "education",
        "Verzuim opgelopen tot drie dagen per week; gesprek met moeder gepland, vader niet bereikbaar.",
    )
    _item(
        d,
        police,
        ijsbrand,
        12,
        "police_and_justice",
        "Gezien in een groep die bij het station politieagenten uitscheldt; geen aangifte, wel gesprek gevoerd.",
    )
    _item(
        d,
        police,
        ijsbrand,
        11,
        "online",
        "Volgt openbare kanalen die oproepen tot geweld tegen 'handhavers'; geen eigen berichten gevonden.",
    )
    _assess(
        d,
        teacher,
        ijsbrand,
        10,
        LifeDomain.EDUCATION_AND_WORK,
        "School is nog een plek waar Ĳsbrand komt en waar hij aanspreekbaar is; dat willen we vasthouden.",
        "Oplopend verzuim, conflicten met docenten.",
        "Goede band met de mentor, interesse in techniek.",
    )
    _assess(
        d,
        coordinator,
        ijsbrand,
        9,
        LifeDomain.FAMILY,
        "Moeder staat open voor hulp; meer zicht nodig op de rol van vader.",
        "Weinig toezicht thuis, vader uit beeld.",
        "Betrokken moeder.",
    )
    with d.at(5, 3):
        again = intake.report_signal(
            police,
            municipality=stad,
            observation="Ĳsbrand was gisteren bij een samenkomst van dezelfde groep bij het station; rustig verlopen.",
            concern_categories=d.concern("behavioural_change"),
            identity={
                "given_names": "Ĳsbrand",
                "family_name": "van 't Hoff",
                "date_of_birth": ijsbrand.subject.date_of_birth,
                "gender": Gender.MALE,
            },
            observed_on=d.day(6),
            reporter_relation="Wijkagent",
        )
    with d.at(4, 2):
        intake.link_signal_to_subject(coordinator, again, ijsbrand.subject)
        intake.decide(
            coordinator,
            again,
            outcome=DecisionOutcome.OPEN_CASE,
            reason="Zelfde betrokkene als de lopende casus: toegevoegd.",
            case=ijsbrand,
        )

    # Plan van aanpak: youth work (lead), youth care and the social team. A minor.
    ilyas = _case_from_signal(
        d,
        60,
        youth_worker,
        "Ilyas zoekt houvast bij een online prediker; jongerenwerk heeft een goede band met hem.",
        observation=(
            "Ilyas (17) is na het overlijden van zijn vader veel veranderd: hij kijkt urenlang naar "
            "preken van een online prediker die zegt dat 'de westerse samenleving' moslims haat, en "
            "spreekt zijn zussen aan op hun kleding. Hij zoekt wel contact met mij."
        ),
        concern_categories=d.concern("expressions_and_ideology", "family_and_environment"),
        identity={
            "given_names": "Ilyas",
            "family_name": "Bouzid",
            "date_of_birth": d.born(17, 180),
            "gender": Gender.MALE,
        },
        observed_on=d.day(62),
        reporter_relation="Jongerenwerker",
    )
    _team(d, 58, ilyas, ("jongerenwerk", YOUTH_WORKER), ("jeugdhulp", None), ("wijkteam", None))
    _relative(d, ilyas, 57, Relation.PARENT, given_names="Fatima", family_name="Bouzid", gender=Gender.FEMALE)
    _relative(d, ilyas, 57, Relation.SIBLING, given_names="Nora", family_name="Bouzid", gender=Gender.FEMALE)
    _phases(d, ilyas, (55, Phase.ASSESSMENT, ""))
    _item(
        d,
        youth_worker,
        ilyas,
        54,
        "family",
        "Moeder staat er alleen voor met vier kinderen; Ilyas voelt zich verantwoordelijk als oudste zoon.",
    )
    _item(
        d,
        coordinator,
        ilyas,
        50,
        "care_and_welfare",
        "Sociaal Wijkteam: gezin heeft schulden sinds het overlijden van vader; budgetbegeleiding gestart.",
        source="wijkteam",
    )
    _item(
        d,
        coordinator,
        ilyas,
        48,
        "police_and_justice",
        "Politie: niet bekend als verdachte; eenmaal slachtoffer van een discriminatoir incident.",
        source="politie",
    )
    _assess(
        d,
        youth_worker,
        ilyas,
        45,
        LifeDomain.SOCIAL_NETWORK,
        "Ilyas zoekt betekenis en erkenning; een mentor uit de eigen gemeenschap kan helpen.",
        "Weinig vrienden over, veel tijd online.",
        "Goede band met de jongerenwerker, sport graag.",
    )
    _assess(
        d,
        coordinator,
        ilyas,
        44,
        LifeDomain.IDENTITY_AND_IDEOLOGY,
        "Geloofsvragen na een verlies; geen oproepen tot geweld. Tegengeluid bieden via een sleutelfiguur.",
        "Eenzijdige online bronnen.",
        "Staat open voor gesprek met de imam van de eigen moskee.",
    )
    _phases(d, ilyas, (30, Phase.PLAN, ""))

    # Uitvoering: a returnee, in detention; the hub leads, with police, probation, child
    # protection and mental health care. Opened by the coordinator after national notice.
    with d.at(200, 2):
        sanne = cases.open_case(
            coordinator,
            municipality=stad,
            identity={
                "given_names": "Sanne",
                "family_name": "Mulder",
                "date_of_birth": d.born(29, 60),
                "gender": Gender.FEMALE,
                "address": "Laatst bekend: Vlierstraat, Voorbeeldstad",
            },
            is_returnee=True,
            detention_status=DetentionStatus.DETAINED,
            ideology_context=IdeologyContext.JIHADIST,
        )
    _team(
        d,
        199,
        sanne,
        ("zvh", "voorzitter@zvh.test"),
        ("politie", POLICE_OFFICER),
        ("reclassering", None),
        ("rvdk", None),
        ("ggz", None),
    )
    _relative(d, sanne, 198, Relation.CHILD, given_names="Lina", family_name="Mulder", date_of_birth=d.born(6, 10))
    _relative(d, sanne, 198, Relation.CHILD, given_names="Adam", family_name="Mulder", date_of_birth=d.born(4, 200))
    _relative(d, sanne, 198, Relation.PARENT, given_names="Ria", family_name="Mulder-Bos", gender=Gender.FEMALE)
    _phases(d, sanne, (190, Phase.ASSESSMENT, ""))
    _item(
        d,
        police,
        sanne,
        195,
        "police_and_justice",
        "Bij aankomst op de luchthaven aangehouden op verdenking van deelname aan een terroristische organisatie.",
    )
    _item(
        d,
        coordinator,
        sanne,
        180,
        "care_and_welfare",
        "Raad voor de Kinderbescherming: de kinderen wonen bij grootmoeder; onderzoek naar het gezag loopt.",
        source="rvdk",
    )
    _item(
        d,
        coordinator,
        sanne,
        150,
        "care_and_welfare",
        "GGZ: traumabehandeling in de penitentiaire inrichting gestart; Sanne neemt actief deel.",
        source="ggz",
    )
    _item(
        d,
        coordinator,
        sanne,
        120,
        "police_and_justice",
        "Reclassering: voorlichtingsrapport uitgebracht; advies bijzondere voorwaarden bij vrijlating.",
        source="reclassering",
    )
    _item(
        d,
        coordinator,
        sanne,
        175,
        "family",
        "Grootmoeder krijgt opvoedondersteuning via de gemeente; de kinderen gaan naar school en de opvang.",
    )
    _assess(
        d,
        coordinator,
        sanne,
        170,
        LifeDomain.FAMILY,
        "Het contact met de kinderen is de belangrijkste motivatie voor Sanne; grootmoeder is een steunpilaar.",
        "Gezag over de kinderen onzeker.",
        "Steunende moeder, kinderen goed opgevangen.",
    )
    _assess(
        d,
        coordinator,
        sanne,
        160,
        LifeDomain.HEALTH,
        "Traumaklachten na jaren in een kamp; behandeling loopt en wordt na vrijlating voortgezet.",
        "Traumaklachten.",
        "Neemt deel aan behandeling.",
    )
    _phases(d, sanne, (140, Phase.PLAN, ""), (100, Phase.EXECUTION, ""))

    # Nazorg: released from detention; probation leads, with police, the social team and the hub.
    with d.at(400, 2):
        bas = cases.open_case(
            coordinator,
            municipality=stad,
            identity={
                "given_names": "Bas",
                "family_name": "van Dijk",
                "date_of_birth": d.born(26, 45),
                "gender": Gender.MALE,
            },
            detention_status=DetentionStatus.DETAINED,
            ideology_context=IdeologyContext.RIGHT_WING,
        )
    _team(
        d,
        399,
        bas,
        ("reclassering", None),
        ("politie", POLICE_OFFICER),
        ("wijkteam", None),
        ("zvh", "voorzitter@zvh.test"),
    )
    _relative(d, bas, 398, Relation.SIBLING, given_names="Linda", family_name="van Dijk", gender=Gender.FEMALE)
    _phases(d, bas, (390, Phase.ASSESSMENT, ""))
    _item(
        d,
        coordinator,
        bas,
        385,
        "police_and_justice",
        "Reclassering: veroordeeld voor bedreiging met een racistisch motief; vrijlating over ongeveer een jaar.",
        source="reclassering",
    )
    _assess(
        d,
        coordinator,
        bas,
        380,
        LifeDomain.HOUSING_AND_FINANCES,
        "Zonder woning en inkomen bij vrijlating valt Bas terug op zijn oude netwerk: dat eerst regelen.",
        "Geen woning, schulden.",
        "Wil werken; heeft een vakdiploma metselen.",
    )
    _phases(d, bas, (300, Phase.PLAN, ""), (250, Phase.EXECUTION, ""))
    _item(
        d,
        coordinator,
        bas,
        130,
        "care_and_welfare",
        "Sociaal Wijkteam: woning via de woningcorporatie geregeld per de dag van vrijlating; uitkering aangevraagd.",
        source="wijkteam",
    )
    with d.at(120, 2):
        cases.update_case_flags(coordinator, bas, detention_status=DetentionStatus.RELEASED)
    _item(
        d,
        police,
        bas,
        100,
        "police_and_justice",
        "Na vrijlating twee keer gesproken door de wijkagent; houdt zich aan de meldplicht.",
    )
    _assess(
        d,
        coordinator,
        bas,
        90,
        LifeDomain.SOCIAL_NETWORK,
        "Nieuw netwerk via werk en de voetbalvereniging; contact met oude groep verbroken volgens eigen zeggen.",
        "Oude contacten wonen in de buurt.",
        "Werk bij een bouwbedrijf, steun van zijn zus.",
    )
    # Closed with aftercare 60 days ago: samenspel.cases.demo, after his plan.

    # Afgesloten: the school (lead) and youth work, closed with a reason.
    ayaan = _case_from_signal(
        d,
        300,
        teacher,
        "Meerdere zorgen bij een minderjarige leerling; school en jongerenwerk pakken het samen op.",
        observation=(
            "Ayaan deelt in de klas complotverhalen over 'de grote vervanging' en zegt dat 'mensen zoals "
            "ik hier toch nooit welkom zijn'. Hij is boos na een pestincident en spijbelt."
        ),
        concern_categories=d.concern("expressions_and_ideology", "social_isolation"),
        identity={
            "given_names": "Ayaan",
            "family_name": "Warsame",
            "date_of_birth": d.born(16, 310),
            "gender": Gender.MALE,
            "school": "Het Voorbeeld College",
        },
        observed_on=d.day(302),
        reporter_relation="Mentor",
    )
    _team(d, 298, ayaan, ("school", TEACHER), ("jongerenwerk", YOUTH_WORKER))
    _phases(d, ayaan, (295, Phase.ASSESSMENT, ""))
    _item(
        d,
        teacher,
        ayaan,
        294,
        "education",
        "Pestincident in de klas opgepakt met de betrokken leerlingen; verzuim sindsdien afgenomen.",
    )
    _item(
        d,
        youth_worker,
        ayaan,
        290,
        "family",
        "Ouders zijn betrokken maar werken beiden in ploegendienst; oudere neef is een positief voorbeeld.",
    )
    _assess(
        d,
        teacher,
        ayaan,
        288,
        LifeDomain.EDUCATION_AND_WORK,
        "Ayaan voelt zich weer veilig op school sinds het pesten is aangepakt.",
        "Eerder verzuim na pesten.",
        "Sterk in wiskunde, wil technicus worden.",
    )
    _phases(d, ayaan, (280, Phase.PLAN, ""), (270, Phase.EXECUTION, ""))
    # Closed with aftercare 150 days ago, the aftercare ended 20 days ago: samenspel.cases.demo.
