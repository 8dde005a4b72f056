"""Nobody is pointed at a page they cannot open: every recipient of every kind of
notification gets a 200 for its link."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspel.intake import services as intake
from samenspel.meetings import services as meetings
from samenspel.notifications.models import Notification, NotificationKind
from samenspel.notifications.services import send_overdue_reminders
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories_cases import CaseFactory, SignalFactory, category
from samenspel.testing.factories_meetings import ActionFactory, confirm

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def assert_every_link_opens(client_for, kinds):
    notifications = list(Notification.objects.filter(kind__in=kinds).select_related("recipient"))
    assert notifications
    for notification in notifications:
        response = client_for(notification.recipient).get(notification.link)
        assert response.status_code == 200, (notification.kind, notification.recipient.email, notification.link)


def test_every_recipient_opens_what_they_are_told_about(personas, meeting_scenario, client_for):
    intake.report_signal(
        personas.teacher,
        observation="Zorgen.",
        concern_categories=[ConcernCategory.objects.get(code="behavioural_change")],
        municipality=personas.municipality,
    )
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    intake.request_information(
        personas.coordinator,
        signal,
        organisation=personas.police_org,
        categories=[category("police_and_justice")],
        question="Bekend?",
    )
    confirm(meeting_scenario.meeting, personas.chair)
    meetings.create_action(
        personas.chair,
        meeting_scenario.item,
        description="x",
        owner_organisation=personas.youth_work_org,
        due_date=TODAY + datetime.timedelta(days=3),
    )
    ActionFactory(
        item=meeting_scenario.item,
        owner_organisation=personas.school_org,
        due_date=TODAY - datetime.timedelta(days=1),
    )
    CaseFactory(
        municipality=personas.municipality,
        coordinator=personas.coordinator,
        next_review_date=TODAY - datetime.timedelta(days=1),
    )
    send_overdue_reminders()
    assert set(Notification.objects.values_list("kind", flat=True)) == set(NotificationKind.values)
    assert_every_link_opens(client_for, NotificationKind.values)
    # The owner's link leads to their own list of actions on the start page, with the action.
    start = client_for(personas.youth_worker).get("/").content.decode()
    assert 'id="sectie-actions"' in start
