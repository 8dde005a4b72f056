"""The list filters of the case-conference API: each narrows the list to exactly the records
it names, within what the user already sees (a filter never widens the scope); a meeting
seen but not confirmed answers the agenda-content filters with the 403 hint, one out of
reach an empty list; and a bad filter value is a problem+json 400 naming the parameter.

One scene serves every test (days relative to today, Dutch time):
  meeting    Voorbeeldstad, planned, day +7 at 00:30 (22:30/23:30 UTC the day before);
             school, police and youth work invited; items `item` (new, the case scenario's
             case: school and police on its team) and `review` (review, another case)
  held       Voorbeeldstad, held, day -7; the school invited; item `held_item` (the same case)
  cancelled  Voorbeeldstad, cancelled, day +14      regional   Regio Voorbeeld, day +21
  next_door  Dorpsveen, day +7: the chair sees it, the coordinator of Voorbeeldstad does not
All are chaired by the chair. Confirmed: the chair (meeting, held), the coordinator and youth
work (meeting), the teacher (held only)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspel.audit.models import Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.testing.factories import UserFactory
from samenspel.testing.factories_cases import CaseFactory, category
from samenspel.testing.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    DisclosureDecisionFactory,
    MeetingDecisionFactory,
    MeetingFactory,
    MinutesFactory,
    confirm,
)

pytestmark = pytest.mark.django_db
MEETINGS, INVITATIONS = "/api/v1/meetings/", "/api/v1/meeting-invitations/"
CONFIRMATIONS, ITEMS = "/api/v1/confidentiality-confirmations/", "/api/v1/agenda-items/"
MINUTES, DECISIONS = "/api/v1/minutes/", "/api/v1/meeting-decisions/"
DISCLOSURES, ACTIONS = "/api/v1/item-disclosures/", "/api/v1/actions/"
BIGGEST_ID = str(2**63 - 1)


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def _at(offset: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(offset), datetime.time(hour, minute)))


def _meeting(starts_at: datetime.datetime, **kwargs):
    return MeetingFactory(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs)


@pytest.fixture
def s(personas, case_scenario, meeting_scenario) -> dict:
    """The scene of the module docstring, every record by name (see the tables below)."""
    p, meeting, item = personas, meeting_scenario.meeting, meeting_scenario.item
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=_at(7, 0, 30), ends_at=_at(7, 3))
    town, case = p.municipality, case_scenario.case
    held = _meeting(_at(-7), municipality=town, chair=p.chair, held=True, invited=[p.school_org])
    review = AgendaItemFactory(meeting=meeting, review=True, case=CaseFactory(municipality=town))
    held_item = AgendaItemFactory(meeting=held, case=case)
    confirm(meeting, p.chair, p.coordinator, p.youth_worker)
    confirm(held, p.chair, p.teacher)
    education, identification = category("education"), category("identification")
    colleague = UserFactory(organisation=p.school_org)  # of the teacher
    scene = {
        **{name: getattr(p, name) for name in ("chair", "coordinator", "teacher", "youth_worker", "outsider")},
        **{name: getattr(p, name) for name in ("municipality", "neighbour", "region")},
        **{f"{name}_org": getattr(p, f"{name}_org") for name in ("school", "police", "youth_work")},
        "meeting": meeting,
        "held": held,
        "cancelled": _meeting(_at(14), municipality=town, chair=p.chair, cancelled=True),
        "regional": _meeting(_at(21), regional=True, chair=p.chair),
        "next_door": _meeting(_at(7), municipality=p.neighbour, chair=p.chair),
        "item": item,
        "review": review,
        "held_item": held_item,
        "education": education,
        "identification": identification,
        "min_item": MinutesFactory(item=item),
        "min_review": MinutesFactory(item=review),
        "min_held_item": MinutesFactory(item=held_item),
        "dec_item": MeetingDecisionFactory(item=item),
        "dec_review": MeetingDecisionFactory(item=review),
        "dec_held_item": MeetingDecisionFactory(item=held_item),
        "d_youth_edu": DisclosureDecisionFactory(item=item, organisation=p.youth_work_org, category=education),
        "d_youth_id": DisclosureDecisionFactory(item=item, organisation=p.youth_work_org, category=identification),
        "d_school_edu": DisclosureDecisionFactory(item=item, organisation=p.school_org, category=education),
        "d_review": DisclosureDecisionFactory(item=review, organisation=p.youth_work_org, category=education),
        "d_held": DisclosureDecisionFactory(item=held_item, organisation=p.school_org, category=education),
        "a_youth": ActionFactory(item=item, owner_organisation=p.youth_work_org),
        "a_teacher": ActionFactory(item=item, owner_organisation=p.school_org, owner_person=p.teacher, done=True),
        "a_school": ActionFactory(item=review, owner_organisation=p.school_org, overdue=True),
        "a_colleague": ActionFactory(
            item=item, owner_organisation=p.school_org, owner_person=colleague, due_date=_day(0)
        ),
        "a_police": ActionFactory(item=held_item, owner_organisation=p.police_org, cancelled=True, due_date=_day(-10)),
    }
    for org in ("school", "police", "youth_work"):
        scene[f"inv_{org}"] = meeting.invitations.get(organisation=scene[f"{org}_org"])
    scene["inv_held_school"] = held.invitations.get(organisation=p.school_org)
    for user in ("chair", "coordinator", "youth_worker"):
        scene[f"conf_{user}"] = meeting.confirmations.get(user=scene[user])
    for user in ("chair", "teacher"):
        scene[f"conf_{user}_held"] = held.confirmations.get(user=scene[user])
    return scene


ID_PARAMS = {"meeting", "item", "organisation", "owner_organisation", "municipality", "region", "category"}


def _query(query: dict, s: dict) -> dict:
    """In an id parameter a name of the scene becomes its id; "day+N" becomes a date."""
    resolved = {}
    for key, value in query.items():
        if key in ID_PARAMS and value in s:
            resolved[key] = s[value].pk
        elif value.startswith("day"):
            resolved[key] = _day(int(value[3:])).isoformat()
        else:
            resolved[key] = value
    return resolved


def _listed(s: dict, user: str, path: str, query: dict) -> list[int]:
    response = api(s[user]).get(path, _query(query, s))
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


# Filters that narrow ------------------------------------------------------------------------
# (user, query, exactly the records listed). Outsiders and attendees filtering on what they
# cannot see get an empty list, never more than the unfiltered list would show them.

ALL_MEETINGS = ["meeting", "held", "cancelled", "regional"]  # of the coordinator: not next_door
MEETING_CASES = [
    ("coordinator", {}, ALL_MEETINGS),
    ("coordinator", {"status": "held"}, ["held"]),
    ("coordinator", {"status": "cancelled"}, ["cancelled"]),
    ("coordinator", {"status": "planned"}, ["meeting", "regional"]),
    ("coordinator", {"municipality": "municipality"}, ["meeting", "held", "cancelled"]),
    ("coordinator", {"municipality": "neighbour"}, []),
    ("chair", {"municipality": "neighbour"}, ["next_door"]),
    ("coordinator", {"region": "region"}, ["regional"]),
    ("coordinator", {"starts_from": "day+7"}, ["meeting", "cancelled", "regional"]),
    ("coordinator", {"starts_to": "day+6"}, ["held"]),
    ("coordinator", {"starts_from": "day+7", "starts_to": "day+7"}, ["meeting"]),
    ("coordinator", {"starts_from": "0001-01-01", "starts_to": "9999-12-31"}, ALL_MEETINGS),
    ("teacher", {"status": "cancelled"}, []),
    ("teacher", {"municipality": "municipality"}, ["meeting", "held"]),
    ("outsider", {"municipality": "municipality"}, []),
]
INVITATION_CASES = [
    ("chair", {"meeting": "meeting"}, ["inv_school", "inv_police", "inv_youth_work"]),
    ("chair", {"organisation": "school_org"}, ["inv_school", "inv_held_school"]),
    ("chair", {"meeting": "meeting", "organisation": "police_org"}, ["inv_police"]),
    ("teacher", {"organisation": "school_org"}, ["inv_held_school"]),
    ("teacher", {"meeting": "meeting"}, []),
    ("outsider", {"meeting": "meeting"}, []),
]
CONFIRMATION_CASES = [
    ("chair", {"meeting": "meeting"}, ["conf_chair", "conf_coordinator", "conf_youth_worker"]),
    ("chair", {"meeting": "held"}, ["conf_chair_held", "conf_teacher_held"]),
    ("youth_worker", {"meeting": "meeting"}, ["conf_youth_worker"]),
    ("teacher", {"meeting": "meeting"}, []),
    ("outsider", {"meeting": "held"}, []),
]
ITEM_CASES = [
    ("chair", {"meeting": "meeting"}, ["item", "review"]),
    ("chair", {"kind": "review"}, ["review"]),
    ("chair", {"kind": "new"}, ["item", "held_item"]),
    ("chair", {"meeting": "held", "kind": "review"}, []),
    ("youth_worker", {"kind": "new"}, ["item"]),
    ("teacher", {"kind": "new"}, ["held_item"]),
    ("outsider", {"meeting": "meeting"}, []),
]
RECORD_CASES = [
    ("chair", {"meeting": "meeting"}, ["item", "review"]),
    ("chair", {"meeting": "held"}, ["held_item"]),
    ("chair", {"item": "review"}, ["review"]),
    ("chair", {"meeting": "meeting", "item": "held_item"}, []),
    ("teacher", {"item": "held_item"}, ["held_item"]),
    ("youth_worker", {"meeting": "meeting"}, []),  # confirmed, but not a participant
    ("outsider", {"item": "item"}, []),
]
DISCLOSURE_CASES = [
    ("chair", {"organisation": "youth_work_org"}, ["d_youth_edu", "d_youth_id", "d_review"]),
    ("chair", {"category": "identification"}, ["d_youth_id"]),
    ("chair", {"organisation": "youth_work_org", "category": "education"}, ["d_youth_edu", "d_review"]),
    ("chair", {"item": "review"}, ["d_review"]),
    ("chair", {"meeting": "held"}, ["d_held"]),
    ("youth_worker", {"meeting": "meeting"}, ["d_youth_edu", "d_youth_id", "d_review"]),
    ("youth_worker", {"organisation": "school_org"}, []),
    ("teacher", {"organisation": "school_org"}, ["d_held"]),
    ("outsider", {"item": "item"}, []),
]
ALL_ACTIONS = ["a_youth", "a_teacher", "a_school", "a_colleague", "a_police"]
ACTION_CASES = [
    ("chair", {}, ALL_ACTIONS),
    ("chair", {"item": "item"}, ["a_youth", "a_teacher", "a_colleague"]),
    ("chair", {"meeting": "meeting"}, ["a_youth", "a_teacher", "a_school", "a_colleague"]),
    ("chair", {"meeting": "held"}, ["a_police"]),
    ("chair", {"owner_organisation": "school_org"}, ["a_teacher", "a_school", "a_colleague"]),
    ("chair", {"status": "open"}, ["a_youth", "a_school", "a_colleague"]),
    ("chair", {"status": "done"}, ["a_teacher"]),
    ("chair", {"status": "cancelled"}, ["a_police"]),
    ("chair", {"overdue": "true"}, ["a_school"]),  # not the cancelled one past its date
    ("chair", {"overdue": "false"}, ["a_youth", "a_teacher", "a_colleague", "a_police"]),
    ("chair", {"due_from": "day+0"}, ["a_youth", "a_teacher", "a_colleague"]),
    ("chair", {"due_to": "day-1"}, ["a_school", "a_police"]),
    ("chair", {"due_from": "day-5", "due_to": "day+0"}, ["a_school", "a_colleague"]),
    ("teacher", {"mine": "true"}, ["a_teacher", "a_school"]),
    ("teacher", {"mine": "false"}, ["a_youth", "a_colleague", "a_police"]),
    # Follow-up work: the teacher has not confirmed `meeting`, yet sees its actions.
    ("teacher", {"meeting": "meeting"}, ["a_youth", "a_teacher", "a_school", "a_colleague"]),
    ("youth_worker", {}, ["a_youth"]),
    ("youth_worker", {"mine": "true"}, ["a_youth"]),
    ("youth_worker", {"meeting": "held"}, []),
    ("youth_worker", {"owner_organisation": "school_org"}, []),
    ("outsider", {"meeting": "meeting"}, []),
]


def _name(path: str) -> str:
    return path.split("/")[3]


def _text(query: dict) -> str:
    return "&".join(f"{key}={value}" for key, value in query.items()) or "all"


def _cases(path: str, cases: list, names=lambda name: name) -> list:
    return [
        pytest.param(path, user, query, [names(n) for n in expected], id=f"{_name(path)}-{user}-{_text(query)}")
        for user, query, expected in cases
    ]


@pytest.mark.parametrize(
    ("path", "user", "query", "expected"),
    [
        *_cases(MEETINGS, MEETING_CASES),
        *_cases(INVITATIONS, INVITATION_CASES),
        *_cases(CONFIRMATIONS, CONFIRMATION_CASES),
        *_cases(ITEMS, ITEM_CASES),
        *_cases(MINUTES, RECORD_CASES, lambda item: f"min_{item}"),
        *_cases(DECISIONS, RECORD_CASES, lambda item: f"dec_{item}"),
        *_cases(DISCLOSURES, DISCLOSURE_CASES),
        *_cases(ACTIONS, ACTION_CASES),
    ],
)
def test_a_filter_lists_exactly_its_records(s, path, user, query, expected):
    assert _listed(s, user, path, query) == sorted(s[name].pk for name in expected)


# The confidentiality gate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "path", "query", "meeting", "action"),
    [
        ("teacher", ITEMS, {"meeting": "meeting"}, "meeting", "agenda_item.list"),
        ("teacher", ITEMS, {"meeting": "meeting", "kind": "new"}, "meeting", "agenda_item.list"),
        ("teacher", MINUTES, {"item": "review"}, "meeting", "minutes.list"),
        ("teacher", DECISIONS, {"meeting": "meeting"}, "meeting", "meeting_decision.list"),
        ("teacher", DISCLOSURES, {"item": "item"}, "meeting", "disclosure_decision.list"),
        ("coordinator", MINUTES, {"meeting": "held"}, "held", "minutes.list"),
        ("coordinator", DECISIONS, {"item": "held_item"}, "held", "meeting_decision.list"),
        ("coordinator", DISCLOSURES, {"meeting": "held"}, "held", "disclosure_decision.list"),
    ],
)
def test_a_meeting_seen_but_not_confirmed_answers_the_hint(s, user, path, query, meeting, action):
    """The user sees the meeting (invited, or the coordinator of its municipality) but has
    not confirmed it: the filter answers 403 naming the meeting, audited as denied."""
    response = api(s[user]).get(path, _query(query, s))
    body = assert_problem(response, 403)
    meeting = s[meeting]
    assert body["type"].endswith("confidentiality-not-confirmed")
    assert (body["meeting"], body["confirm_at"]) == (meeting.pk, CONFIRMATIONS)
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.object_id) == (action, Result.DENIED, str(meeting.pk))


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (MEETINGS, {"municipality": BIGGEST_ID}),
        (INVITATIONS, {"organisation": BIGGEST_ID}),
        (CONFIRMATIONS, {"meeting": BIGGEST_ID}),
        (ITEMS, {"meeting": BIGGEST_ID}),
        (MINUTES, {"item": BIGGEST_ID}),
        (DISCLOSURES, {"category": BIGGEST_ID}),
        (ACTIONS, {"owner_organisation": BIGGEST_ID}),
    ],
)
def test_an_unknown_id_gives_an_empty_list(s, path, query):
    assert _listed(s, "chair", path, query) == []


# Bad filter values ------------------------------------------------------------------------------

BAD_QUERIES = {
    MEETINGS: "status=nonsense status=Held municipality=x region=0 starts_from=gisteren starts_to=2026-02-30",
    INVITATIONS: "meeting=x organisation=-1",
    CONFIRMATIONS: "meeting=1.5",
    ITEMS: "meeting=x kind=nonsense",
    MINUTES: "meeting=1e3 item=abc",
    DECISIONS: f"item={2**63} meeting=<script>",
    DISCLOSURES: "organisation=x category=education item=0",
    ACTIONS: "item=x meeting=x owner_organisation=x status=nonsense mine=misschien mine=True overdue=1 "
    "due_from=2026-13-01 due_to=morgen",
}
BAD = [(path, *pair.split("=", 1)) for path, pairs in BAD_QUERIES.items() for pair in pairs.split()]


@pytest.mark.parametrize(("path", "name", "value"), BAD, ids=[f"{_name(p)}-{n}={v}" for p, n, v in BAD])
def test_bad_filter_values_are_problems(personas, path, name, value):
    response = api(personas.chair).get(path, {name: value})
    body = assert_problem(response, 400)
    assert name in {param["name"] for param in body["invalid_params"]}
    assert not [e for e in entries_of(response) if e.result == Result.ALLOWED], "a refused list was audited"


@pytest.mark.parametrize("value", ["+1", " 1", "1 ", "1.0", "1_0", "\uff10\uff11", "\u0661", "0x1"])
def test_an_id_in_the_query_string_is_plain_digits(personas, value):
    """As plain as an id in a body: no sign, spaces, separators or non-Latin digits."""
    for path, name in ((ITEMS, "meeting"), (ACTIONS, "owner_organisation")):
        body = assert_problem(api(personas.chair).get(path, {name: value}), 400)
        assert name in {param["name"] for param in body["invalid_params"]}
