"""Who is told about what. Each rule mirrors the access rule of the page the notification
links to (sharing.policy), so nobody is pointed at something they cannot open:

- a new signal: the coordinators whose triage scope holds the signal's municipality
  (policy.triage_q: a municipality role for it, or a region role for its region);
- an information request: the case workers of the addressed organisation
  (policy.addressed_request_q: anyone of it with case work answers);
- an action: its named owner, or else the case workers of its owner organisation
  (policy.action_owner_q: whose start page lists it);
- an overdue action: those owners, the directing coordinator of the case and the chair of
  the meeting, each only while they still see the action;
- an overdue review: the case's directing coordinator, while they still direct it.

Only active users with an organisation are ever notified."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from samenspel.accounts.models import RoleAssignment, User
from samenspel.accounts.roles import ROLE_CAPABILITIES, Capability

if TYPE_CHECKING:
    from samenspel.cases.models import Case
    from samenspel.intake.models import InformationRequest, Signal
    from samenspel.meetings.models import Action


def _roles_with(capability: Capability) -> list[str]:
    return sorted(role.value for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities)


def _active_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True, organisation__isnull=False)


def _with_capability(users: QuerySet[User], capability: Capability, scope: Q | None = None) -> QuerySet[User]:
    assignments = RoleAssignment.objects.filter(role__in=_roles_with(capability))
    if scope is not None:
        assignments = assignments.filter(scope)
    return users.filter(pk__in=assignments.values("user_id"))


def signal_triagers(signal: Signal) -> QuerySet[User]:
    municipality = signal.municipality
    scope = Q(municipality_id=municipality.pk) | Q(region_id=municipality.region_id)
    return _with_capability(_active_users(), Capability.TRIAGE_SIGNALS, scope)


def request_answerers(request: InformationRequest) -> QuerySet[User]:
    return _with_capability(
        _active_users().filter(organisation_id=request.organisation_id), Capability.READ_CASE_CONTENT
    )


def action_owners(owner_organisation_id: int | None, owner_person_id: int | None) -> QuerySet[User]:
    """The people whose start page lists an action with these owners."""
    if owner_person_id is not None:
        # policy.action_owner_q lists it for the named person, whatever their organisation now.
        users = _active_users().filter(pk=owner_person_id)
    elif owner_organisation_id is not None:
        users = _active_users().filter(organisation_id=owner_organisation_id)
    else:
        return User.objects.none()
    return _with_capability(users, Capability.READ_CASE_CONTENT)


def overdue_action_recipients(action: Action) -> list[tuple[User, bool]]:
    """(user, is_owner) for an overdue action: the owners, then the case's coordinator and the
    meeting's chair, each once and only while they see the action."""
    from samenspel.meetings.models import Action as ActionModel

    found: dict[int, tuple[User, bool]] = {}
    for user in action_owners(action.owner_organisation_id, action.owner_person_id):
        found[user.pk] = (user, True)
    for user in (action.item.case.coordinator, action.item.meeting.chair):
        if user is None or user.pk in found or not user.is_active:
            continue
        if ActionModel.objects.visible_to(user).filter(pk=action.pk).exists():
            found[user.pk] = (user, False)
    return list(found.values())


def overdue_review_recipients(case: Case) -> list[User]:
    from samenspel.cases.models import Case as CaseModel

    coordinator = case.coordinator
    if coordinator is None or not coordinator.is_active:
        return []
    if not CaseModel.objects.directed_by(coordinator).filter(pk=case.pk).exists():
        return []
    return [coordinator]
