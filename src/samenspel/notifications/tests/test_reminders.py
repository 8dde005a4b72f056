"""manage.py send_reminders: overdue actions and reviews, each person reminded once per
overdue thing, again after a new due date passes, one audit entry per run."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditEntry
from samenspel.notifications.models import Notification, NotificationKind
from samenspel.testing.factories import RoleAssignmentFactory
from samenspel.testing.factories_cases import CaseFactory
from samenspel.testing.factories_meetings import ActionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def run(date: datetime.date | None = None) -> str:
    out = StringIO()
    args = ["--date", date.isoformat()] if date else []
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def reminded(kind: str) -> dict[int, str]:
    return dict(Notification.objects.filter(kind=kind).values_list("recipient_id", "link"))


@pytest.fixture
def overdue_action(personas, meeting_scenario):
    return ActionFactory(
        item=meeting_scenario.item,
        owner_organisation=personas.youth_work_org,
        due_date=TODAY - datetime.timedelta(days=2),
    )


def test_an_overdue_action_reminds_owner_coordinator_and_chair_once(
    personas, meeting_scenario, overdue_action, django_capture_on_commit_callbacks
):
    ActionFactory(item=meeting_scenario.item, owner_organisation=personas.school_org)  # not yet due
    ActionFactory(item=meeting_scenario.item, owner_organisation=personas.school_org, overdue=True, done=True)
    with django_capture_on_commit_callbacks(execute=True):
        out = run()
    assert "1 overdue actions" in out
    links = reminded(NotificationKind.ACTION_OVERDUE)
    assert set(links) == {personas.youth_worker.pk, personas.coordinator.pk, personas.chair.pk}
    assert links[personas.youth_worker.pk] == "/#sectie-actions"
    assert links[personas.chair.pk] == f"/casusoverleg/{meeting_scenario.meeting.pk}/"
    assert personas.teacher.pk not in links
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas.youth_worker.email, personas.coordinator.email, personas.chair.email]
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out = run()
        run(TODAY + datetime.timedelta(days=1))
    assert Notification.objects.filter(kind=NotificationKind.ACTION_OVERDUE).count() == 3
    assert "0 new notifications" in out
    assert mail.outbox == []


def test_a_new_due_date_that_passes_is_reminded_of_again(personas, overdue_action):
    run()
    overdue_action.due_date = TODAY + datetime.timedelta(days=5)
    overdue_action.save()
    run()
    assert Notification.objects.filter(kind=NotificationKind.ACTION_OVERDUE).count() == 3  # not overdue now
    run(TODAY + datetime.timedelta(days=6))
    assert Notification.objects.filter(kind=NotificationKind.ACTION_OVERDUE).count() == 6
    assert Notification.objects.filter(recipient=personas.youth_worker).count() == 2


def test_a_completed_action_is_not_reminded_of(personas, overdue_action):
    overdue_action.status = "done"
    overdue_action.closed_at = timezone.now()
    overdue_action.save()
    run()
    assert Notification.objects.count() == 0


def test_an_overdue_review_reminds_the_coordinator_only_while_active(personas):
    case = CaseFactory(
        municipality=personas.municipality,
        coordinator=personas.coordinator,
        next_review_date=TODAY - datetime.timedelta(days=1),
    )
    lapsed = CaseFactory(municipality=personas.neighbour, next_review_date=TODAY - datetime.timedelta(days=1))
    RoleAssignmentFactory(user=lapsed.coordinator, role=Role.COORDINATOR, municipality=personas.neighbour)
    run()
    assert lapsed.coordinator.pk in reminded(NotificationKind.REVIEW_OVERDUE)  # while active
    Notification.objects.all().delete()
    lapsed.coordinator.is_active = False
    lapsed.coordinator.save()
    CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator)  # review in six weeks
    CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, closed=True)  # closed: no review
    run()
    assert reminded(NotificationKind.REVIEW_OVERDUE) == {personas.coordinator.pk: f"/casussen/{case.pk}/"}
    run()
    assert Notification.objects.filter(kind=NotificationKind.REVIEW_OVERDUE).count() == 1


def test_each_run_writes_one_audit_entry(personas, overdue_action):
    before = AuditEntry.objects.filter(action="notification.send_reminders").count()
    run()
    run()
    entries = AuditEntry.objects.filter(action="notification.send_reminders").order_by("pk")
    assert entries.count() == before + 2
    entry = entries.last()
    assert entry.channel == "command" and entry.result == "allowed" and entry.actor_id is None


@pytest.mark.parametrize("bad", ["gisteren", "2026-02-30", "01-03-2026"])
def test_a_bad_date_is_refused_and_changes_nothing(personas, overdue_action, bad):
    before = AuditEntry.objects.filter(action="notification.send_reminders").count()
    with pytest.raises(CommandError, match="--date"):
        call_command("send_reminders", "--date", bad, stdout=StringIO())
    assert Notification.objects.count() == 0
    assert AuditEntry.objects.filter(action="notification.send_reminders").count() == before


def test_a_date_before_the_due_date_reminds_nobody(personas, overdue_action):
    run(TODAY - datetime.timedelta(days=10))
    assert Notification.objects.count() == 0


def test_the_named_owner_is_reminded_where_their_start_page_lists_it(personas, meeting_scenario):
    """A named owner who moved to another organisation still has the action on their start
    page (policy.action_owner_q), so is still reminded; their former colleagues are not."""
    from samenspel.meetings.models import Action

    action = ActionFactory(
        item=meeting_scenario.item,
        owner_organisation=personas.youth_work_org,
        owner_person=personas.youth_worker,
        due_date=TODAY - datetime.timedelta(days=1),
    )
    personas.youth_worker.organisation = personas.school_org
    personas.youth_worker.save()
    assert Action.objects.owned_by(personas.youth_worker).filter(pk=action.pk).exists()
    run()
    assert personas.youth_worker.pk in reminded(NotificationKind.ACTION_OVERDUE)
    assert personas.teacher.pk not in reminded(NotificationKind.ACTION_OVERDUE)
