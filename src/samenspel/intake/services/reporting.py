"""Reporting a concern: professionals (with an account) and citizens (without one)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Municipality, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.identity import Identity
from samenspel.cases.services.common import PURPOSE_INTAKE, Errors, check_identity, instances, not_in_future
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotVisible
from samenspel.intake import attachments as files
from samenspel.intake.deadlines import triage_deadline_for
from samenspel.intake.models import Attachment, Channel, Signal, SignalTransition, Urgency
from samenspel.intake.services.common import ensure_signal_open, removing_files_on_failure
from samenspel.notifications.services import notify_new_signal
from samenspel.sharing.models import ConcernCategory


def _new_signal(
    errors: Errors,
    *,
    identity: Identity | Mapping[str, Any] | None,
    concern_categories: Iterable[Any] | None,
    categories_required: bool,
    **fields: Any,
) -> tuple[Signal, list[ConcernCategory]]:
    identity = Identity.coerce(identity)
    now = timezone.now()
    signal = Signal(received_at=now, triage_deadline=triage_deadline_for(now), **fields)
    signal.observation = (signal.observation or "").strip()
    identity.apply_to(signal)
    if signal.municipality_id is None:
        errors.add("municipality", _("Kies de gemeente waar de melding over gaat."))
    errors.clean(signal, exclude=["municipality"] if signal.municipality_id is None else [])
    check_identity(errors, identity)
    not_in_future(errors, "observed_on", signal.observed_on, _("Deze datum ligt in de toekomst."))
    categories, all_found = instances(ConcernCategory, concern_categories, is_active=True)
    if not all_found:
        errors.add("concern_categories", _("Kies soorten zorg uit de lijst."))
    elif categories_required and not categories:
        errors.add("concern_categories", _("Kies ten minste één soort zorg."))
    return signal, categories


def _save(signal: Signal, categories: list[ConcernCategory], actor: User | None) -> None:
    signal.save()
    signal.concern_categories.set(categories)
    SignalTransition.objects.create(signal=signal, from_status="", to_status=signal.status, actor=actor)


def _attach(signal: Signal, upload, actor: User | None, written: list[str]) -> Attachment:
    content_type = files.check(upload)
    stored = files.store(upload, content_type)
    written.append(stored.stored_name)
    attachment = Attachment(
        signal=signal,
        original_name=stored.original_name,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=actor,
    )
    attachment.save()
    return attachment


def _municipality(value: Any) -> Municipality | None:
    return value if isinstance(value, Municipality) else None


@transaction.atomic
def report_signal(
    actor: User,
    *,
    observation: str,
    concern_categories: Iterable[ConcernCategory | int],
    municipality: Municipality | None = None,
    identity: Identity | Mapping[str, Any] | None = None,
    observed_on: datetime.date | None = None,
    reporter_relation: str = "",
    urgency: str = Urgency.NORMAL,
    attachments: Sequence[Any] = (),
) -> Signal:
    """A professional reports a concern. The municipality defaults to the person's municipality
    of residence, then to the reporter's organisation's; the deadline for a first assessment
    follows from the configured norm. Attachments are uploaded files (checked by content)."""
    role = require_capability(actor, Capability.REPORT_SIGNALS, "signal.report")
    coerced = Identity.coerce(identity)
    organisation = actor.organisation
    municipality = _municipality(municipality) or coerced.residence_municipality or organisation.municipality
    errors = Errors()
    signal, categories = _new_signal(
        errors,
        identity=coerced,
        concern_categories=concern_categories,
        categories_required=True,
        channel=Channel.PROFESSIONAL,
        municipality=municipality,
        reporter=actor,
        reporter_organisation=organisation,
        reporter_relation=(reporter_relation or "").strip(),
        observation=observation,
        observed_on=observed_on,
        urgency=urgency,
    )
    for upload in attachments:
        try:
            files.check(upload)
        except ValidationError as error:
            for message in error.message_dict["attachments"]:
                errors.add("attachments", message)
    errors.raise_if_any()
    with removing_files_on_failure() as written:
        _save(signal, categories, actor)
        for upload in attachments:
            _attach(signal, upload, actor, written)
        record(
            "signal.report", object_type="signal", object_id=signal.pk, purpose=PURPOSE_INTAKE, actor=actor, role=role
        )
        notify_new_signal(signal, actor=actor)
    return signal


@transaction.atomic
def report_citizen_concern(
    *,
    municipality: Municipality,
    observation: str,
    identity: Identity | Mapping[str, Any] | None = None,
    concern_categories: Iterable[ConcernCategory | int] = (),
    observed_on: datetime.date | None = None,
    reporter_relation: str = "",
    citizen_name: str = "",
    citizen_contact: str = "",
) -> Signal:
    """A citizen's concern from the public form: no account, no actor, no attachments. It
    reaches the coordinator of the municipality like any signal. Returns the signal; the
    public page confirms receipt and shows nothing of it."""
    errors = Errors()
    signal, categories = _new_signal(
        errors,
        identity=identity,
        concern_categories=concern_categories,
        categories_required=False,
        channel=Channel.CITIZEN,
        municipality=_municipality(municipality),
        reporter_relation=(reporter_relation or "").strip(),
        citizen_name=(citizen_name or "").strip(),
        citizen_contact=(citizen_contact or "").strip(),
        observation=observation,
        observed_on=observed_on,
    )
    errors.raise_if_any()
    _save(signal, categories, None)
    record("signal.report_citizen", object_type="signal", object_id=signal.pk, purpose=PURPOSE_INTAKE)
    notify_new_signal(signal)
    return signal


@transaction.atomic
def add_attachment(actor: User, signal: Signal, upload: Any) -> Attachment:
    """Add a file to an open signal: its reporter, or a coordinator triaging it."""
    action = "signal.attachment_add"
    locked = Signal.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=signal.pk).first()
    if locked is None:
        raise NotVisible(action, object_type="signal", object_id=signal.pk, purpose=PURPOSE_INTAKE)
    if locked.reporter_id == actor.pk:
        role = require_capability(actor, Capability.REPORT_SIGNALS, action)
    else:
        role = require_capability(actor, Capability.TRIAGE_SIGNALS, action)
    ensure_signal_open(locked)
    files.check(upload, field="file")
    with removing_files_on_failure() as written:
        attachment = _attach(locked, upload, actor, written)
        record(
            action,
            object_type="signal",
            object_id=locked.pk,
            subject_id=locked.subject_id or "",
            purpose=PURPOSE_INTAKE,
            actor=actor,
            role=role,
        )
    return attachment
