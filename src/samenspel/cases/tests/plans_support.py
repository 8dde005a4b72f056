"""Shared set-up for the tests of plans, reviews, closure and transfer."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspel.accounts.models import Organisation, OrganisationType, User
from samenspel.accounts.roles import Role
from samenspel.testing.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from samenspel.testing.factories_cases import CaseFactory

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def voorbeeld_case(p, **kwargs):
    """A Voorbeeldstad case in execution directed by the coordinator, the school leading and
    the police on the team."""
    kwargs.setdefault("in_execution", True)
    return CaseFactory(
        municipality=p.municipality, coordinator=p.coordinator, team=[p.school_org, p.police_org], **kwargs
    )


def neighbour_coordinator(p, email: str = "dossierhouder@dorpsveen.test"):
    """A coordinator of Dorpsveen (the neighbouring municipality in the same region); the
    same one when asked again with the same e-mail address."""
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    organisation = Organisation.objects.filter(name="Gemeente Dorpsveen").first() or OrganisationFactory(
        name="Gemeente Dorpsveen", type=OrganisationType.MUNICIPALITY, municipality=p.neighbour
    )
    user = UserFactory(email=email, full_name="Daan Dorpsveen", organisation=organisation)
    RoleAssignmentFactory(user=user, role=Role.COORDINATOR, municipality=p.neighbour)
    return user
