"""Load the demo: a fictional region with three municipalities, a Zorg- en Veiligheidshuis,
partner organisations of every type and one demo user per role, all sharing one password.

Idempotent: whatever already matches is left alone, so a second run changes nothing and
writes no audit entry. Refused unless SAMENSPEL_DEMO_MODE is on (never in production).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region, RoleAssignment, User
from samenspel.accounts.roles import Role
from samenspel.audit import context as audit_context
from samenspel.audit.services import record

# Printed at the end of every run and listed in README.md. Demo data only: never real data.
DEMO_PASSWORD = "Samen-Sterk-Demo-2026"  # noqa: S105 - the published demo password

REGION = "Regio Voorbeeld"
MUNICIPALITIES = ("Voorbeeldstad", "Dorpsveen", "Meerwijk")


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    type: OrganisationType
    municipality: str | None  # None: a regional organisation


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation("gemeente", "Gemeente Voorbeeldstad", OrganisationType.MUNICIPALITY, "Voorbeeldstad"),
    DemoOrganisation("gemeente_dorpsveen", "Gemeente Dorpsveen", OrganisationType.MUNICIPALITY, "Dorpsveen"),
    DemoOrganisation("gemeente_meerwijk", "Gemeente Meerwijk", OrganisationType.MUNICIPALITY, "Meerwijk"),
    DemoOrganisation("politie", "Politie basisteam Voorbeeld", OrganisationType.POLICE, None),
    DemoOrganisation("school", "Het Voorbeeld College", OrganisationType.EDUCATION, "Voorbeeldstad"),
    DemoOrganisation("roc", "ROC Voorbeeld, locatie Meerwijk", OrganisationType.EDUCATION, "Meerwijk"),
    DemoOrganisation("basisschool", "Openbare basisschool De Veenhoeve", OrganisationType.EDUCATION, "Dorpsveen"),
    DemoOrganisation("jongerenwerk", "Jongerenwerk Voorbeeldstad", OrganisationType.YOUTH_WORK, "Voorbeeldstad"),
    DemoOrganisation("wijkteam", "Sociaal Wijkteam Voorbeeldstad-Noord", OrganisationType.SOCIAL_TEAM, "Voorbeeldstad"),
    DemoOrganisation("jeugdhulp", "Jeugdhulp De Horizon", OrganisationType.YOUTH_CARE, None),
    DemoOrganisation(
        "rvdk", "Raad voor de Kinderbescherming, locatie Voorbeeld", OrganisationType.CHILD_PROTECTION, None
    ),
    DemoOrganisation("reclassering", "Reclassering, unit Voorbeeld", OrganisationType.PROBATION, None),
    DemoOrganisation("ggz", "GGZ Voorbeeld", OrganisationType.MENTAL_HEALTH, None),
    DemoOrganisation("zvh", "Zorg- en Veiligheidshuis Voorbeeld", OrganisationType.HUB, None),
    DemoOrganisation("om", "Openbaar Ministerie, arrondissementsparket Voorbeeld", OrganisationType.PROSECUTION, None),
    DemoOrganisation("woningcorporatie", "Woningcorporatie Voorbeeldwonen", OrganisationType.OTHER, "Voorbeeldstad"),
)


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    organisation: str  # DemoOrganisation.key
    role: Role
    regional: bool = False  # scoped to the region instead of the organisation's municipality


USERS: tuple[DemoUser, ...] = (
    DemoUser("dossierhouder@voorbeeldstad.test", "Dana Dossier", "gemeente", Role.COORDINATOR),
    # A neighbour's coordinator, so that a case can move between municipalities in the demo.
    DemoUser("dossierhouder@dorpsveen.test", "Dirk Dorpsveen", "gemeente_dorpsveen", Role.COORDINATOR),
    DemoUser("docent@school.test", "Tamara Docent", "school", Role.PARTNER),
    DemoUser("wijkagent@politie.test", "Piet Politie", "politie", Role.PARTNER, regional=True),
    DemoUser("jongerenwerker@jongerenwerk.test", "Jamal Jongerenwerk", "jongerenwerk", Role.PARTNER),
    DemoUser("voorzitter@zvh.test", "Vera Voorzitter", "zvh", Role.CHAIR, regional=True),
    DemoUser("kabinet@voorbeeldstad.test", "Kees Kabinet", "gemeente", Role.MAYORS_OFFICE),
    DemoUser("privacy@voorbeeldstad.test", "Fleur Privacy", "gemeente", Role.PRIVACY_OFFICER),
    DemoUser("beheer@voorbeeldstad.test", "Bram Beheer", "gemeente", Role.APP_MANAGER, regional=True),
    DemoUser("analist@voorbeeldstad.test", "Anna Analist", "gemeente", Role.ANALYST),
)


class Command(BaseCommand):
    help = "Load the demo region, organisations and one demo user per role (only with SAMENSPEL_DEMO_MODE=true)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "load_demo only runs in demo mode: set SAMENSPEL_DEMO_MODE=true. "
                "Demo data must never be loaded into a real Samenspel."
            )
        with audit_context.as_command("load_demo"), transaction.atomic():
            changes = self._load()
            if changes:
                record("demo.load", object_type="demo")
        if changes:
            self.stdout.write(f"Demo loaded: {changes} records created or updated.")
        else:
            self.stdout.write("Demo already loaded: nothing changed.")
        self._print_logins()

    # Loading ------------------------------------------------------------------------------

    def _load(self) -> int:
        self.changes = 0
        region = self._ensure(Region, {"name": REGION}, {})
        municipalities = {
            name: self._ensure(Municipality, {"name": name}, {"region": region}) for name in MUNICIPALITIES
        }
        organisations = {
            org.key: self._ensure(
                Organisation,
                {"region": region, "name": org.name},
                {
                    "type": org.type,
                    "municipality": municipalities[org.municipality] if org.municipality else None,
                    "is_active": True,
                },
            )
            for org in ORGANISATIONS
        }
        for demo in USERS:
            organisation = organisations[demo.organisation]
            user = self._ensure_user(demo, organisation)
            if demo.regional:
                scope = {"municipality": None, "region": region}
            else:
                scope = {"municipality": organisation.municipality, "region": None}
            self._ensure(RoleAssignment, {"user": user, "role": demo.role, **scope}, {})
        # Signals and cases, through the domain services, acted by the demo users.
        from samenspel.intake import demo as casework_demo

        self.changes += casework_demo.load(self.stdout)
        return self.changes

    def _ensure(self, model, lookup: dict, wanted: dict):
        """Get or create by the natural key in lookup; bring the other fields to `wanted`."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **wanted)
            instance.full_clean()
            instance.save()
            self.changes += 1
            return instance
        stale = [field for field, value in wanted.items() if getattr(instance, field) != value]
        if stale:
            for field in stale:
                setattr(instance, field, wanted[field])
            instance.full_clean()
            instance.save(update_fields=stale)
            self.changes += 1
        return instance

    def _ensure_user(self, demo: DemoUser, organisation: Organisation) -> User:
        wanted = {"full_name": demo.full_name, "organisation": organisation, "is_active": True}
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User(email=demo.email, **wanted)
            validate_password(DEMO_PASSWORD, user)
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
            self.changes += 1
            return user
        user = self._ensure(User, {"email": demo.email}, wanted)
        if not user.check_password(DEMO_PASSWORD):
            validate_password(DEMO_PASSWORD, user)
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            self.changes += 1
        return user

    # Output -------------------------------------------------------------------------------

    @staticmethod
    def _municipality_of(demo: DemoUser) -> str:
        return next(org.municipality or REGION for org in ORGANISATIONS if org.key == demo.organisation)

    def _print_logins(self) -> None:
        names = {org.key: org.name for org in ORGANISATIONS}
        rows = [
            (
                demo.email,
                str(demo.role.label),
                REGION if demo.regional else self._municipality_of(demo),
                names[demo.organisation],
            )
            for demo in USERS
        ]
        headers = ("E-mail", "Role", "Scope", "Organisation")
        widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

        def line(cells) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write("")
        self.stdout.write("Demo logins (demo data only: never enter real personal data):")
        self.stdout.write(line(headers))
        self.stdout.write(line("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
