"""Reads of signals for views and the API, filtered for the user. Functions named get_*_for
and open_attachment fetch one record and write its audit entry ("signal.view", ...): call
exactly one of them per page or API response that shows a record. Lists are not audited
here; the list view writes its own entry (e.g. "signal.list")."""

from __future__ import annotations

from django.core.files import File
from django.db.models import QuerySet

from samenspel.audit.services import record
from samenspel.cases.models import Subject
from samenspel.cases.services.common import PURPOSE_CASE_WORK, PURPOSE_INTAKE, PURPOSE_TRIAGE, parse_id
from samenspel.core.exceptions import NotVisible
from samenspel.intake import attachments as files
from samenspel.intake.matching import find_matching_subjects
from samenspel.intake.models import (
    AssessmentNote,
    Attachment,
    InformationRequest,
    Signal,
    SignalTransition,
    TriageDecision,
)
from samenspel.sharing import policy


def signal_inbox(user) -> QuerySet[Signal]:
    """The coordinator's inbox: new and in-triage signals of their scope, oldest first, each
    annotated `is_overdue`."""
    return (
        Signal.objects.triageable_by(user)
        .with_overdue()
        .inbox()
        .select_related("municipality", "reporter_organisation")
        .prefetch_related("concern_categories")
    )


def reviews_due_for(user) -> QuerySet[Signal]:
    """Monitored signals of the coordinator's scope whose review date has come."""
    return Signal.objects.triageable_by(user).reviews_due().order_by("review_date", "pk")


def signals_reported_by(user) -> QuerySet[Signal]:
    """The reporter's own signals, newest first. Show `reporter_status`, not the status."""
    return Signal.objects.reported_by(user).select_related("municipality").order_by("-received_at", "-pk")


def get_signal_for(user, pk: object) -> Signal:
    """One signal the user may see, audited as "signal.view" (purpose triage for a
    coordinator, intake for the reporter). Unknown or unreachable ids raise NotVisible."""
    signal = (
        Signal.objects.visible_to(user)
        .select_related("municipality", "reporter", "reporter_organisation", "residence_municipality")
        .filter(pk=parse_id(pk))
        .first()
    )
    if signal is None:
        raise NotVisible("signal.view", object_type="signal", object_id=pk)
    purpose = PURPOSE_TRIAGE if policy.may_triage(user, signal) else PURPOSE_INTAKE
    record(
        "signal.view",
        object_type="signal",
        object_id=signal.pk,
        subject_id=signal.subject_id or "",
        purpose=purpose,
        actor=user,
    )
    return signal


def assessment_notes_for(user, signal: Signal) -> QuerySet[AssessmentNote]:
    return AssessmentNote.objects.visible_to(user).filter(signal=signal).select_related("author")


def decisions_for(user, signal: Signal) -> QuerySet[TriageDecision]:
    return TriageDecision.objects.visible_to(user).filter(signal=signal).select_related("decided_by", "referred_to")


def transitions_for(user, signal: Signal) -> QuerySet[SignalTransition]:
    return SignalTransition.objects.visible_to(user).filter(signal=signal).select_related("actor")


def attachments_for(user, signal: Signal) -> QuerySet[Attachment]:
    return Attachment.objects.visible_to(user).filter(signal=signal)


def matching_subjects_for(user, signal: Signal) -> QuerySet[Subject]:
    """Known subjects (that the coordinator sees) who look like the signal's person, to offer
    the link. Empty for anyone who does not triage the signal."""
    if not policy.may_triage(user, signal):
        return Subject.objects.none()
    return find_matching_subjects(signal.identity, among=Subject.objects.visible_to(user))


def information_requests_for(user, signal_or_case) -> QuerySet[InformationRequest]:
    """The requests made on a signal or case, as far as the user sees them."""
    field = "signal" if isinstance(signal_or_case, Signal) else "case"
    return (
        InformationRequest.objects.visible_to(user)
        .filter(**{field: signal_or_case})
        .select_related("organisation", "requested_by")
        .prefetch_related("categories")
    )


def requests_to_answer(user) -> QuerySet[InformationRequest]:
    """The partner's inbox: open requests addressed to their organisation, oldest first."""
    return (
        InformationRequest.objects.addressed_to(user)
        .open()
        .select_related("signal", "case__subject")
        .prefetch_related("categories")
        .order_by("requested_at", "pk")
    )


def get_information_request_for(user, pk: object) -> InformationRequest:
    """One request, audited as "information_request.view". For the addressee it carries the
    identity of the person asked about (`request.subject_of_request.identity` for a signal,
    `.subject.identity` for a case): what they need to answer, and no more."""
    request = (
        InformationRequest.objects.visible_to(user)
        .select_related("signal", "case__subject", "organisation", "requested_by")
        .filter(pk=parse_id(pk))
        .first()
    )
    if request is None:
        raise NotVisible("information_request.view", object_type="information_request", object_id=pk)
    subject_id = request.signal.subject_id if request.signal_id else request.case.subject_id
    record(
        "information_request.view",
        object_type="information_request",
        object_id=request.pk,
        subject_id=subject_id or "",
        purpose=PURPOSE_TRIAGE if request.signal_id else PURPOSE_CASE_WORK,
        actor=user,
    )
    return request


def open_attachment(user, pk: object) -> tuple[Attachment, File]:
    """An attachment's record and its open file (close it after sending), audited as
    "attachment.download". Serve with the stored content type, as a download
    (Content-Disposition: attachment) and `X-Content-Type-Options: nosniff`."""
    attachment = Attachment.objects.visible_to(user).select_related("signal").filter(pk=parse_id(pk)).first()
    if attachment is None:
        raise NotVisible("attachment.download", object_type="attachment", object_id=pk)
    handle = files.open_stored(attachment.stored_name)
    record(
        "attachment.download",
        object_type="attachment",
        object_id=attachment.pk,
        subject_id=attachment.signal.subject_id or "",
        purpose=PURPOSE_TRIAGE if policy.may_triage(user, attachment.signal) else PURPOSE_INTAKE,
        actor=user,
    )
    return attachment, handle
