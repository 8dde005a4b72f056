"""The retention job, with time travel: each record type goes on its day and not a day before,
with everything that depends on it; held records stay; files leave storage; the audit chain
still verifies after pseudonymisation; the deletion record holds counts only; a second run
changes nothing."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.forms.models import model_to_dict

from samenspel.audit import context
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record
from samenspel.audit.verify import verify_all
from samenspel.cases.models import (
    Case,
    CasePhaseChange,
    CaseTeamMember,
    InformationItem,
    InterventionStatusChange,
    RelatedPerson,
    Subject,
)
from samenspel.intake.models import (
    Attachment,
    InformationRequest,
    Signal,
    SignalTransition,
    TriageDecision,
)
from samenspel.intake.workflow import SignalStatus
from samenspel.meetings.models import (
    ActionStatusChange,
    AgendaItem,
    MinutesRevision,
)
from samenspel.notifications import links
from samenspel.notifications.models import Notification, NotificationKind
from samenspel.retention.job import PSEUDONYMISED_AGE, PSEUDONYMISED_SUBJECT, run_retention
from samenspel.retention.models import DeletionRun, LegalHold, RetentionOverride
from samenspel.retention.policy import RecordType, expires_on, months_before
from samenspel.retention.tests.helpers import attach, closed_case, closed_signal, noon, stored_exists
from samenspel.testing.factories_cases import (
    AssessmentNoteFactory,
    CaseFactory,
    InformationItemFactory,
    InformationRequestFactory,
    LifeDomainAssessmentFactory,
    RelatedPersonFactory,
    SignalFactory,
    SubjectFactory,
    TriageDecisionFactory,
)
from samenspel.testing.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    DisclosureDecisionFactory,
    MeetingDecisionFactory,
    MeetingFactory,
    MinutesFactory,
)
from samenspel.testing.factories_plans import (
    CaseClosureFactory,
    CaseReopeningFactory,
    CaseReviewFactory,
    CaseTransferFactory,
    GoalFactory,
    InterventionFactory,
    PlanFactory,
)

DAY = datetime.timedelta(days=1)
CLOSED_ON = datetime.date(2025, 3, 10)


def exists(obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).exists()


def notify(user, link: str) -> Notification:
    return Notification.objects.create(recipient=user, kind=NotificationKind.NEW_SIGNAL, link=link)


# The policy's arithmetic -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 10), 12, datetime.date(2025, 3, 10)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2025, 12, 31)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2025, 2, 28), 12, datetime.date(2024, 2, 28)),
        (datetime.date(2030, 1, 15), 60, datetime.date(2025, 1, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("closed", "months", "expected"),
    [
        (datetime.date(2025, 3, 10), 12, datetime.date(2026, 3, 10)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 3, 1)),
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 3, 1)),
    ],
)
def test_expires_on_is_the_first_day_the_record_counts_as_expired(closed, months, expected):
    assert expires_on(closed, months) == expected
    assert months_before(expected, months) >= closed
    assert months_before(expected - DAY, months) < closed


# Signals -----------------------------------------------------------------------------------


def test_a_no_concern_signal_goes_after_one_year_with_everything_on_it(personas):
    signal = closed_signal(personas, CLOSED_ON)
    note = AssessmentNoteFactory(signal=signal, author=personas.coordinator)
    decision = TriageDecisionFactory(signal=signal, decided_by=personas.coordinator)
    request = InformationRequestFactory(
        signal=signal, organisation=personas.police_org, requested_by=personas.coordinator
    )
    answer = InformationItemFactory(case=None, signal=signal, request=request, source_organisation=personas.police_org)
    attachment = attach(signal)
    to_signal = notify(personas.coordinator, links.signal_page(signal.pk))
    to_request = notify(personas.police_officer, links.information_request_page(request.pk))
    other = closed_signal(personas, CLOSED_ON + DAY)
    assert stored_exists(attachment)

    run_retention(datetime.date(2026, 3, 9))
    assert exists(signal)
    assert stored_exists(attachment)

    run = run_retention(datetime.date(2026, 3, 10))
    for gone in (signal, note, decision, request, answer, attachment, to_signal, to_request):
        assert not exists(gone), type(gone).__name__
    assert not SignalTransition.objects.filter(signal_id=signal.pk).exists()
    assert not stored_exists(attachment)
    assert exists(other)  # closed a day later: its day is tomorrow
    assert run.counts["intake.Signal"] == 1
    assert run.counts["intake.Attachment"] == 1
    assert run.counts["files"] == 1

    run_retention(datetime.date(2026, 3, 11))
    assert not exists(other)


@pytest.mark.parametrize("status", [SignalStatus.REFERRED, SignalStatus.HANDED_TO_POLICE])
def test_a_signal_with_another_closing_decision_goes_after_two_years(personas, status):
    signal = closed_signal(personas, CLOSED_ON, status=status)
    run_retention(datetime.date(2027, 3, 9))
    assert exists(signal)
    run_retention(datetime.date(2027, 3, 10))
    assert not exists(signal)


@pytest.mark.parametrize("status", [SignalStatus.NEW, SignalStatus.IN_TRIAGE, SignalStatus.MONITORING])
def test_open_signals_are_never_deleted(personas, status):
    with time_machine.travel(noon(CLOSED_ON), tick=False):
        signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, status=status)
    run_retention(datetime.date(2040, 1, 1))
    assert exists(signal)


def test_a_shortened_period_applies_to_its_municipality_only(personas):
    RetentionOverride.objects.create(
        municipality=personas.municipality,
        record_type=RecordType.SIGNAL_NO_CONCERN,
        months=6,
        reason="Raadsbesluit",
        changed_by=personas.privacy_officer,
    )
    here = closed_signal(personas, CLOSED_ON)
    next_door = closed_signal(personas, CLOSED_ON, reporter=personas.youth_worker, municipality=personas.neighbour)
    run_retention(datetime.date(2025, 9, 9))
    assert exists(here)
    run_retention(datetime.date(2025, 9, 10))
    assert not exists(here)
    assert exists(next_door)


def test_an_override_longer_than_the_default_is_refused_by_the_database(personas):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionOverride.objects.create(
            municipality=personas.municipality,
            record_type=RecordType.SIGNAL_NO_CONCERN,
            months=13,
            reason="Te lang",
            changed_by=personas.privacy_officer,
        )


# Cases -------------------------------------------------------------------------------------


def _full_case(personas, closed_on):
    """A closed case with one of every dependent record, and the signal that became it."""
    subject = SubjectFactory()
    case = closed_case(personas, closed_on, subject=subject, team=[personas.school_org])
    parent = RelatedPersonFactory(subject=subject, added_by=personas.coordinator)
    item = InformationItemFactory(case=case, source_organisation=personas.school_org)
    assessment = LifeDomainAssessmentFactory(case=case)
    plan = PlanFactory(case=case)
    goal = GoalFactory(plan=plan)
    intervention = InterventionFactory(plan=plan, goal=goal, running=True)
    review = CaseReviewFactory(case=case)
    first_closure = CaseClosureFactory(case=case, closed_at=noon(closed_on) - datetime.timedelta(days=300))
    reopening = CaseReopeningFactory(case=case, closure=first_closure)
    closure = CaseClosureFactory(case=case, closed_at=noon(closed_on))
    transfer = CaseTransferFactory(case=case, to_municipality=personas.neighbour, declined=True)
    signal = closed_signal(personas, closed_on - datetime.timedelta(days=400), status=SignalStatus.CASE)
    Signal.objects.filter(pk=signal.pk).update(case=case, subject=subject)
    decision = TriageDecisionFactory(signal=signal, outcome="open_case", case=case, decided_by=personas.coordinator)
    attachment = attach(signal)
    request = InformationRequest.objects.create(
        case=case, organisation=personas.police_org, question="Bekend?", requested_by=personas.coordinator
    )
    meeting = MeetingFactory(municipality=personas.municipality, chair=personas.chair, held=True)
    agenda_item = AgendaItemFactory(meeting=meeting, case=case)
    minutes = MinutesFactory(item=agenda_item)
    meeting_decision = MeetingDecisionFactory(item=agenda_item)
    disclosure = DisclosureDecisionFactory(item=agenda_item, organisation=personas.youth_work_org)
    action = ActionFactory(item=agenda_item, owner_organisation=personas.school_org, done=True)
    notifications = [
        notify(personas.coordinator, links.case_page(case.pk)),
        notify(personas.coordinator, links.signal_page(signal.pk)),
        notify(personas.police_officer, links.information_request_page(request.pk)),
    ]
    return {
        "subject": subject,
        "case": case,
        "parent": parent,
        "item": item,
        "assessment": assessment,
        "plan": plan,
        "goal": goal,
        "intervention": intervention,
        "review": review,
        "closure": closure,
        "first_closure": first_closure,
        "reopening": reopening,
        "transfer": transfer,
        "signal": signal,
        "decision": decision,
        "attachment": attachment,
        "request": request,
        "meeting": meeting,
        "agenda_item": agenda_item,
        "minutes": minutes,
        "meeting_decision": meeting_decision,
        "disclosure": disclosure,
        "action": action,
        "notifications": notifications,
    }


def test_a_closed_case_goes_after_five_years_with_every_dependent_and_its_subject(personas):
    made = _full_case(personas, datetime.date(2020, 1, 15))
    case = made["case"]

    run_retention(datetime.date(2025, 1, 14))
    assert exists(case)

    run = run_retention(datetime.date(2025, 1, 15))
    for name, obj in made.items():
        if name == "meeting":
            continue
        for one in obj if isinstance(obj, list) else [obj]:
            assert not exists(one), name
    assert exists(made["meeting"])  # the meeting stays; only this case's item left its agenda
    assert not stored_exists(made["attachment"])
    # Nothing anywhere still points at the deleted case, signal or subject.
    for model, field in (
        (CasePhaseChange, "case_id"),
        (CaseTeamMember, "case_id"),
        (InterventionStatusChange, "intervention__plan__case_id"),
        (MinutesRevision, "minutes__item__case_id"),
        (ActionStatusChange, "action__item__case_id"),
        (InformationItem, "case_id"),
        (TriageDecision, "case_id"),
        (Signal, "case_id"),
        (AgendaItem, "case_id"),
    ):
        assert not model.objects.filter(**{field: case.pk}).exists(), model.__name__
    assert not Case.objects.filter(subject_id=made["subject"].pk).exists()
    assert run.counts["cases.Case"] == 1
    assert run.counts["cases.Subject"] == 1
    assert run.counts["meetings.AgendaItem"] == 1
    assert run.counts["files"] == 1


def test_a_case_in_aftercare_is_not_closed_and_stays(personas):
    with time_machine.travel(noon(datetime.date(2015, 1, 1)), tick=False):
        case = CaseFactory(municipality=personas.municipality, coordinator=personas.coordinator, in_aftercare=True)
    run_retention(datetime.date(2040, 1, 1))
    assert exists(case)


def test_a_subject_with_another_case_stays(personas):
    subject = SubjectFactory()
    old = closed_case(personas, datetime.date(2018, 6, 1), subject=subject)
    current = CaseFactory(subject=subject, municipality=personas.municipality, coordinator=personas.coordinator)
    run_retention(datetime.date(2024, 1, 1))
    assert not exists(old)
    assert exists(current)
    assert exists(subject)


def test_a_subject_with_an_open_signal_stays(personas):
    subject = SubjectFactory()
    closed_signal(personas, CLOSED_ON, subject=subject)
    open_signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, subject=subject)
    run_retention(datetime.date(2027, 1, 1))
    assert exists(subject)
    assert exists(open_signal)


def test_a_decision_of_a_signal_that_stays_only_loses_its_link_to_the_deleted_case(personas):
    case = closed_case(personas, datetime.date(2018, 6, 1))
    open_signal = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, in_triage=True)
    decision = TriageDecisionFactory(
        signal=open_signal, outcome="open_case", case=case, decided_by=personas.coordinator
    )
    run_retention(datetime.date(2024, 1, 1))
    assert not exists(case)
    decision.refresh_from_db()
    assert decision.case_id is None
    assert exists(open_signal)


# Legal holds -------------------------------------------------------------------------------


def _hold(personas, ends_on, **target):
    (target_type,) = target
    return LegalHold.objects.create(
        target_type=target_type,
        municipality=personas.municipality,
        reason="Lopende procedure",
        ends_on=ends_on,
        placed_by=personas.privacy_officer,
        **target,
    )


def test_a_held_signal_stays_until_the_hold_ends(personas):
    signal = closed_signal(personas, CLOSED_ON)
    hold = _hold(personas, datetime.date(2026, 6, 30), signal=signal)
    run_retention(datetime.date(2026, 6, 30))
    assert exists(signal)
    run_retention(datetime.date(2026, 7, 1))
    assert not exists(signal)
    assert not exists(hold)  # the hold goes with its record


def test_a_hold_on_the_subject_keeps_its_cases_and_signals(personas):
    subject = SubjectFactory()
    case = closed_case(personas, datetime.date(2018, 1, 1), subject=subject)
    signal = closed_signal(personas, datetime.date(2018, 1, 1), subject=subject)
    _hold(personas, datetime.date(2030, 1, 1), subject=subject)
    run_retention(datetime.date(2029, 12, 31))
    assert exists(case) and exists(signal) and exists(subject)


def test_a_held_case_stays_and_a_lifted_hold_keeps_nothing(personas):
    kept = closed_case(personas, datetime.date(2018, 1, 1))
    lifted = closed_case(personas, datetime.date(2018, 1, 1))
    _hold(personas, datetime.date(2030, 1, 1), case=kept)
    hold = _hold(personas, datetime.date(2030, 1, 1), case=lifted)
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=noon(datetime.date(2023, 1, 1)))
    run_retention(datetime.date(2024, 1, 1))
    assert exists(kept)
    assert not exists(lifted)


# The audit log -----------------------------------------------------------------------------


def test_audit_entries_about_a_deleted_subject_are_pseudonymised_and_the_chain_verifies(personas):
    subject = SubjectFactory()
    case = closed_case(personas, datetime.date(2018, 1, 1), subject=subject)
    other = SubjectFactory()
    with context.as_command("test"):
        about = [
            record(
                "case.view", object_type="case", object_id=case.pk, subject_id=subject.pk, actor=personas.coordinator
            )
            for _ in range(3)
        ]
        unrelated = record(
            "case.view", object_type="case", object_id=1, subject_id=other.pk, actor=personas.coordinator
        )
    assert verify_all().ok

    run = run_retention(datetime.date(2024, 1, 1))

    pseudonyms = set()
    for entry in AuditEntry.objects.filter(pk__in=[e.pk for e in about]):
        assert entry.subject_id.startswith("p-") and entry.subject_id != str(subject.pk)
        assert entry.pseudonymised_at is not None
        assert entry.identity_digest == next(e for e in about if e.pk == entry.pk).identity_digest
        assert entry.actor_id == personas.coordinator.pk  # who looked stays, for five years
        pseudonyms.add(entry.subject_id)
    assert len(pseudonyms) == 1  # one person, one pseudonym
    assert not AuditEntry.objects.filter(subject_id=str(subject.pk)).exists()
    assert AuditEntry.objects.get(pk=unrelated.pk).subject_id == str(other.pk)
    assert run.counts[PSEUDONYMISED_SUBJECT] == 3
    report = verify_all()
    assert report.ok, report.breaks
    call_command("verify_audit")  # exits non-zero (CommandError) on a broken chain


def test_old_audit_entries_lose_their_identifying_fields_and_stay(personas):
    with time_machine.travel(noon(datetime.date(2019, 1, 10)), tick=False), context.as_command("test"):
        old = record("user.view", object_type="user", object_id=1, subject_id="77", actor=personas.coordinator)
    with time_machine.travel(noon(datetime.date(2019, 1, 11)), tick=False), context.as_command("test"):
        younger = record("user.view", object_type="user", object_id=1, subject_id="78", actor=personas.coordinator)

    run_retention(datetime.date(2024, 1, 10))
    old.refresh_from_db()
    assert old.pseudonymised_at is not None
    assert (old.actor_id, old.actor_label, old.subject_id, old.source_address) == (None, "", "", None)
    assert old.action == "user.view" and old.actor_organisation_id == personas.coordinator.organisation_id
    younger.refresh_from_db()
    assert younger.pseudonymised_at is None and younger.actor_label == personas.coordinator.email
    assert verify_all().ok

    run = run_retention(datetime.date(2024, 1, 11))
    younger.refresh_from_db()
    assert younger.actor_label == ""
    assert run.counts[PSEUDONYMISED_AGE] == 1
    assert AuditEntry.objects.filter(pk=old.pk).exists()  # entries stay: the chain needs them
    assert verify_all().ok


@pytest.mark.postgres
def test_postgresql_allows_pseudonymising_and_nothing_else(personas):
    from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    with context.as_command("test"):
        entry = record("user.view", object_type="user", object_id=1, subject_id="5", actor=personas.coordinator)
    refused = [
        "UPDATE audit_auditentry SET actor_label = 'someone@else.test', pseudonymised_at = now() WHERE id = %s",
        "UPDATE audit_auditentry SET subject_id = '6', pseudonymised_at = now() WHERE id = %s",
        "UPDATE audit_auditentry SET subject_id = '', action = 'x', pseudonymised_at = now() WHERE id = %s",
        "UPDATE audit_auditentry SET subject_id = '' WHERE id = %s",  # without marking it
        "DELETE FROM audit_auditentry WHERE id = %s",
    ]
    for statement in refused:
        with (
            pytest.raises((InternalError, ProgrammingError, IntegrityError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET subject_id = 'p-0123456789abcdef', pseudonymised_at = now() WHERE id = %s",
            [entry.pk],
        )
        # A pseudonym cannot be swapped for another one afterwards.
        with pytest.raises((InternalError, ProgrammingError, IntegrityError)), transaction.atomic():
            cursor.execute("UPDATE audit_auditentry SET subject_id = 'p-fedcba9876543210' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).subject_id == "p-0123456789abcdef"
    assert verify_all().ok


# The run itself ----------------------------------------------------------------------------


def test_the_deletion_record_holds_counts_only_and_a_second_run_changes_nothing(personas):
    subject = SubjectFactory(given_names="Wilhelmina", family_name="Zonderland")
    case = closed_case(personas, datetime.date(2018, 1, 1), subject=subject)
    signal = closed_signal(personas, datetime.date(2018, 1, 1), family_name="Zonderland", subject=subject)
    signal_id, case_id, subject_id = signal.pk, case.pk, subject.pk
    before = AuditEntry.objects.filter(action="retention.run").count()

    first = run_retention(datetime.date(2024, 1, 1))
    stored = json.dumps(model_to_dict(DeletionRun.objects.get(pk=first.pk)), default=str)
    for personal in ("Wilhelmina", "Zonderland", subject.name_key):
        assert personal not in stored
    assert all(isinstance(value, int) for value in first.counts.values())
    assert all(key.replace(".", "").replace("_", "").isalpha() for key in first.counts), first.counts
    assert first.counts["intake.Signal"] == 1 and first.counts["cases.Case"] == 1
    assert not Signal.objects.filter(pk=signal_id).exists()
    assert not Case.objects.filter(pk=case_id).exists()
    assert not Subject.objects.filter(pk=subject_id).exists()
    assert not RelatedPerson.objects.filter(subject_id=subject_id).exists()
    entry = AuditEntry.objects.filter(action="retention.run").order_by("-id").first()
    assert entry.object_type == "deletion_run" and entry.object_id == str(first.pk) and entry.subject_id == ""

    second = run_retention(datetime.date(2024, 1, 1))
    assert second.counts == {}
    assert AuditEntry.objects.filter(action="retention.run").count() == before + 2  # one per run
    assert DeletionRun.objects.count() == 2
    assert verify_all().ok


def test_small_batches_delete_everything(personas):
    signals = [closed_signal(personas, CLOSED_ON) for _ in range(5)]
    attachments = [attach(signal, b"%PDF-" + bytes([n])) for n, signal in enumerate(signals)]
    run = run_retention(datetime.date(2026, 3, 10), batch_size=2)
    assert run.counts["intake.Signal"] == 5
    assert not Signal.objects.filter(pk__in=[s.pk for s in signals]).exists()
    assert not any(stored_exists(a) for a in attachments)


def test_orphaned_files_older_than_a_day_are_swept(personas):
    import os
    import time

    from samenspel.intake import attachments

    storage = attachments.storage()
    old = storage.save("cd/" + "1" * 32, ContentFile(b"x"))
    fresh = storage.save("cd/" + "2" * 32, ContentFile(b"y"))
    signal = closed_signal(personas, datetime.date(2026, 1, 1))
    kept = attach(signal)
    two_days_ago = time.time() - 2 * 86400
    for name in (old, kept.stored_name):
        os.utime(storage.path(name), (two_days_ago, two_days_ago))
    run = run_retention(datetime.date(2026, 1, 2))
    assert not storage.exists(old)
    assert storage.exists(fresh)  # may be an upload whose row is not committed yet
    assert storage.exists(kept.stored_name)  # its row is there
    assert run.counts["files"] == 1
    assert Attachment.objects.filter(pk=kept.pk).exists()
