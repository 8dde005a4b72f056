"""manage.py load_demo's case conferences (samenspel.meetings.demo)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.audit.models import AuditEntry
from samenspel.audit.verify import verify_all
from samenspel.cases.models import InformationItem
from samenspel.meetings import exports, selectors
from samenspel.meetings.models import Action, ConfidentialityConfirmation, Meeting, Minutes
from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.testing import pdf

pytestmark = pytest.mark.django_db

TEACHER = "docent@school.test"
YOUTH_WORKER = "jongerenwerker@jongerenwerk.test"


@pytest.fixture
def loaded(settings) -> None:
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())


def test_two_past_meetings_with_minutes_and_actions_and_one_upcoming(loaded):
    now = timezone.now()
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    assert held.count() == 2 and all(m.starts_at < now for m in held)
    for meeting in held:
        assert Minutes.objects.filter(item__meeting=meeting).count() == meeting.agenda_items.count() == 2
        assert Action.objects.filter(item__meeting=meeting).exists()
    upcoming = Meeting.objects.get(status=MeetingStatus.PLANNED)
    assert upcoming.starts_at > now and upcoming.agenda_items.count() == 3
    assert not ConfidentialityConfirmation.objects.filter(meeting=upcoming).exists()
    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    assert Action.objects.overdue().exists()
    assert all(m.created_at < m.starts_at for m in Meeting.objects.all())
    assert verify_all().ok
    assert AuditEntry.objects.filter(action="action.create").count() == Action.objects.count()
    assert AuditEntry.objects.filter(action="meeting.create").count() == 3


def test_the_youth_worker_sees_the_action_and_the_name_but_no_police_information(loaded):
    youth_worker = User.objects.get(email=YOUTH_WORKER)
    action = selectors.actions_for_owner(youth_worker).get(description__startswith="Ĳsbrand uitnodigen")
    view = selectors.agenda_item_view(youth_worker, action.item)
    assert not view.is_participant
    assert view.subject is not None and view.subject.given_names == "Ĳsbrand"
    assert view.minutes is None and view.decisions == ()
    assert not [i for i in view.information_items if i.category.code == "police_and_justice"]


def test_the_teachers_minutes_hold_no_police_information(loaded):
    teacher = User.objects.get(email=TEACHER)
    meeting = Meeting.objects.get(status=MeetingStatus.HELD, invitations__organisation=teacher.organisation)
    text = pdf.text(exports.render_minutes_pdf(teacher, meeting))
    assert "Ĳsbrand" in text and "Verzuimoverzicht" in text
    police_texts = InformationItem.objects.filter(
        case__agenda_items__meeting=meeting, category__code="police_and_justice"
    ).values_list("text", flat=True)
    assert police_texts
    assert not [t for t in police_texts if t[:40] in text]
