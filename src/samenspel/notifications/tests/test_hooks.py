"""The notify hooks in intake and meetings: the right people, never the actor, nobody out of
scope or inactive, nothing on a rollback, and an e-mail without details, one per recipient."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samenspel.accounts.models import OrganisationType
from samenspel.accounts.roles import Role
from samenspel.intake import services as intake
from samenspel.meetings import services as meetings
from samenspel.notifications.models import Notification, NotificationKind
from samenspel.sharing.models import ConcernCategory
from samenspel.testing.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from samenspel.testing.factories_cases import SignalFactory, category
from samenspel.testing.factories_meetings import confirm

pytestmark = pytest.mark.django_db
IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)
OBSERVATION = "Praat steeds vaker over Kwintijn Zwartveld en diens reisplannen."


def coordinator_of(municipality, **user_kwargs):
    org = OrganisationFactory(type=OrganisationType.MUNICIPALITY, municipality=municipality)
    user = UserFactory(organisation=org, **user_kwargs)
    RoleAssignmentFactory(user=user, role=Role.COORDINATOR, municipality=municipality)
    return user


def recipients(kind: str) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def report(user, personas):
    return intake.report_signal(
        user,
        observation=OBSERVATION,
        concern_categories=[ConcernCategory.objects.get(code="behavioural_change")],
        municipality=personas.municipality,
    )


# New signal -------------------------------------------------------------------------------


def test_a_reported_signal_notifies_the_coordinators_of_its_municipality_only(personas):
    neighbour = coordinator_of(personas.neighbour)
    elsewhere = coordinator_of(personas.outsider_org.municipality)
    inactive = coordinator_of(personas.municipality, is_active=False)
    second = coordinator_of(personas.municipality)
    signal = report(personas.teacher, personas)
    assert recipients(NotificationKind.NEW_SIGNAL) == {personas.coordinator.pk, second.pk}
    assert {neighbour.pk, elsewhere.pk, inactive.pk, personas.teacher.pk}.isdisjoint(
        recipients(NotificationKind.NEW_SIGNAL)
    )
    notification = Notification.objects.get(recipient=personas.coordinator)
    assert notification.link == reverse("intake:signal_detail", args=[signal.pk])
    assert notification.text == "Nieuwe melding om te duiden"
    assert notification.read_at is None


def test_a_coordinator_reporting_is_not_told_of_their_own_signal(personas):
    second = coordinator_of(personas.municipality)
    report(personas.coordinator, personas)
    assert recipients(NotificationKind.NEW_SIGNAL) == {second.pk}


def test_a_regional_coordinator_is_told_of_a_signal_in_the_region(personas):
    regional = UserFactory(organisation=personas.municipality_org)
    RoleAssignmentFactory(user=regional, role=Role.COORDINATOR, municipality=None, region=personas.region)
    report(personas.teacher, personas)
    assert regional.pk in recipients(NotificationKind.NEW_SIGNAL)


def test_a_citizen_concern_notifies_the_coordinator(personas):
    intake.report_citizen_concern(municipality=personas.municipality, observation=OBSERVATION, citizen_name="Els")
    assert recipients(NotificationKind.NEW_SIGNAL) == {personas.coordinator.pk}


def test_nothing_is_notified_or_mailed_when_the_report_rolls_back(personas, django_capture_on_commit_callbacks):
    class Boom(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        report(personas.teacher, personas)
        assert Notification.objects.count() == 1  # made inside, gone after the rollback
        raise Boom
    assert Notification.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


# E-mail -----------------------------------------------------------------------------------


def test_the_email_has_no_details_and_goes_once_to_each_recipient(personas, django_capture_on_commit_callbacks):
    second = coordinator_of(personas.municipality, email="tweede@voorbeeldstad.test", full_name="Wim Tweede")
    with django_capture_on_commit_callbacks(execute=True):
        signal = report(personas.teacher, personas)
    assert sorted(m.to for m in mail.outbox) == sorted([[personas.coordinator.email], [second.email]])
    for message in mail.outbox:
        assert message.subject == "Er is iets nieuws voor u in Samenspel"
        assert message.cc == [] and message.bcc == []
        assert "https://samenspel.example.nl/" in message.body
        text = message.subject + message.body
        for secret in (
            personas.teacher.full_name,
            personas.coordinator.full_name,
            second.full_name,
            "Kwintijn",
            "Zwartveld",
            personas.municipality.name,
            personas.school_org.name,
            f"/{signal.pk}/",
            "melding",
        ):
            assert secret.lower() not in text.lower(), secret


def test_no_email_before_the_commit(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report(personas.teacher, personas)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[personas.coordinator.email]]


def test_a_failing_mail_server_breaks_nothing(personas, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "samenspel.notifications.tests.broken_backend.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        report(personas.teacher, personas)
    assert recipients(NotificationKind.NEW_SIGNAL) == {personas.coordinator.pk}


# Information request ----------------------------------------------------------------------


def test_an_information_request_notifies_the_addressed_organisations_case_workers(
    personas, django_capture_on_commit_callbacks
):
    signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    colleague = UserFactory(organisation=personas.police_org)
    RoleAssignmentFactory(user=colleague, role=Role.PARTNER, municipality=None, region=personas.region)
    inactive = UserFactory(organisation=personas.police_org, is_active=False)
    RoleAssignmentFactory(user=inactive, role=Role.PARTNER, municipality=None, region=personas.region)
    no_case_work = UserFactory(organisation=personas.police_org)
    RoleAssignmentFactory(user=no_case_work, role=Role.ANALYST, municipality=None, region=personas.region)
    with django_capture_on_commit_callbacks(execute=True):
        request = intake.request_information(
            personas.coordinator,
            signal,
            organisation=personas.police_org,
            categories=[category("police_and_justice")],
            question="Is hij bij u bekend?",
        )
    assert recipients(NotificationKind.INFORMATION_REQUEST) == {personas.police_officer.pk, colleague.pk}
    assert (
        Notification.objects.filter(kind=NotificationKind.INFORMATION_REQUEST, link__contains=str(request.pk)).count()
        == 2
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([personas.police_officer.email, colleague.email])


# Actions ----------------------------------------------------------------------------------


def test_a_new_action_for_an_organisation_notifies_its_case_workers_not_the_chair(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    other_youth_worker = UserFactory(organisation=personas.youth_work_org)
    RoleAssignmentFactory(user=other_youth_worker, role=Role.PARTNER)
    meetings.create_action(
        personas.chair,
        meeting_scenario.item,
        description="Contact leggen met Kwintijn.",
        owner_organisation=personas.youth_work_org,
        due_date=IN_TWO_WEEKS,
    )
    assert recipients(NotificationKind.ACTION_ASSIGNED) == {personas.youth_worker.pk, other_youth_worker.pk}
    assert set(Notification.objects.values_list("link", flat=True)) == {"/#sectie-actions"}


def test_a_new_action_for_a_person_notifies_only_that_person(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    other_youth_worker = UserFactory(organisation=personas.youth_work_org)
    RoleAssignmentFactory(user=other_youth_worker, role=Role.PARTNER)
    meetings.create_action(
        personas.chair,
        meeting_scenario.item,
        description="x",
        owner_organisation=personas.youth_work_org,
        owner_person=personas.youth_worker,
        due_date=IN_TWO_WEEKS,
    )
    assert recipients(NotificationKind.ACTION_ASSIGNED) == {personas.youth_worker.pk}


def test_the_actor_among_the_owners_is_not_notified(personas, meeting_scenario):
    from samenspel.notifications.services import notify_action_assigned
    from samenspel.testing.factories_meetings import ActionFactory

    other_youth_worker = UserFactory(organisation=personas.youth_work_org)
    RoleAssignmentFactory(user=other_youth_worker, role=Role.PARTNER)
    action = ActionFactory(item=meeting_scenario.item, owner_organisation=personas.youth_work_org)
    notify_action_assigned(action, actor=personas.youth_worker)
    assert recipients(NotificationKind.ACTION_ASSIGNED) == {other_youth_worker.pk}


def test_handing_an_action_over_notifies_only_the_new_owners(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    action = meetings.create_action(
        personas.chair,
        meeting_scenario.item,
        description="x",
        owner_organisation=personas.youth_work_org,
        due_date=IN_TWO_WEEKS,
    )
    Notification.objects.all().delete()
    meetings.update_action(personas.coordinator, action, due_date=IN_TWO_WEEKS + datetime.timedelta(days=1))
    assert Notification.objects.count() == 0  # no new owner, nobody to tell
    meetings.update_action(personas.coordinator, action, owner_person=personas.youth_worker)
    assert Notification.objects.count() == 0  # already an owner (organisation without a person)
    meetings.update_action(personas.coordinator, action, owner_organisation=personas.school_org)
    assert recipients(NotificationKind.ACTION_ASSIGNED) == {personas.teacher.pk}


def test_a_rolled_back_action_notifies_nobody(personas, meeting_scenario, django_capture_on_commit_callbacks):
    confirm(meeting_scenario.meeting, personas.chair)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        meetings.create_action(
            personas.chair,
            meeting_scenario.item,
            description="x",
            owner_organisation=personas.youth_work_org,
            due_date=IN_TWO_WEEKS,
        )
        raise RuntimeError
    assert Notification.objects.count() == 0 and mail.outbox == []
