"""Reads of accounts data, already filtered for the user asking. The only way views and the
API fetch organisations and users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from samenspel.accounts.roles import Capability

if TYPE_CHECKING:
    from samenspel.accounts.models import User


def manage_scope_filter(user: User, *, prefix: str = "") -> Q:
    """Organisations within the scopes where the user is an application manager, as a Q on
    an Organisation relation (prefix "organisation__" for users). Matches nothing without the
    role."""
    condition = Q(pk__in=[])
    for assignment in user.assignments_with(Capability.MANAGE_ACCOUNTS):
        if assignment.region_id is not None:
            condition |= Q(**{f"{prefix}region_id": assignment.region_id})
        else:
            condition |= Q(**{f"{prefix}municipality_id": assignment.municipality_id})
    return condition


class OrganisationQuerySet(models.QuerySet):
    def manageable_by(self, user: User) -> OrganisationQuerySet:
        return self.filter(manage_scope_filter(user))


class RoleAssignmentQuerySet(models.QuerySet):
    pass


def users_manageable_by(user: User) -> models.QuerySet:
    """Users in organisations the user manages. Superusers appear to nobody here."""
    from samenspel.accounts.models import User as UserModel

    if not user.has_capability(Capability.MANAGE_ACCOUNTS):
        return UserModel.objects.none()
    return (
        UserModel.objects.filter(manage_scope_filter(user, prefix="organisation__"))
        .select_related("organisation")
        .prefetch_related("role_assignments__municipality", "role_assignments__region")
    )
