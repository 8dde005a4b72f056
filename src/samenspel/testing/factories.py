"""factory_boy factories shared by all tests. Traits name states, e.g.
UserFactory(inactive=True)."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region, RoleAssignment, User


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Regio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = OrganisationType.OTHER
    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.municipality.region if o.municipality else RegionFactory())

    class Params:
        regional = factory.Trait(municipality=None)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("Correct-Paard-Batterij-Niet")

    class Params:
        inactive = factory.Trait(is_active=False)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "partner"
    municipality = factory.LazyAttribute(lambda a: a.user.organisation.municipality)
    region = None


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator-app"
    confirmed = True
