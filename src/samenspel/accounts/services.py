"""The one write path for organisations, users and roles. Every function checks that the
actor may do it, validates, writes and appends the audit entry in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, RoleAssignment, User
from samenspel.accounts.querysets import users_manageable_by
from samenspel.accounts.roles import Capability
from samenspel.accounts.sessions import end_all_sessions
from samenspel.audit.services import record
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotVisible

ORGANISATION_FIELDS = ("name", "type", "region", "municipality", "is_active")
USER_FIELDS = ("email", "full_name", "organisation", "is_active")


def _check_organisation_in_scope(actor: User, organisation: Organisation, action: str) -> None:
    if not Organisation.objects.manageable_by(actor).filter(pk=organisation.pk).exists():
        raise NotVisible(action, object_type="organisation", object_id=organisation.pk)


def _check_role_in_scope(actor: User, assignment: RoleAssignment, action: str) -> None:
    """An application manager grants roles only within their own scope."""
    for own in actor.assignments_with(Capability.MANAGE_ACCOUNTS):
        if own.region_id is not None:
            scope_region = assignment.region_id or (assignment.municipality and assignment.municipality.region_id)
            if scope_region == own.region_id:
                return
        elif assignment.municipality_id is not None and assignment.municipality_id == own.municipality_id:
            return
    raise ValidationError({"roles": _("U kunt alleen rollen toekennen binnen uw eigen gemeente of regio.")})


@transaction.atomic
def create_organisation(actor: User, **data: Any) -> Organisation:
    role = require_capability(actor, Capability.MANAGE_ACCOUNTS, "organisation.create")
    organisation = Organisation(**{k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    organisation.full_clean()
    organisation.save()
    _check_organisation_in_scope(actor, organisation, "organisation.create")
    record("organisation.create", object_type="organisation", object_id=organisation.pk, role=role)
    return organisation


@transaction.atomic
def update_organisation(actor: User, organisation: Organisation, **data: Any) -> Organisation:
    role = require_capability(actor, Capability.MANAGE_ACCOUNTS, "organisation.update")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _check_organisation_in_scope(actor, organisation, "organisation.update")
    for field, value in data.items():
        if field in ORGANISATION_FIELDS:
            setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    _check_organisation_in_scope(actor, organisation, "organisation.update")
    record("organisation.update", object_type="organisation", object_id=organisation.pk, role=role)
    return organisation


@transaction.atomic
def create_user(actor: User, *, roles: list[RoleAssignment] | None = None, **data: Any) -> User:
    """Create an account without a usable password; the person sets one through the
    password-reset link. Roles are unsaved RoleAssignment instances (user left empty)."""
    role = require_capability(actor, Capability.MANAGE_ACCOUNTS, "user.create")
    user = User(**{k: v for k, v in data.items() if k in USER_FIELDS})
    user.set_unusable_password()
    user.full_clean()
    _check_organisation_in_scope(actor, user.organisation, "user.create")
    user.save()
    record("user.create", object_type="user", object_id=user.pk, role=role)
    set_roles(actor, user, roles or [])
    return user


@transaction.atomic
def update_user(actor: User, user: User, **data: Any) -> User:
    role = require_capability(actor, Capability.MANAGE_ACCOUNTS, "user.update")
    user = users_manageable_by(actor).select_for_update(of=("self",)).filter(pk=user.pk).first()
    if user is None:
        raise NotVisible("user.update", object_type="user")
    was_active = user.is_active
    for field, value in data.items():
        if field in USER_FIELDS:
            setattr(user, field, value)
    user.full_clean()
    _check_organisation_in_scope(actor, user.organisation, "user.update")
    user.save()
    record("user.update", object_type="user", object_id=user.pk, role=role)
    if was_active and not user.is_active:
        end_all_sessions(user)
        record("user.deactivate", object_type="user", object_id=user.pk, role=role)
    return user


@transaction.atomic
def set_roles(actor: User, user: User, roles: list[RoleAssignment]) -> list[RoleAssignment]:
    """Replace the user's roles with the given ones (unsaved instances)."""
    role = require_capability(actor, Capability.MANAGE_ACCOUNTS, "user.roles")
    if not users_manageable_by(actor).filter(pk=user.pk).exists():
        raise NotVisible("user.roles", object_type="user", object_id=user.pk)
    wanted = {(r.role, r.municipality_id, r.region_id) for r in roles}
    current = {(r.role, r.municipality_id, r.region_id): r for r in user.role_assignments.all()}
    for key, assignment in current.items():
        if key not in wanted:
            _check_role_in_scope(actor, assignment, "user.roles")
            assignment.delete()
    for assignment in roles:
        key = (assignment.role, assignment.municipality_id, assignment.region_id)
        if key in current:
            continue
        assignment.user = user
        _check_role_in_scope(actor, assignment, "user.roles")
        assignment.full_clean()
        assignment.save()
    user._role_cache = None
    record("user.roles", object_type="user", object_id=user.pk, role=role)
    return list(user.role_assignments.all())
