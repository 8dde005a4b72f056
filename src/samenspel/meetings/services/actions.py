"""Actions agreed on an agenda item: who does what by when, and their status."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.cases.services.common import Errors
from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import workflow
from samenspel.meetings.models import Action, ActionStatusChange, AgendaItem
from samenspel.meetings.services.common import (
    PURPOSE_MEETING,
    audit,
    ensure_not_cancelled,
    lock_action,
    lock_item,
    role_for,
)
from samenspel.meetings.workflow import ActionStatus
from samenspel.notifications.services import notify_action_assigned
from samenspel.sharing import policy

ACTION_FIELDS = ("description", "owner_organisation", "owner_person", "due_date")
LATEST_DUE = datetime.timedelta(days=2 * 365)


def _check_action(errors: Errors, action: Action, *, check_due: bool = True) -> None:
    """The owner is an active organisation on the case team or invited to the meeting; the
    person, if named, an active case worker of it; the due date from today to two years on."""
    item = action.item
    organisation = action.owner_organisation if action.owner_organisation_id else None
    if not isinstance(organisation, Organisation) or not organisation.is_active:
        errors.add("owner_organisation", _("Kies een actieve organisatie."))
        organisation = None
    elif not (
        item.case.team_members.filter(organisation=organisation).exists()
        or policy.is_invited_organisation(organisation, item.meeting)
    ):
        errors.add("owner_organisation", _("Kies een organisatie uit het casusteam of een uitgenodigde organisatie."))
    person = action.owner_person if action.owner_person_id else None
    if person is not None and (
        not person.is_active
        or organisation is None
        or person.organisation_id != organisation.pk
        or not person.has_capability(Capability.READ_CASE_CONTENT)
    ):
        errors.add("owner_person", _("Kies een actieve medewerker van deze organisatie die aan casussen werkt."))
    due = action.due_date
    if check_due and isinstance(due, datetime.date) and not errors.has("due_date"):
        today = timezone.localdate()
        if isinstance(due, datetime.datetime) or not today <= due <= today + LATEST_DUE:
            errors.add("due_date", _("Kies een datum vanaf vandaag en binnen twee jaar."))


def _owner(owner_organisation, owner_person):
    return (
        owner_organisation if isinstance(owner_organisation, Organisation) else None,
        owner_person if isinstance(owner_person, User) else None,
    )


@transaction.atomic
def create_action(
    actor: User,
    item: AgendaItem,
    *,
    description: str,
    owner_organisation: Organisation,
    due_date: datetime.date,
    owner_person: User | None = None,
) -> Action:
    """Agree an action on the item (the chair or the directing coordinator, after confirming
    confidentiality): an owner organisation from the case team or the invited ones, an
    optional person of it, a due date. It shows on the owner's start page."""
    role_for(actor, "action.create", (Capability.READ_CASE_CONTENT,))
    item = lock_item(actor, item, "action.create")
    ensure_not_cancelled(item.meeting)
    organisation, person = _owner(owner_organisation, owner_person)
    if owner_person is not None and person is None:
        raise ValidationError(
            {"owner_person": _("Kies een actieve medewerker van deze organisatie die aan casussen werkt.")}
        )
    action = Action(
        item=item,
        description=(description or "").strip(),
        owner_organisation=organisation,
        owner_person=person,
        due_date=due_date,
        created_by=actor,
    )
    errors = Errors()
    errors.clean(action, exclude=["item", "owner_organisation", "owner_person", "created_by"])
    _check_action(errors, action)
    errors.raise_if_any()
    action.save()
    audit("action.create", "action", action.pk, actor, subject_id=item.case.subject_id)
    notify_action_assigned(action, actor=actor)
    return action


def _lock_managed_action(actor: User, action: Action, audit_action: str) -> Action:
    action = lock_action(actor, action, audit_action)
    if not policy.may_manage_item(actor, action.item):
        raise NotAllowed(audit_action, object_type="action", object_id=action.pk, purpose=PURPOSE_MEETING)
    return action


@transaction.atomic
def update_action(actor: User, action: Action, **changes: Any) -> Action:
    """Change any of description, owner_organisation, owner_person, due_date of an open action
    (the chair or the directing coordinator; no confirmation needed: follow-up work)."""
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Not an action field: {', '.join(sorted(unknown))}")
    role_for(actor, "action.update", (Capability.READ_CASE_CONTENT,))
    action = _lock_managed_action(actor, action, "action.update")
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"status": _("Alleen een open actiepunt kan worden gewijzigd.")})
    previous_owner = (action.owner_organisation_id, action.owner_person_id)
    if "owner_organisation" in changes and "owner_person" not in changes:
        changes["owner_person"] = None  # a new owner organisation names its own person
    for name, value in changes.items():
        expected = {"owner_organisation": Organisation, "owner_person": User}.get(name)
        if expected is not None and value is not None and not isinstance(value, expected):
            raise ValidationError({name: _("Kies een geldige waarde.")})
        if name == "description":
            value = (value or "").strip()
        setattr(action, name, value)
    errors = Errors()
    errors.clean(action, exclude=["item", "owner_organisation", "owner_person", "created_by"])
    _check_action(errors, action, check_due="due_date" in changes)
    errors.raise_if_any()
    action.save(update_fields=list(changes))
    audit("action.update", "action", action.pk, actor, subject_id=action.item.case.subject_id)
    if (action.owner_organisation_id, action.owner_person_id) != previous_owner:
        notify_action_assigned(action, actor=actor, previous_owner=previous_owner)
    return action


@transaction.atomic
def change_action_status(actor: User, action: Action, status: str, *, reason: str = "") -> ActionStatusChange:
    """Move an action along the table (workflow.ACTION_TRANSITIONS). The owner organisation,
    the chair and the directing coordinator mark it done; only the chair or the directing
    coordinator cancel it, with a reason."""
    role_for(actor, "action.change_status", (Capability.READ_CASE_CONTENT,))
    action = lock_action(actor, action, "action.change_status")
    manages = policy.may_manage_item(actor, action.item)
    owns = action.owner_organisation_id == actor.organisation_id
    if not manages and not (owns and status == ActionStatus.DONE):
        raise NotAllowed("action.change_status", object_type="action", object_id=action.pk, purpose=PURPOSE_MEETING)
    reason = (reason or "").strip()
    if workflow.can_transition_action(action.status, status):
        errors = Errors()
        if status == ActionStatus.CANCELLED and not reason:
            errors.add("reason", _("Geef een reden om dit actiepunt te laten vervallen."))
        errors.clean(ActionStatusChange(action=action, to_status=status, reason=reason), exclude=["changed_by"])
        errors.raise_if_any()
    change = workflow.transition_action(action, status, actor, reason)
    audit("action.change_status", "action", action.pk, actor, subject_id=action.item.case.subject_id)
    return change


def complete_action(actor: User, action: Action) -> Action:
    """Mark an open action done (owner organisation, chair or directing coordinator)."""
    return change_action_status(actor, action, ActionStatus.DONE).action


def cancel_action(actor: User, action: Action, *, reason: str) -> Action:
    """Let an open action lapse, with a reason (chair or directing coordinator)."""
    return change_action_status(actor, action, ActionStatus.CANCELLED, reason=reason).action
