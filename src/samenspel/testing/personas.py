"""The people every test talks about. One region (Regio Voorbeeld) with Voorbeeldstad, and an
outsider organisation in another region."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django_otp import DEVICE_ID_SESSION_KEY

from samenspel.accounts.middleware import LOGIN_AT, VERIFIED_AT
from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region, User
from samenspel.accounts.roles import Role
from samenspel.testing.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    TOTPDeviceFactory,
    UserFactory,
)


@dataclass
class Personas:
    region: Region
    municipality: Municipality
    neighbour: Municipality
    municipality_org: Organisation
    police_org: Organisation
    school_org: Organisation
    youth_work_org: Organisation
    outsider_org: Organisation
    coordinator: User
    police_officer: User
    teacher: User
    youth_worker: User
    chair: User
    mayors_office: User
    privacy_officer: User
    app_manager: User
    analyst: User
    outsider: User

    def by_name(self) -> dict[str, User]:
        names = (
            "coordinator",
            "police_officer",
            "teacher",
            "youth_worker",
            "chair",
            "mayors_office",
            "privacy_officer",
            "app_manager",
            "analyst",
            "outsider",
        )
        return {name: getattr(self, name) for name in names}


def _user(email: str, name: str, organisation: Organisation, role: Role, *, regional: bool = False) -> User:
    user = UserFactory(email=email, full_name=name, organisation=organisation)
    if regional:
        RoleAssignmentFactory(user=user, role=role, municipality=None, region=organisation.region)
    else:
        RoleAssignmentFactory(user=user, role=role, municipality=organisation.municipality)
    TOTPDeviceFactory(user=user)
    return user


def build_personas() -> Personas:
    region = RegionFactory(name="Regio Voorbeeld")
    town = MunicipalityFactory(name="Voorbeeldstad", region=region)
    neighbour = MunicipalityFactory(name="Dorpsveen", region=region)
    elsewhere = MunicipalityFactory(name="Verweg", region=RegionFactory(name="Regio Elders"))
    gemeente = OrganisationFactory(name="Gemeente Voorbeeldstad", type=OrganisationType.MUNICIPALITY, municipality=town)
    police = OrganisationFactory(
        name="Politie basisteam Voorbeeld", type=OrganisationType.POLICE, regional=True, region=region
    )
    school = OrganisationFactory(name="Het Voorbeeld College", type=OrganisationType.EDUCATION, municipality=town)
    youth = OrganisationFactory(name="Jongerenwerk Voorbeeldstad", type=OrganisationType.YOUTH_WORK, municipality=town)
    hub = OrganisationFactory(
        name="Zorg- en Veiligheidshuis Voorbeeld", type=OrganisationType.HUB, regional=True, region=region
    )
    outsider_org = OrganisationFactory(
        name="Jongerenwerk Verweg", type=OrganisationType.YOUTH_WORK, municipality=elsewhere
    )
    return Personas(
        region=region,
        municipality=town,
        neighbour=neighbour,
        municipality_org=gemeente,
        police_org=police,
        school_org=school,
        youth_work_org=youth,
        outsider_org=outsider_org,
        coordinator=_user("dossierhouder@voorbeeldstad.test", "Dana Dossier", gemeente, Role.COORDINATOR),
        police_officer=_user("wijkagent@politie.test", "Piet Politie", police, Role.PARTNER, regional=True),
        teacher=_user("docent@school.test", "Tamara Docent", school, Role.PARTNER),
        youth_worker=_user("jongerenwerker@jongerenwerk.test", "Jamal Jongerenwerk", youth, Role.PARTNER),
        chair=_user("voorzitter@zvh.test", "Vera Voorzitter", hub, Role.CHAIR, regional=True),
        mayors_office=_user("kabinet@voorbeeldstad.test", "Kees Kabinet", gemeente, Role.MAYORS_OFFICE),
        privacy_officer=_user("privacy@voorbeeldstad.test", "Fleur Privacy", gemeente, Role.PRIVACY_OFFICER),
        app_manager=_user("beheer@voorbeeldstad.test", "Bram Beheer", gemeente, Role.APP_MANAGER, regional=True),
        analyst=_user("analist@voorbeeldstad.test", "Anna Analist", gemeente, Role.ANALYST),
        outsider=_user("jongerenwerker@verweg.test", "Otto Buiten", outsider_org, Role.PARTNER),
    )


def login_verified(client, user: User) -> None:
    """Log a test client in as if the user gave password and second factor just now."""
    client.force_login(user)
    session = client.session
    device = user.totpdevice_set.first()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_AT] = time.time()
    session[VERIFIED_AT] = time.time()
    session.save()
