"""Triage (duiding): taking a signal in, notes, the person's identity and link to a known
subject, and the decision."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, OrganisationType, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.identity import Identity
from samenspel.cases.models import Case, InformationItem, Subject
from samenspel.cases.services import open_case
from samenspel.cases.services.common import PURPOSE_TRIAGE, Errors, check_identity
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotVisible
from samenspel.intake import workflow
from samenspel.intake.models import AssessmentNote, DecisionOutcome, Signal, TriageDecision
from samenspel.intake.models.triage import OUTCOME_STATUS
from samenspel.intake.services.common import ensure_signal_open, lock_triageable, start_if_new

S = workflow.SignalStatus


def _audit(action: str, signal: Signal, actor: User, role: str, **fields: Any) -> None:
    fields.setdefault("object_type", "signal")
    fields.setdefault("object_id", signal.pk)
    fields.setdefault("subject_id", signal.subject_id or "")
    record(action, purpose=PURPOSE_TRIAGE, actor=actor, role=role, **fields)


@transaction.atomic
def start_triage(actor: User, signal: Signal, *, reason: str = "") -> Signal:
    """Take a new signal into triage, or a monitored one back in at its review."""
    role = require_capability(actor, Capability.TRIAGE_SIGNALS, "signal.start_triage")
    signal = lock_triageable(actor, signal, "signal.start_triage")
    workflow.transition(signal, S.IN_TRIAGE, actor, (reason or "").strip())
    _audit("signal.start_triage", signal, actor, role)
    return signal


@transaction.atomic
def add_assessment_note(actor: User, signal: Signal, *, text: str) -> AssessmentNote:
    """A coordinator's note on an open signal (a new signal is taken into triage by it)."""
    role = require_capability(actor, Capability.TRIAGE_SIGNALS, "signal.note_add")
    signal = lock_triageable(actor, signal, "signal.note_add")
    ensure_signal_open(signal)
    note = AssessmentNote(signal=signal, author=actor, text=(text or "").strip())
    errors = Errors()
    errors.clean(note, exclude=["signal", "author"])
    errors.raise_if_any()
    start_if_new(signal, actor)
    note.save()
    _audit("signal.note_add", signal, actor, role, object_type="assessment_note", object_id=note.pk)
    return note


@transaction.atomic
def update_signal_identity(actor: User, signal: Signal, identity: Identity | Mapping[str, Any]) -> Signal:
    """Complete or correct whom an open signal is about (replaces all identity fields)."""
    role = require_capability(actor, Capability.TRIAGE_SIGNALS, "signal.identity_update")
    signal = lock_triageable(actor, signal, "signal.identity_update")
    ensure_signal_open(signal)
    identity = Identity.coerce(identity)
    identity.apply_to(signal)
    errors = Errors()
    errors.clean(signal, exclude=["municipality", "reporter", "reporter_organisation", "subject", "case"])
    check_identity(errors, identity)
    errors.raise_if_any()
    start_if_new(signal, actor)
    signal.save(update_fields=[*Identity.field_names(), "name_key"])
    _audit("signal.identity_update", signal, actor, role)
    return signal


@transaction.atomic
def link_signal_to_subject(actor: User, signal: Signal, subject: Subject | None) -> Signal:
    """Link an open signal to a known subject the coordinator sees (e.g. one offered by
    intake.selectors.matching_subjects_for), or unlink it with None."""
    role = require_capability(actor, Capability.TRIAGE_SIGNALS, "signal.link_subject")
    signal = lock_triageable(actor, signal, "signal.link_subject")
    ensure_signal_open(signal)
    if subject is not None and not Subject.objects.visible_to(actor).filter(pk=subject.pk).exists():
        raise NotVisible("signal.link_subject", object_type="subject", object_id=subject.pk, purpose=PURPOSE_TRIAGE)
    previous = signal.subject_id
    signal.subject = subject
    signal.save(update_fields=["subject"])
    _audit("signal.link_subject", signal, actor, role, subject_id=subject.pk if subject else previous or "")
    return signal


def _check_outcome(
    errors: Errors,
    decision: TriageDecision,
    signal: Signal,
    *,
    review_date: Any,
    referred_to: Organisation | None,
) -> None:
    outcome = decision.outcome
    if outcome == DecisionOutcome.MONITOR:
        if not isinstance(review_date, datetime.date):
            errors.add("review_date", _("Kies de datum waarop de melding opnieuw wordt bekeken."))
        elif review_date <= timezone.localdate():
            errors.add("review_date", _("De datum voor herbeoordeling moet na vandaag liggen."))
    if outcome == DecisionOutcome.REFER and referred_to is None and not decision.referred_to_name:
        errors.add("referred_to", _("Kies de organisatie waarnaar wordt doorverwezen, of vul de naam in."))
    if referred_to is not None:
        if not isinstance(referred_to, Organisation) or not referred_to.is_active:
            errors.add("referred_to", _("Kies een actieve organisatie."))
        elif outcome == DecisionOutcome.POLICE and referred_to.type != OrganisationType.POLICE:
            errors.add("referred_to", _("Kies een politieorganisatie."))
    if outcome == DecisionOutcome.OPEN_CASE and signal.subject_id is None and not signal.identity.has_name():
        errors.add(
            "outcome",
            _("Een casus vraagt om de naam van de betrokkene: vul die eerst aan of koppel een bekende betrokkene."),
        )


def _case_for(actor: User, signal: Signal, case: Case | None, errors: Errors) -> Case | None:
    """The existing case to add the signal to, checked; None means open a new one."""
    if case is None:
        return None
    existing = Case.objects.directed_by(actor).select_for_update(of=("self",)).filter(pk=case.pk).first()
    if existing is None:
        raise NotVisible("signal.decide", object_type="case", object_id=case.pk, purpose=PURPOSE_TRIAGE)
    if existing.is_closed:
        errors.add("case", _("Deze casus is afgesloten; open een nieuwe casus."))
    elif signal.subject_id is not None and existing.subject_id != signal.subject_id:
        errors.add("case", _("Deze casus gaat over een andere betrokkene dan de melding."))
    return existing


@transaction.atomic
def decide(
    actor: User,
    signal: Signal,
    *,
    outcome: str,
    reason: str,
    review_date: datetime.date | None = None,
    referred_to: Organisation | None = None,
    referred_to_name: str = "",
    case: Case | None = None,
) -> TriageDecision:
    """Decide on a signal, with a reason: no concern (closed), monitor (review_date), refer
    to regular care (referred_to or referred_to_name), hand to police (optionally which
    police organisation), or open a case: add it to `case` (an open case of the same person)
    or, without `case`, open a new one through cases.services.open_case. A new or monitored
    signal is taken into triage first. Writes "signal.decide" (and "case.open" for a new case)."""
    role = require_capability(actor, Capability.TRIAGE_SIGNALS, "signal.decide")
    signal = lock_triageable(actor, signal, "signal.decide")
    ensure_signal_open(signal)
    errors = Errors()
    if outcome not in (DecisionOutcome.REFER, DecisionOutcome.POLICE):
        referred_to = None
    elif referred_to is not None and not isinstance(referred_to, Organisation):
        errors.add("referred_to", _("Kies een actieve organisatie."))
        referred_to = None
    decision = TriageDecision(
        signal=signal,
        outcome=outcome,
        reason=(reason or "").strip(),
        review_date=review_date if outcome == DecisionOutcome.MONITOR else None,
        referred_to=referred_to,
        referred_to_name=(referred_to_name or "").strip() if outcome == DecisionOutcome.REFER else "",
        decided_by=actor,
    )
    errors.clean(decision, exclude=["signal", "decided_by", "referred_to", "case", "review_date"])
    if not errors.has("outcome") and not errors.has("referred_to"):
        _check_outcome(errors, decision, signal, review_date=review_date, referred_to=referred_to)
    if case is not None and not isinstance(case, Case):
        errors.add("case", _("Kies een casus uit de lijst."))
        case = None
    existing = _case_for(actor, signal, case, errors) if outcome == DecisionOutcome.OPEN_CASE else None
    errors.raise_if_any()

    if signal.status != S.IN_TRIAGE:
        workflow.transition(signal, S.IN_TRIAGE, actor)
    if outcome == DecisionOutcome.OPEN_CASE:
        existing = existing or _open_case_for(actor, signal)
        decision.case = existing
        signal.case = existing
        signal.subject_id = existing.subject_id
        InformationItem.objects.filter(signal=signal, case__isnull=True).update(case=existing)
    signal.review_date = decision.review_date
    signal.save(update_fields=["case", "subject", "review_date"])
    decision.save()
    workflow.transition(signal, OUTCOME_STATUS[DecisionOutcome(outcome)], actor, decision.reason)
    _audit("signal.decide", signal, actor, role)
    return decision


def _open_case_for(actor: User, signal: Signal) -> Case:
    try:
        if signal.subject_id is not None:
            return open_case(actor, municipality=signal.municipality, subject=signal.subject)
        return open_case(actor, municipality=signal.municipality, identity=signal.identity)
    except ValidationError as error:
        # A case of the same subject is already open here: say so at the decision.
        if "subject" in error.message_dict:
            raise ValidationError({"case": error.message_dict["subject"]}) from None
        raise
