"""Reads of the case conference for views, the API and the per-recipient minutes export,
filtered for the user. `get_*_for` fetch one record and write its audit entry: call exactly
one per page or response. `agenda_for` and `agenda_item_view` write nothing: they are pure
functions of (user, meeting or item) and the database, so a PDF renderer can call them per
recipient (and audit its export itself)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from samenspel.audit.services import record
from samenspel.cases.models import InformationItem, Subject
from samenspel.cases.services.common import parse_id
from samenspel.core.exceptions import NotVisible
from samenspel.meetings.exceptions import PURPOSE_MEETING, ConfidentialityNotConfirmed
from samenspel.meetings.models import (
    Action,
    AgendaItem,
    ConfidentialityConfirmation,
    DisclosureDecision,
    Meeting,
    MeetingDecision,
    MeetingInvitation,
    Minutes,
    MinutesRevision,
)
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory

IDENTIFICATION = "identification"


@dataclass(frozen=True)
class AgendaItemView:
    """Exactly what one user may see of one agenda item. `subject` is None unless the user
    sees the identification category: show the person's name only from here, never from
    item.case.subject."""

    item: AgendaItem
    is_participant: bool
    subject: Subject | None
    categories: tuple[InformationCategory, ...]
    information_items: tuple[InformationItem, ...]
    minutes: Minutes | None
    decisions: tuple[MeetingDecision, ...]
    actions: tuple[Action, ...]
    disclosures: tuple[DisclosureDecision, ...]

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def order(self) -> int:
        return self.item.order


# Meetings ------------------------------------------------------------------------------------


def meetings_for(user) -> QuerySet[Meeting]:
    """The meetings the user sees (headers: date, place, chair, status), newest first."""
    return Meeting.objects.visible_to(user).select_related("municipality", "region", "chair")


def upcoming_meetings_for(user, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    return meetings_for(user).upcoming(now)


def meeting_header_for(user, pk: object) -> Meeting:
    """A meeting's header for the confirmation page (no agenda content, not audited).
    Unknown or unreachable ids raise NotVisible."""
    meeting = meetings_for(user).filter(pk=parse_id(pk)).first()
    if meeting is None:
        raise NotVisible("meeting.view", object_type="meeting", object_id=pk, purpose=PURPOSE_MEETING)
    return meeting


def has_confirmed(user, meeting: Meeting) -> bool:
    return policy.has_confirmed(user, meeting)


def get_meeting_for(user, pk: object) -> Meeting:
    """A meeting whose agenda the user is about to see, audited as "meeting.view". Raises
    NotVisible (404) out of reach, and ConfidentialityNotConfirmed (carrying the meeting's
    header) until the user confirmed the confidentiality statement for it."""
    meeting = meeting_header_for(user, pk)
    if not policy.has_confirmed(user, meeting):
        raise ConfidentialityNotConfirmed(meeting)
    record("meeting.view", object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING, actor=user)
    return meeting


def invitations_for(user, meeting: Meeting) -> QuerySet[MeetingInvitation]:
    return MeetingInvitation.objects.visible_to(user).filter(meeting=meeting).select_related("organisation", "person")


def confirmations_for(user, meeting: Meeting) -> QuerySet[ConfidentialityConfirmation]:
    """Who confirmed (all of them for who runs the meeting; otherwise the user's own)."""
    return (
        ConfidentialityConfirmation.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("user", "organisation")
    )


# The agenda ----------------------------------------------------------------------------------


def _ensure_content(user, meeting: Meeting) -> None:
    if not policy.may_see_meeting(user, meeting):
        raise NotVisible("meeting.view", object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING)
    if not policy.has_confirmed(user, meeting):
        raise ConfidentialityNotConfirmed(meeting)


def _views(user, meeting: Meeting, item_pk: int | None = None) -> list[AgendaItemView]:
    """The views of a meeting's agenda items (or of one), in a fixed number of queries
    whatever the number of items."""
    items = AgendaItem.objects.visible_to(user).filter(meeting=meeting)
    if item_pk is not None:
        items = items.filter(pk=item_pk)
    participant = AgendaItem.objects.filter(policy.item_participant_q(user), pk=OuterRef("pk"))
    items = list(
        items.annotate(is_participant=Exists(participant)).select_related("case__subject").order_by("order", "pk")
    )
    if not items:
        return []
    by_pk = {item.pk: item for item in items}
    case_to_item = {item.case_id: item.pk for item in items}
    information = InformationItem.objects.filter(
        policy.agenda_information_q(user, meeting.pk, items[0].case_id if item_pk is not None else None)
    ).select_related("category", "source_organisation")
    info_by_item: dict[int, list] = defaultdict(list)
    for info in information:
        info_by_item[case_to_item[info.case_id]].append(info)
    minutes = {m.item_id: m for m in Minutes.objects.visible_to(user).filter(item__in=by_pk)}
    decisions: dict[int, list] = defaultdict(list)
    for decision in MeetingDecision.objects.visible_to(user).filter(item__in=by_pk).select_related("decided_by"):
        decisions[decision.item_id].append(decision)
    actions: dict[int, list] = defaultdict(list)
    for action in (
        Action.objects.visible_to(user)
        .filter(item__in=by_pk)
        .with_overdue()
        .select_related("owner_organisation", "owner_person")
    ):
        actions[action.item_id].append(action)
    disclosures: dict[int, list] = defaultdict(list)
    for disclosure in (
        DisclosureDecision.objects.visible_to(user)
        .filter(item__in=by_pk)
        .select_related("organisation", "category", "decided_by")
    ):
        disclosures[disclosure.item_id].append(disclosure)
    organisation = policy.organisation_of(user)
    receivable = set(policy.receivable_categories(user).values_list("pk", flat=True))
    categories = {category.pk: category for category in InformationCategory.objects.all()}
    views = []
    for item in items:
        visible = {d.category_id for d in disclosures[item.pk] if organisation and d.organisation_id == organisation.pk}
        if item.is_participant:
            visible |= receivable
        shown = tuple(sorted((categories[pk] for pk in visible), key=lambda c: (c.position, c.pk)))
        views.append(
            AgendaItemView(
                item=item,
                is_participant=item.is_participant,
                subject=item.case.subject if any(c.code == IDENTIFICATION for c in shown) else None,
                categories=shown,
                information_items=tuple(info_by_item[item.pk]),
                minutes=minutes.get(item.pk),
                decisions=tuple(decisions[item.pk]),
                actions=tuple(actions[item.pk]),
                disclosures=tuple(disclosures[item.pk]),
            )
        )
    return views


def agenda_for(user, meeting: Meeting) -> list[AgendaItemView]:
    """Every agenda item of the meeting as the user may see it, in agenda order. NotVisible
    out of reach, ConfidentialityNotConfirmed before confirming. Writes nothing (the page's
    "meeting.view" entry comes from get_meeting_for)."""
    _ensure_content(user, meeting)
    return _views(user, meeting)


def agenda_item_view(recipient, item: AgendaItem) -> AgendaItemView:
    """What the recipient may see of one agenda item: the information items in the
    categories they may see there, the minutes and decisions if they take part in the item,
    the actions they see and the disclosures that concern them. A pure function of
    (recipient, item) and the database: no audit entry, no change; the per-recipient minutes
    export calls it for each recipient and item."""
    meeting = Meeting.objects.filter(pk=item.meeting_id).first()
    if meeting is None:
        raise NotVisible("agenda_item.view", object_type="agenda_item", object_id=item.pk, purpose=PURPOSE_MEETING)
    _ensure_content(recipient, meeting)
    views = _views(recipient, meeting, item.pk)
    if not views:
        raise NotVisible("agenda_item.view", object_type="agenda_item", object_id=item.pk, purpose=PURPOSE_MEETING)
    return views[0]


def get_agenda_item_for(user, pk: object) -> AgendaItem:
    """One agenda item, audited as "agenda_item.view" with the case's subject. NotVisible out
    of reach; ConfidentialityNotConfirmed before confirming. Show it through
    agenda_item_view(user, item)."""
    item = (
        AgendaItem.objects.filter(policy.meeting_q(user, "meeting__"), pk=parse_id(pk))
        .select_related("meeting", "case")
        .first()
    )
    if item is None:
        raise NotVisible("agenda_item.view", object_type="agenda_item", object_id=pk, purpose=PURPOSE_MEETING)
    if not policy.has_confirmed(user, item.meeting):
        raise ConfidentialityNotConfirmed(item.meeting, "agenda_item.view")
    record(
        "agenda_item.view",
        object_type="agenda_item",
        object_id=item.pk,
        subject_id=item.case.subject_id,
        purpose=PURPOSE_MEETING,
        actor=user,
    )
    return item


def minutes_history_for(user, item: AgendaItem) -> QuerySet[MinutesRevision]:
    """Every version of the item's minutes, oldest first (participants, confirmed)."""
    return MinutesRevision.objects.visible_to(user).filter(minutes__item=item).select_related("written_by")


def disclosures_for(user, item: AgendaItem) -> QuerySet[DisclosureDecision]:
    return (
        DisclosureDecision.objects.visible_to(user)
        .filter(item=item)
        .select_related("organisation", "category", "decided_by")
    )


# Actions ---------------------------------------------------------------------------------------


def actions_for_owner(user, today: datetime.date | None = None) -> QuerySet[Action]:
    """The open actions on the user's start page: assigned to them, or to their organisation
    without a named person; soonest due first, annotated `is_overdue`."""
    return (
        Action.objects.visible_to(user)
        .owned_by(user)
        .open()
        .with_overdue(today)
        .select_related("item__meeting", "owner_organisation", "owner_person")
        .order_by("due_date", "pk")
    )


def first_actions_for_owner(user, limit: int, today: datetime.date | None = None) -> list[Action]:
    """The first `limit` of actions_for_owner, read as the two disjoint halves of the owner
    rule (policy.action_owner_parts), each in index order with the limit, and merged. One
    query with the OR of both reads and sorts every open action of a large organisation
    before taking the first few (4,800 for the benchmark's school: 20 ms)."""
    found: list[Action] = []
    for part in policy.action_owner_parts(user):
        found += (
            Action.objects.visible_to(user)
            .filter(part)
            .open()
            .with_overdue(today)
            .select_related("item__meeting", "owner_organisation", "owner_person")
            .order_by("due_date", "pk")[:limit]
        )
    return sorted(found, key=lambda action: (action.due_date, action.pk))[:limit]


def overdue_actions_for(user, today: datetime.date | None = None) -> QuerySet[Action]:
    """Overdue actions the user sees: their organisation's, those of meetings they chair and
    of cases they direct or work on."""
    return (
        Action.objects.visible_to(user)
        .overdue(today)
        .with_overdue(today)
        .select_related("item__meeting", "owner_organisation", "owner_person")
        .order_by("due_date", "pk")
    )


def actions_for_item(user, item: AgendaItem) -> QuerySet[Action]:
    return (
        Action.objects.visible_to(user)
        .filter(item=item)
        .with_overdue()
        .select_related("owner_organisation", "owner_person")
    )
