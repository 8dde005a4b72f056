"""The case team: organisations on the case, named contacts and exactly one lead partner
whenever the team is not empty."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, CaseTeamMember
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.core.access import require_capability


def _audit(action: str, case: Case, actor: User, role: str) -> None:
    record(
        action,
        object_type="case",
        object_id=case.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )


def _member(case: Case, organisation: Organisation) -> CaseTeamMember:
    member = CaseTeamMember.objects.filter(case=case, organisation=organisation).first()
    if member is None:
        raise ValidationError({"organisation": _("Deze organisatie zit niet in het casusteam.")})
    return member


@transaction.atomic
def add_team_member(
    actor: User, case: Case, organisation: Organisation, *, contact: User | None = None, is_lead: bool = False
) -> CaseTeamMember:
    """Put an organisation on the team (its people with a case-work role then see the case,
    within the agreement). The first member becomes the lead partner; `is_lead` moves the
    lead to the new member."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.team_add")
    case = lock_directed_case(actor, case, "case.team_add")
    ensure_case_open(case)
    errors: dict[str, str] = {}
    if not isinstance(organisation, Organisation) or not organisation.is_active:
        errors["organisation"] = _("Kies een actieve organisatie.")
    elif CaseTeamMember.objects.filter(case=case, organisation=organisation).exists():
        errors["organisation"] = _("Deze organisatie zit al in het casusteam.")
    if contact is not None and (
        not contact.is_active
        or not isinstance(organisation, Organisation)
        or contact.organisation_id != organisation.pk
    ):
        errors["contact"] = _("De contactpersoon moet een actieve medewerker van deze organisatie zijn.")
    if errors:
        raise ValidationError(errors)
    has_lead = CaseTeamMember.objects.filter(case=case, is_lead=True)
    if is_lead:
        has_lead.update(is_lead=False)
    member = CaseTeamMember.objects.create(
        case=case,
        organisation=organisation,
        contact=contact,
        is_lead=is_lead or not has_lead.exists(),
        added_by=actor,
    )
    _audit("case.team_add", case, actor, role)
    return member


@transaction.atomic
def set_lead(actor: User, case: Case, organisation: Organisation) -> CaseTeamMember:
    """Make a team member the lead partner (the previous lead stays on the team)."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.team_lead")
    case = lock_directed_case(actor, case, "case.team_lead")
    ensure_case_open(case)
    member = _member(case, organisation)
    if not member.is_lead:
        CaseTeamMember.objects.filter(case=case, is_lead=True).update(is_lead=False)
        member.is_lead = True
        member.save(update_fields=["is_lead"])
    _audit("case.team_lead", case, actor, role)
    return member


@transaction.atomic
def remove_team_member(actor: User, case: Case, organisation: Organisation) -> None:
    """Take an organisation off the team; its people lose access at once. The lead partner
    can only leave last, or after another member was made lead."""
    role = require_capability(actor, Capability.DIRECT_CASES, "case.team_remove")
    case = lock_directed_case(actor, case, "case.team_remove")
    member = _member(case, organisation)
    if member.is_lead and CaseTeamMember.objects.filter(case=case).exclude(pk=member.pk).exists():
        raise ValidationError({"organisation": _("Wijs eerst een andere leidende partner aan.")})
    member.delete()
    _audit("case.team_remove", case, actor, role)
