"""The case conference pages in the authorisation matrix. Each path builds a fresh planned
meeting in Voorbeeldstad chaired by the chair persona, with the school, the police and youth
work invited and everyone of them (and the coordinator) having confirmed confidentiality, and
on its agenda a case directed by the coordinator with the school and the police on its team.

Outcomes: people without case work (mayor's office, privacy officer, application manager,
analyst) get a 403 everywhere; the outsider (another region) a 404 for the meeting; invited
partners see the meeting and the item but get a 403 on the forms of who runs it; only the chair
discloses; an action of youth work is completed by youth work, the chair or the coordinator."""

from __future__ import annotations

from collections.abc import Callable

from samenspel.testing.matrix import Route, only
from samenspel.testing.personas import Personas

CASE_WORKERS = ("coordinator", "police_officer", "teacher", "youth_worker", "chair", "outsider")
ATTENDEES = ("coordinator", "police_officer", "teacher", "youth_worker", "chair")
RUNNERS = ("coordinator", "chair")
NO_CASE_WORK = {name: 403 for name in ("mayors_office", "privacy_officer", "app_manager", "analyst")}
OUTSIDE = {"outsider": 404}


def _scene(p: Personas):
    from samenspel.sharing.defaults import install_defaults
    from samenspel.testing.factories_cases import CaseFactory
    from samenspel.testing.factories_meetings import ActionFactory, AgendaItemFactory, MeetingFactory

    install_defaults()
    case = CaseFactory(municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org])
    meeting = MeetingFactory(
        municipality=p.municipality,
        chair=p.chair,
        invited=[p.school_org, p.police_org, p.youth_work_org],
        confirmed=[p.coordinator, p.police_officer, p.teacher, p.youth_worker, p.chair],
    )
    item = AgendaItemFactory(meeting=meeting, case=case, added_by=p.coordinator)
    action = ActionFactory(item=item, owner_organisation=p.youth_work_org)
    return meeting, item, action


def meeting_page(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        meeting, _item, _action = _scene(p)
        return f"/casusoverleg/{meeting.pk}/{suffix}"

    return build


def item_page(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        _meeting, item, _action = _scene(p)
        return f"/casusoverleg/agendapunten/{item.pk}/{suffix}"

    return build


def action_page(suffix: str) -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        _meeting, _item, action = _scene(p)
        return f"/casusoverleg/acties/{action.pk}/{suffix}"

    return build


def seen(path, **kwargs) -> Route:
    return only(path, *ATTENDEES, overrides={**NO_CASE_WORK, **OUTSIDE}, **kwargs)


def run(path, *personas: str, **kwargs) -> Route:
    return only(path, *(personas or RUNNERS), overrides={**NO_CASE_WORK, **OUTSIDE}, **kwargs)


ROUTES: dict[str, Route] = {
    "meetings:list": only("/casusoverleg/", *CASE_WORKERS),
    "meetings:create": only("/casusoverleg/nieuw/", *RUNNERS),
    "meetings:detail": seen(meeting_page()),
    "meetings:edit": run(meeting_page("wijzigen/")),
    "meetings:status": run(meeting_page("status/")),
    # Every attendee downloads their own copy of the minutes.
    "meetings:minutes_pdf": seen(meeting_page("verslag.pdf")),
    "meetings:invite": run(meeting_page("uitnodigen/")),
    "meetings:agenda_add": run(meeting_page("agenda/nieuw/")),
    "meetings:agenda_move": run(meeting_page("agenda/volgorde/"), ok=302, method="post"),
    "meetings:item": seen(item_page()),
    "meetings:agenda_remove": run(item_page("verwijderen/"), ok=302, method="post"),
    "meetings:minutes": run(item_page("verslag/")),
    "meetings:decision_add": run(item_page("besluiten/nieuw/")),
    "meetings:action_add": run(item_page("acties/nieuw/")),
    "meetings:disclose": run(item_page("delen/"), "chair"),
    # Youth work owns the action; the team (school, police) sees it but may not close it.
    "meetings:action_complete": run(
        action_page("afronden/"), "coordinator", "chair", "youth_worker", ok=302, method="post"
    ),
    "meetings:action_cancel": run(action_page("annuleren/")),
}
