"""Opening cases, their flags, phase and the persons around the subject."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Municipality, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import workflow
from samenspel.cases.identity import Identity
from samenspel.cases.models import Case, CasePhaseChange, DetentionStatus, RelatedPerson, Subject
from samenspel.cases.services.closure import after_phase_change
from samenspel.cases.services.common import PURPOSE_CASE_WORK, Errors, check_identity
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.cases.services.reviews import clamp_for_returnee, first_review_date
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.sharing import policy

CASE_FLAGS = ("is_minor", "is_returnee", "detention_status", "ideology_context")
ADULT_AGE = 18


def _directs_municipality(user: User, municipality: Municipality) -> bool:
    for assignment in user.assignments_with(Capability.DIRECT_CASES):
        if assignment.municipality_id == municipality.pk or assignment.region_id == municipality.region_id:
            return True
    return False


def _is_minor(identity: Identity) -> bool:
    if identity.date_of_birth is not None:
        today = timezone.localdate()
        born = identity.date_of_birth
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return age < ADULT_AGE
    return identity.estimated_age is not None and identity.estimated_age < ADULT_AGE


@transaction.atomic
def open_case(
    actor: User,
    *,
    municipality: Municipality,
    subject: Subject | None = None,
    identity: Identity | Mapping[str, Any] | None = None,
    coordinator: User | None = None,
    is_minor: bool | None = None,
    is_returnee: bool = False,
    detention_status: str = DetentionStatus.NONE,
    ideology_context: str = "",
) -> Case:
    """Open a case in a municipality the actor directs, about an existing subject (one the
    actor may see) or a new one made from `identity`. `is_minor` defaults from the date of
    birth or estimated age. Starts in phase "aangemeld", with its first review due within
    SAMENSPEL_RETURNEE_REVIEW_WEEKS weeks."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.open")
    if not isinstance(municipality, Municipality) or not _directs_municipality(actor, municipality):
        raise NotAllowed("case.open", object_type="case", purpose=PURPOSE_CASE_WORK)
    errors = Errors()
    if subject is not None:
        if not Subject.objects.visible_to(actor).filter(pk=subject.pk).exists():
            raise NotVisible("case.open", object_type="subject", object_id=subject.pk, purpose=PURPOSE_CASE_WORK)
        identity = Identity.of(subject)
    else:
        identity = Identity.coerce(identity)
        subject = Subject()
        identity.apply_to(subject)
        errors.clean(subject)
        check_identity(errors, identity)
        if not identity.has_name():
            errors.add("family_name", _("Vul ten minste een naam van de betrokkene in."))
    coordinator = coordinator or actor
    if not _directs_municipality(coordinator, municipality):
        errors.add("coordinator", _("Kies een dossierhouder van deze gemeente."))
    case = Case(
        subject=subject,
        municipality=municipality,
        coordinator=coordinator,
        is_minor=_is_minor(identity) if is_minor is None else is_minor,
        is_returnee=is_returnee,
        detention_status=detention_status,
        ideology_context=ideology_context or "",
        next_review_date=first_review_date(),
    )
    errors.clean(case, exclude=["subject"])
    errors.raise_if_any()
    if subject.pk is None:
        subject.save()
    elif Case.objects.open().filter(subject=subject, municipality=municipality).exists():
        raise ValidationError(
            {"subject": _("Er loopt al een casus voor deze betrokkene in deze gemeente; vul die aan.")}
        )
    case.subject = subject
    case.save()
    CasePhaseChange.objects.create(case=case, from_phase="", to_phase=case.phase, changed_by=actor)
    record(
        "case.open",
        object_type="case",
        object_id=case.pk,
        subject_id=subject.pk,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )
    return case


@transaction.atomic
def update_case_flags(actor: User, case: Case, **flags: Any) -> Case:
    """Set any of is_minor, is_returnee, detention_status, ideology_context (blank clears it).
    A case that becomes a returnee case has its next review brought within the norm."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.update")
    unknown = set(flags) - set(CASE_FLAGS)
    if unknown:
        raise TypeError(f"Not a case flag: {', '.join(sorted(unknown))}")
    case = lock_directed_case(actor, case, "case.update")
    ensure_case_open(case)
    for name, value in flags.items():
        setattr(case, name, "" if name == "ideology_context" and value is None else value)
    errors = Errors()
    errors.clean(case)
    errors.raise_if_any()
    fields = list(flags)
    if clamp_for_returnee(case):
        fields.append("next_review_date")
    case.save(update_fields=fields)
    record(
        "case.update",
        object_type="case",
        object_id=case.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )
    return case


@transaction.atomic
def change_phase(actor: User, case: Case, phase: str, *, reason: str = "") -> CasePhaseChange:
    """Move the case along the transition table (cases.workflow). Closing and moving back
    need a reason. Closing here records a closure with reason "other" (or completes the
    pending closure of a case in aftercare); cases.services.closure.close_case is the full
    way to close, with a reason from the list and aftercare."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.change_phase")
    case = lock_directed_case(actor, case, "case.change_phase")
    reason = (reason or "").strip()
    if phase in workflow.Phase.values and workflow.can_transition(case.phase, phase):
        if workflow.needs_reason(case.phase, phase) and not reason:
            raise ValidationError({"reason": _("Geef een reden voor het afsluiten of terugzetten van de casus.")})
        probe = CasePhaseChange(case=case, to_phase=phase, reason=reason)
        errors = Errors()
        errors.clean(probe, exclude=["changed_by"])
        errors.raise_if_any()
    from_phase = case.phase
    change = workflow.transition(case, phase, actor, reason)
    after_phase_change(case, from_phase, phase, actor, reason)
    record(
        "case.change_phase",
        object_type="case",
        object_id=case.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )
    return change


@transaction.atomic
def add_related_person(
    actor: User, case: Case, *, relation: str, identity: Identity | Mapping[str, Any]
) -> RelatedPerson:
    """Record a family member or other person close to the case's subject. Only for a
    coordinator directing the case whose organisation may receive family information."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.related_person_add")
    case = lock_directed_case(actor, case, "case.related_person_add")
    ensure_case_open(case)
    if not policy.receivable_categories(actor).filter(code=policy.RELATED_PERSONS_CATEGORY).exists():
        raise NotAllowed("case.related_person_add", object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
    identity = Identity.coerce(identity)
    person = RelatedPerson(subject_id=case.subject_id, relation=relation, added_by=actor)
    identity.apply_to(person)
    errors = Errors()
    errors.clean(person, exclude=["subject", "added_by"])
    check_identity(errors, identity)
    if not identity.has_name():
        errors.add("family_name", _("Vul ten minste een naam in."))
    errors.raise_if_any()
    person.save()
    record(
        "case.related_person_add",
        object_type="related_person",
        object_id=person.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )
    return person
