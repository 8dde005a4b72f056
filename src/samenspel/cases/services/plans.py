"""The plan of approach: the intervention catalogue (application manager), the plan with its
goals and interventions (the directing coordinator), and intervention status (the coordinator,
or the organisation responsible for the intervention)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, OrganisationType, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import workflow
from samenspel.cases.models import Case, CaseTeamMember, Goal, GoalOutcome, Intervention, InterventionType, Plan
from samenspel.cases.services import inputs
from samenspel.cases.services.common import PURPOSE_CASE_WORK, Errors
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.cases.workflow import ENDED_INTERVENTION_STATUSES, InterventionStatus
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.sharing import policy

PURPOSE_ADMINISTRATION = "administration"
# An intervention planned for longer than this is probably a typo.
LONGEST_INTERVENTION = datetime.timedelta(days=5 * 366)
CATALOGUE_FIELDS = ("name", "description", "provider_type", "target_group", "evidence_notes")


def _audit(action: str, object_type: str, obj: Any, case: Case, actor: User, role: str) -> None:
    record(
        action,
        object_type=object_type,
        object_id=obj.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )


# The catalogue (application manager) ------------------------------------------------------


def _apply_catalogue_fields(errors: Errors, intervention_type: InterventionType, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "provider_type":
            value = inputs.choice(errors, name, value, OrganisationType, required=False)
        else:
            value = inputs.text(errors, name, value, required=name == "name")
        setattr(intervention_type, name, value)
    inputs.clean(errors, intervention_type)


@transaction.atomic
def create_intervention_type(
    actor: User,
    *,
    code: str,
    name: str,
    description: str = "",
    provider_type: str = "",
    target_group: str = "",
    evidence_notes: str = "",
) -> InterventionType:
    """Add a kind of intervention to the catalogue. `code` is a stable slug; `provider_type`
    an organisation type (or blank: any)."""
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, "intervention_type.create")
    errors = Errors()
    code = inputs.text(errors, "code", code)
    if code and InterventionType.objects.filter(code=code).exists():
        errors.add("code", _("Deze code is al in gebruik."))
    last = InterventionType.objects.order_by("-position").values_list("position", flat=True).first() or 0
    intervention_type = InterventionType(code=code, position=last + 10)
    fields = {
        "name": name,
        "description": description,
        "provider_type": provider_type,
        "target_group": target_group,
        "evidence_notes": evidence_notes,
    }
    _apply_catalogue_fields(errors, intervention_type, fields)
    errors.raise_if_any()
    intervention_type.save()
    record(
        "intervention_type.create",
        object_type="intervention_type",
        object_id=intervention_type.pk,
        purpose=PURPOSE_ADMINISTRATION,
        actor=actor,
        role=role,
    )
    return intervention_type


@transaction.atomic
def update_intervention_type(actor: User, intervention_type: InterventionType, **fields: Any) -> InterventionType:
    """Change any of name, description, provider_type, target_group, evidence_notes. The code
    stays (interventions and reports refer to it)."""
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, "intervention_type.update")
    unknown = set(fields) - set(CATALOGUE_FIELDS)
    if unknown:
        raise TypeError(f"Not an intervention type field: {', '.join(sorted(unknown))}")
    locked = InterventionType.objects.select_for_update().get(pk=intervention_type.pk)
    errors = Errors()
    _apply_catalogue_fields(errors, locked, fields)
    errors.raise_if_any()
    locked.save(update_fields=list(fields) or None)
    record(
        "intervention_type.update",
        object_type="intervention_type",
        object_id=locked.pk,
        purpose=PURPOSE_ADMINISTRATION,
        actor=actor,
        role=role,
    )
    return locked


@transaction.atomic
def set_intervention_type_active(actor: User, intervention_type: InterventionType, is_active: bool) -> InterventionType:
    """Take a type out of the choice for new interventions (or back in); existing
    interventions keep it."""
    role = require_capability(actor, Capability.MANAGE_AGREEMENT, "intervention_type.set_active")
    if not isinstance(is_active, bool):
        raise ValidationError({"is_active": _("Kies actief of niet actief.")})
    locked = InterventionType.objects.select_for_update().get(pk=intervention_type.pk)
    locked.is_active = is_active
    locked.save(update_fields=["is_active"])
    record(
        "intervention_type.set_active",
        object_type="intervention_type",
        object_id=locked.pk,
        purpose=PURPOSE_ADMINISTRATION,
        actor=actor,
        role=role,
    )
    return locked


# The plan and its goals (directing coordinator) -------------------------------------------


def _lock_current_plan(actor: User, plan: Plan, action: str) -> tuple[Case, Plan]:
    """The plan's case (locked, directed by the actor, open) and the plan, which must be the
    current one."""
    if not isinstance(plan, Plan):
        raise TypeError("plan must be a Plan")
    case = lock_directed_case(actor, plan.case, action)
    ensure_case_open(case)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_current:
        raise ValidationError({"plan": _("Dit plan is vervangen door een nieuwer plan; werk in het huidige plan.")})
    return case, plan


@transaction.atomic
def create_plan(actor: User, case: Case, *, summary: str = "") -> Plan:
    """Draw up the case's plan of approach, or a revised one: the new plan becomes current
    and the previous one stays as history. A plan with planned or running interventions is
    not replaced: complete or stop them first."""
    role = require_capability(actor, Capability.DIRECT_CASES, "plan.create")
    case = lock_directed_case(actor, case, "plan.create")
    ensure_case_open(case)
    errors = Errors()
    plan = Plan(case=case, summary=inputs.text(errors, "summary", summary, required=False), created_by=actor)
    inputs.clean(errors, plan, exclude=["case", "created_by"])
    current = Plan.objects.select_for_update().filter(case=case, is_current=True).first()
    if current is not None and Intervention.objects.filter(plan=current).open().exists():
        errors.add(
            "plan", _("Het huidige plan heeft nog geplande of lopende interventies; rond die eerst af of stop ze.")
        )
    errors.raise_if_any()
    if current is not None:
        current.is_current = False
        current.superseded_at = timezone.now()
        current.save(update_fields=["is_current", "superseded_at"])
    plan.save()
    _audit("plan.create", "plan", plan, case, actor, role)
    return plan


@transaction.atomic
def add_goal(actor: User, plan: Plan, *, text: str) -> Goal:
    """Add a goal, in words, to the current plan."""
    role = require_capability(actor, Capability.DIRECT_CASES, "plan.goal_add")
    case, plan = _lock_current_plan(actor, plan, "plan.goal_add")
    errors = Errors()
    last = Goal.objects.filter(plan=plan).order_by("-position").values_list("position", flat=True).first() or 0
    goal = Goal(plan=plan, text=inputs.text(errors, "text", text), position=last + 1, created_by=actor)
    if not errors.has("text"):
        inputs.clean(errors, goal, exclude=["plan", "created_by"])
    errors.raise_if_any()
    goal.save()
    _audit("plan.goal_add", "goal", goal, case, actor, role)
    return goal


# Interventions ------------------------------------------------------------------------------


def _responsible_ok(actor: User, case: Case, organisation: Organisation) -> bool:
    """An intervention is carried out by an organisation on the case team (so its people can
    see the case and record the status), or by the coordinator's own organisation (e.g. the
    mayor's administrative measures)."""
    return (
        organisation.pk == actor.organisation_id
        or CaseTeamMember.objects.filter(case=case, organisation=organisation).exists()
    )


@transaction.atomic
def add_intervention(
    actor: User,
    plan: Plan,
    *,
    intervention_type: InterventionType,
    responsible_organisation: Organisation,
    start_date: datetime.date,
    planned_end_date: datetime.date,
    goal: Goal | None = None,
    description: str = "",
) -> Intervention:
    """Add an intervention from the catalogue to the current plan, with the organisation
    responsible for it (on the team, or the coordinator's own), a start and a planned end.
    It starts as "gepland"."""
    role = require_capability(actor, Capability.DIRECT_CASES, "intervention.add")
    case, plan = _lock_current_plan(actor, plan, "intervention.add")
    errors = Errors()
    kind = inputs.instance(
        errors, "intervention_type", intervention_type, InterventionType, _("Kies een soort interventie.")
    )
    if kind is not None and not InterventionType.objects.filter(pk=kind.pk, is_active=True).exists():
        errors.add("intervention_type", _("Deze soort interventie wordt niet meer aangeboden."))
    organisation = inputs.instance(
        errors, "responsible_organisation", responsible_organisation, Organisation, _("Kies een organisatie.")
    )
    if organisation is not None and (not organisation.is_active or not _responsible_ok(actor, case, organisation)):
        errors.add(
            "responsible_organisation", _("Kies een actieve organisatie uit het casusteam (of uw eigen organisatie).")
        )
    goal = inputs.instance(errors, "goal", goal, Goal, _("Kies een doel van dit plan."), required=False)
    if goal is not None and goal.plan_id != plan.pk:
        errors.add("goal", _("Kies een doel van dit plan."))
    start = inputs.date(errors, "start_date", start_date)
    end = inputs.date(errors, "planned_end_date", planned_end_date)
    if start and end:
        if end < start:
            errors.add("planned_end_date", _("De geplande einddatum ligt vóór de startdatum."))
        elif end - start > LONGEST_INTERVENTION:
            errors.add("planned_end_date", _("Controleer deze einddatum: de interventie duurt langer dan vijf jaar."))
    intervention = Intervention(
        plan=plan,
        goal=goal,
        intervention_type=kind,
        responsible_organisation=organisation,
        description=inputs.text(errors, "description", description, required=False),
        start_date=start,
        planned_end_date=end,
        created_by=actor,
    )
    inputs.clean(
        errors,
        intervention,
        exclude=[
            "plan",
            "goal",
            "intervention_type",
            "responsible_organisation",
            "created_by",
            "start_date",
            "planned_end_date",
        ],
    )
    errors.raise_if_any()
    intervention.save()
    intervention.status_changes.create(from_status="", to_status=intervention.status, changed_by=actor)
    _audit("intervention.add", "intervention", intervention, case, actor, role)
    return intervention


def lock_intervention(actor: User, intervention: Intervention, action: str) -> tuple[Intervention, bool]:
    """The intervention, locked, if the actor sees its case; and whether the actor directs the
    case. A team member of another organisation than the responsible one is refused (403)."""
    if not isinstance(intervention, Intervention):
        raise TypeError("intervention must be an Intervention")
    locked = (
        Intervention.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("plan__case")
        .filter(pk=intervention.pk)
        .first()
    )
    if locked is None:
        raise NotVisible(action, object_type="intervention", object_id=intervention.pk, purpose=PURPOSE_CASE_WORK)
    directs = policy.may_direct(actor, locked.plan.case)
    if not directs and locked.responsible_organisation_id != actor.organisation_id:
        raise NotAllowed(action, object_type="intervention", object_id=locked.pk, purpose=PURPOSE_CASE_WORK)
    return locked, directs


@transaction.atomic
def change_intervention_status(
    actor: User,
    intervention: Intervention,
    status: str,
    *,
    outcome: str = "",
    outcome_text: str = "",
    reason: str = "",
) -> Intervention:
    """Move an intervention along its table (planned -> running | stopped; running ->
    completed | stopped). Completing or stopping records the outcome: how far the goal was
    reached (`outcome`: not_reached, partly_reached, fully_reached) and `outcome_text`.
    The directing coordinator, or a person of the responsible organisation on the team."""
    role = require_capability(actor, Capability.READ_CASE_CONTENT, "intervention.status")
    locked, _directs = lock_intervention(actor, intervention, "intervention.status")
    ensure_case_open(locked.plan.case)
    workflow.ensure_intervention_change(locked.status, status)
    errors = Errors()
    reason = inputs.text(errors, "reason", reason, required=False)
    if status in ENDED_INTERVENTION_STATUSES:
        locked.outcome = inputs.choice(errors, "outcome", outcome, GoalOutcome)
        locked.outcome_text = inputs.text(errors, "outcome_text", outcome_text)
    elif outcome or outcome_text:
        errors.add("outcome", _("Een resultaat leg je vast bij het afronden of stoppen van de interventie."))
    probe = locked.status_changes.model(intervention=locked, to_status=status, reason=reason)
    inputs.clean(errors, probe, exclude=["intervention", "changed_by"])
    inputs.clean(
        errors, locked, exclude=["plan", "goal", "intervention_type", "responsible_organisation", "created_by"]
    )
    errors.raise_if_any()
    workflow.change_intervention_status(locked, status, actor, reason)
    _audit("intervention.status", "intervention", locked, locked.plan.case, actor, role)
    return locked


__all__ = [
    "InterventionStatus",
    "add_goal",
    "add_intervention",
    "change_intervention_status",
    "create_intervention_type",
    "create_plan",
    "set_intervention_type_active",
    "update_intervention_type",
]
