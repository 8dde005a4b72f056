"""Every meeting write appends exactly one audit entry (purpose "meeting", the case's subject
where there is one) in the same transaction: a failing write leaves neither the record nor the
entry. The reads get_meeting_for / get_agenda_item_for are audited; the pure selectors are not."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.meetings import selectors
from samenspel.meetings import services as meetings
from samenspel.meetings.models import (
    Action,
    AgendaItem,
    DisclosureDecision,
    Meeting,
    MeetingDecision,
    MeetingInvitation,
    Minutes,
)
from samenspel.testing.factories_cases import CaseFactory, category
from samenspel.testing.factories_meetings import ActionFactory, AgendaItemFactory, confirm

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.now() + datetime.timedelta(days=7)
IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)


def _new_case(p):
    return CaseFactory(municipality=p.municipality, coordinator=p.coordinator)


# (action, object type, whether the entry carries the case's subject, how to do it)
WRITES: list[tuple[str, str, bool, Callable]] = [
    (
        "meeting.create",
        "meeting",
        False,
        lambda p, s: meetings.create_meeting(
            p.chair, municipality=p.municipality, starts_at=NEXT_WEEK, location="Stadhuis"
        ),
    ),
    ("meeting.update", "meeting", False, lambda p, s: meetings.update_meeting(p.chair, s.meeting, location="Zaal")),
    (
        "meeting.change_status",
        "meeting",
        False,
        lambda p, s: meetings.change_meeting_status(p.chair, s.meeting, "cancelled", reason="Geen zaal."),
    ),
    (
        "meeting.invite",
        "meeting_invitation",
        False,
        lambda p, s: meetings.invite(p.chair, s.meeting, p.municipality_org, person=p.coordinator),
    ),
    (
        "meeting.confirm_confidentiality",
        "meeting",
        False,
        lambda p, s: meetings.confirm_confidentiality(p.teacher, s.meeting),
    ),
    (
        "agenda_item.add",
        "agenda_item",
        True,
        lambda p, s: meetings.add_agenda_item(p.coordinator, s.meeting, _new_case(p), kind="new"),
    ),
    (
        "agenda_item.remove",
        "agenda_item",
        True,
        lambda p, s: meetings.remove_agenda_item(
            p.coordinator, AgendaItemFactory(meeting=s.meeting, case=_new_case(p))
        ),
    ),
    ("meeting.reorder_agenda", "meeting", False, lambda p, s: meetings.reorder_agenda(p.chair, s.meeting, [s.item])),
    (
        "agenda_item.share",
        "disclosure_decision",
        True,
        lambda p, s: meetings.share_for_item(
            p.chair, s.item, p.youth_work_org, category("police_and_justice"), "Nodig voor de begeleiding."
        ),
    ),
    ("minutes.write", "minutes", True, lambda p, s: meetings.write_minutes(p.chair, s.item, text="Besproken.")),
    (
        "meeting_decision.add",
        "meeting_decision",
        True,
        lambda p, s: meetings.record_decision(p.chair, s.item, text="Door naar uitvoering."),
    ),
    (
        "action.create",
        "action",
        True,
        lambda p, s: meetings.create_action(
            p.chair, s.item, description="Bellen.", owner_organisation=p.school_org, due_date=IN_TWO_WEEKS
        ),
    ),
    (
        "action.update",
        "action",
        True,
        lambda p, s: meetings.update_action(p.chair, s.action, description="Langsgaan."),
    ),
    ("action.change_status", "action", True, lambda p, s: meetings.complete_action(p.teacher, s.action)),
]


@pytest.fixture
def scene(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair, personas.coordinator)
    meeting_scenario.action = ActionFactory(item=meeting_scenario.item, owner_organisation=personas.school_org)
    return meeting_scenario


@pytest.mark.parametrize(("action", "object_type", "with_subject", "write"), WRITES, ids=[w[0] for w in WRITES])
def test_each_write_appends_exactly_one_entry(personas, scene, action, object_type, with_subject, write):
    before = AuditEntry.objects.count()
    write(personas, scene)
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [e.action for e in entries] == [action]
    entry = entries[0]
    assert entry.object_type == object_type and entry.object_id
    assert entry.purpose == "meeting" and entry.result == "allowed"
    assert bool(entry.subject_id) == with_subject
    if with_subject and action not in {"agenda_item.add", "agenda_item.remove"}:
        assert entry.subject_id == str(scene.item.case.subject_id)


def test_every_service_is_covered():
    assert {w[0] for w in WRITES} >= {
        "meeting.create",
        "meeting.update",
        "meeting.change_status",
        "meeting.invite",
        "meeting.confirm_confidentiality",
        "agenda_item.add",
        "agenda_item.remove",
        "meeting.reorder_agenda",
        "agenda_item.share",
        "minutes.write",
        "meeting_decision.add",
        "action.create",
        "action.update",
        "action.change_status",
    }


def test_a_repeated_confirmation_writes_nothing(personas, scene):
    meetings.confirm_confidentiality(personas.teacher, scene.meeting)
    before = AuditEntry.objects.count()
    meetings.confirm_confidentiality(personas.teacher, scene.meeting)
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("model", "write"),
    [
        (Meeting, lambda p, s: meetings.create_meeting(p.chair, municipality=p.municipality, starts_at=NEXT_WEEK)),
        (MeetingInvitation, lambda p, s: meetings.invite(p.chair, s.meeting, p.outsider_org)),
        (AgendaItem, lambda p, s: meetings.add_agenda_item(p.coordinator, s.meeting, _new_case(p), kind="x")),
        (
            DisclosureDecision,
            lambda p, s: meetings.share_for_item(p.chair, s.item, p.youth_work_org, category("intelligence"), "x"),
        ),
        (Minutes, lambda p, s: meetings.write_minutes(p.chair, s.item, text="\x00")),
        (MeetingDecision, lambda p, s: meetings.record_decision(p.chair, s.item, text="")),
        (
            Action,
            lambda p, s: meetings.create_action(
                p.chair, s.item, description="x", owner_organisation=p.school_org, due_date=datetime.date(2000, 1, 1)
            ),
        ),
    ],
)
def test_a_refused_write_leaves_neither_record_nor_entry(personas, scene, model, write):
    rows, entries = model.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        write(personas, scene)
    assert (model.objects.count(), AuditEntry.objects.count()) == (rows, entries)


def test_the_entry_rolls_back_with_the_change(personas, scene):
    entries, decisions = AuditEntry.objects.count(), MeetingDecision.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        meetings.record_decision(personas.chair, scene.item, text="Wordt teruggedraaid.")
        assert AuditEntry.objects.count() == entries + 1
        raise RuntimeError
    assert (AuditEntry.objects.count(), MeetingDecision.objects.count()) == (entries, decisions)


def test_a_failing_audit_entry_fails_the_write(personas, scene, monkeypatch):
    import samenspel.meetings.services.common as common

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(common, "record", broken)
    with pytest.raises(RuntimeError):
        meetings.record_decision(personas.chair, scene.item, text="Zonder audit niet.")
    assert not MeetingDecision.objects.exists()


def test_reads_are_audited_where_a_page_shows_a_record(personas, scene):
    before = AuditEntry.objects.count()
    selectors.get_meeting_for(personas.chair, scene.meeting.pk)
    selectors.get_agenda_item_for(personas.chair, scene.item.pk)
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.subject_id) for e in entries] == [
        ("meeting.view", ""),
        ("agenda_item.view", str(scene.item.case.subject_id)),
    ]


def test_the_pure_selectors_write_nothing(personas, scene):
    before = AuditEntry.objects.count()
    selectors.agenda_for(personas.chair, scene.meeting)
    selectors.agenda_item_view(personas.coordinator, scene.item)
    list(selectors.actions_for_owner(personas.teacher))
    assert AuditEntry.objects.count() == before
