"""The case-conference API in the authorisation matrix (merged by
src/samenspel/tests/test_authorization_matrix.py).

Every detail route builds the scene of matrix.py: a planned Voorbeeldstad meeting chaired by
the chair persona, the school, the police and youth work invited and everyone of them (and the
coordinator) having confirmed confidentiality, on its agenda a case directed by the
coordinator with the school and the police on its team, and an action owned by youth work.

Outcomes: no credentials 401; roles without case work 403; the outsider (another region) 404.
Minutes and decisions are for the item's participants (the chair, the team, the coordinator):
youth work, invited but not on the team, gets 404. A disclosure to youth work is seen by its
recipient, the chair and the coordinator. Writes of who runs the meeting (POST without a body)
let the chair and the coordinator through to the body (415) and refuse the other attendees
(403) before reading it; completing an action needs no body: its owner (youth work), the chair
and the coordinator complete it (200)."""

from __future__ import annotations

from collections.abc import Callable

from samenspel.meetings.tests.matrix import ATTENDEES, CASE_WORKERS, NO_CASE_WORK, OUTSIDE, RUNNERS, _scene
from samenspel.testing.matrix import PERSONAS, Route, only
from samenspel.testing.personas import Personas

PARTICIPANTS = ("coordinator", "police_officer", "teacher", "chair")


def _meeting(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        meeting, _item, _action = _scene(p)
        return f"/api/v1/meetings/{meeting.pk}/{suffix}"

    return build


def _invitation(p: Personas) -> str:
    meeting, _item, _action = _scene(p)
    return f"/api/v1/meeting-invitations/{meeting.invitations.get(organisation=p.school_org).pk}/"


def _teachers_confirmation(p: Personas) -> str:
    meeting, _item, _action = _scene(p)
    return f"/api/v1/confidentiality-confirmations/{meeting.confirmations.get(user=p.teacher).pk}/"


def _item(p: Personas) -> str:
    _meeting, item, _action = _scene(p)
    return f"/api/v1/agenda-items/{item.pk}/"


def _minutes(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        from samenspel.testing.factories_meetings import MinutesFactory

        _meeting, item, _action = _scene(p)
        return f"/api/v1/minutes/{MinutesFactory(item=item).pk}/{suffix}"

    return build


def _decision(p: Personas) -> str:
    from samenspel.testing.factories_meetings import MeetingDecisionFactory

    _meeting, item, _action = _scene(p)
    return f"/api/v1/meeting-decisions/{MeetingDecisionFactory(item=item).pk}/"


def _disclosure(p: Personas) -> str:
    from samenspel.testing.factories_meetings import DisclosureDecisionFactory

    _meeting, item, _action = _scene(p)
    return f"/api/v1/item-disclosures/{DisclosureDecisionFactory(item=item, organisation=p.youth_work_org).pk}/"


def _action(suffix: str = "") -> Callable[[Personas], str]:
    def build(p: Personas) -> str:
        _meeting, _item, action = _scene(p)
        return f"/api/v1/actions/{action.pk}/{suffix}"

    return build


def _list(path: str) -> Route:
    return only(path, *CASE_WORKERS, anonymous=401)


def _seen(path: Callable[[Personas], str], *personas: str) -> Route:
    """A record the named personas read; the others who work on cases cannot reach it (404).
    `denied` is the answer to the first refused persona, which test_denials_are_audited asks."""
    readers = personas or ATTENDEES
    unreachable = {name: 404 for name in CASE_WORKERS if name not in readers}
    first_refused = next(name for name in PERSONAS if name not in readers)
    return only(
        path,
        *readers,
        denied=unreachable.get(first_refused, 403),
        anonymous=401,
        overrides={**NO_CASE_WORK, **unreachable},
    )


def _run(path: Callable[[Personas], str], *personas: str, ok: int = 415) -> Route:
    """A POST of who runs the meeting (or the item): the others who see it get 403."""
    return only(
        path,
        *(personas or RUNNERS),
        ok=ok,
        method="post",
        anonymous=401,
        overrides={**NO_CASE_WORK, **OUTSIDE},
    )


ROUTES: dict[str, Route] = {
    # Meetings: the header is seen by every attendee, the rest is for who runs the meeting.
    "api:meeting-list": _list("/api/v1/meetings/"),
    "api:meeting-detail": _seen(_meeting()),
    "api:meeting-change-status": _run(_meeting("status/")),
    "api:meeting-agenda-order": _run(_meeting("agenda-order/")),
    "api:meeting-invitation-list": _list("/api/v1/meeting-invitations/"),
    "api:meeting-invitation-detail": _seen(_invitation),
    # Someone's own confirmation, and those of the meetings one runs.
    "api:confidentiality-confirmation-list": _list("/api/v1/confidentiality-confirmations/"),
    "api:confidentiality-confirmation-detail": _seen(_teachers_confirmation, "teacher", *RUNNERS),
    # The agenda.
    "api:agenda-item-list": _list("/api/v1/agenda-items/"),
    "api:agenda-item-detail": _seen(_item),
    "api:item-disclosure-list": _list("/api/v1/item-disclosures/"),
    "api:item-disclosure-detail": _seen(_disclosure, "youth_worker", *RUNNERS),
    # Minutes and decisions: the item's participants.
    "api:minutes-list": _list("/api/v1/minutes/"),
    "api:minutes-detail": _seen(_minutes(), *PARTICIPANTS),
    "api:minutes-revisions": _seen(_minutes("revisions/"), *PARTICIPANTS),
    "api:meeting-decision-list": _list("/api/v1/meeting-decisions/"),
    "api:meeting-decision-detail": _seen(_decision, *PARTICIPANTS),
    # Actions: youth work owns the action; the team sees it but may not close it.
    "api:action-list": _list("/api/v1/actions/"),
    "api:action-detail": _seen(_action()),
    "api:action-complete": _run(_action("complete/"), "youth_worker", *RUNNERS, ok=200),
    "api:action-cancel": _run(_action("cancel/")),
}
