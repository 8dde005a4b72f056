"""manage.py load_demo: refused outside demo mode, complete, idempotent, and its users can
log in with the published password."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from samenspel.accounts.management.commands.load_demo import DEMO_PASSWORD, USERS
from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region, RoleAssignment, User
from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditEntry
from samenspel.audit.verify import verify_all

MODELS = (Region, Municipality, Organisation, User, RoleAssignment)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def demo_mode(settings, sharing_defaults):
    settings.DEMO_MODE = True


@pytest.mark.django_db
def test_refuses_without_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SAMENSPEL_DEMO_MODE=true"):
        load_demo()
    assert not Region.objects.exists()
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_creates_the_region_and_an_organisation_of_every_type(demo_mode):
    load_demo()
    region = Region.objects.get(name="Regio Voorbeeld")
    assert set(region.municipalities.values_list("name", flat=True)) == {"Voorbeeldstad", "Dorpsveen", "Meerwijk"}
    organisations = Organisation.objects.filter(region=region)
    assert set(organisations.values_list("type", flat=True)) == set(OrganisationType.values)
    # A municipality organisation for each municipality; the hub, police and prosecution are regional.
    gemeenten = organisations.filter(type=OrganisationType.MUNICIPALITY)
    assert set(gemeenten.values_list("municipality__name", flat=True)) == {"Voorbeeldstad", "Dorpsveen", "Meerwijk"}
    for regional in (OrganisationType.HUB, OrganisationType.POLICE, OrganisationType.PROSECUTION):
        assert organisations.filter(type=regional, municipality__isnull=True).exists(), regional


@pytest.mark.django_db
def test_creates_one_demo_user_per_role_on_the_test_domain(demo_mode):
    load_demo()
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    users = User.objects.all()
    assert users.count() == len(USERS)
    assert all(user.email.endswith(".test") for user in users)
    assert not users.filter(is_staff=True).exists()
    assert not users.filter(is_superuser=True).exists()
    coordinators = RoleAssignment.objects.filter(role=Role.COORDINATOR)
    assert {(c.municipality.name, c.user.organisation.name) for c in coordinators} == {
        ("Voorbeeldstad", "Gemeente Voorbeeldstad"),
        ("Dorpsveen", "Gemeente Dorpsveen"),
    }
    app_manager = RoleAssignment.objects.get(role=Role.APP_MANAGER)
    assert app_manager.region.name == "Regio Voorbeeld"
    assert app_manager.municipality is None
    chair = RoleAssignment.objects.get(role=Role.CHAIR)
    assert chair.user.organisation.type == OrganisationType.HUB
    partners = RoleAssignment.objects.filter(role=Role.PARTNER)
    partner_types = set(partners.values_list("user__organisation__type", flat=True))
    assert partner_types == {OrganisationType.EDUCATION, OrganisationType.POLICE, OrganisationType.YOUTH_WORK}


@pytest.mark.django_db
def test_writes_one_audit_entry_per_run_that_changes_something(demo_mode):
    load_demo()
    entry = AuditEntry.objects.get(action="demo.load")
    assert entry.object_type == "demo"
    assert entry.channel == "command"
    assert entry.actor_label == "load_demo"
    assert verify_all().ok


@pytest.mark.django_db
def test_running_twice_changes_nothing(demo_mode):
    load_demo()
    before = snapshot()
    entries = AuditEntry.objects.count()
    output = load_demo()
    assert snapshot() == before
    assert AuditEntry.objects.count() == entries
    assert "nothing changed" in output


@pytest.mark.django_db
def test_a_rerun_repairs_a_changed_demo_user(demo_mode):
    load_demo()
    user = User.objects.get(email="dossierhouder@voorbeeldstad.test")
    user.set_password("Een-Ander-Wachtwoord-123")
    user.is_active = False
    user.save()
    load_demo()
    user.refresh_from_db()
    assert user.is_active
    assert user.check_password(DEMO_PASSWORD)
    assert AuditEntry.objects.filter(action="demo.load").count() == 2
    assert verify_all().ok


@pytest.mark.django_db
def test_demo_users_log_in_with_the_printed_password(demo_mode):
    output = load_demo()
    assert f"Password for every demo user: {DEMO_PASSWORD}" in output
    for demo in USERS:
        assert demo.email in output
        user = User.objects.get(email=demo.email)
        validate_password(DEMO_PASSWORD, user)  # raises if the configured validators refuse it
        request = RequestFactory().post("/account/inloggen/")
        assert authenticate(request, username=demo.email, password=DEMO_PASSWORD) == user
        assert authenticate(request, username=demo.email, password="wrong-password-entirely") is None
