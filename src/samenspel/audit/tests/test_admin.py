"""Django admin: superusers only (is_staff is not enough), every request audited, the audit
log read-only, and no second way to log in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from samenspel.accounts.models import Organisation, User, UserSession
from samenspel.audit import context
from samenspel.audit.admin import AuditEntryAdmin
from samenspel.audit.admin_site import site
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record
from samenspel.testing.factories import TOTPDeviceFactory, UserFactory
from samenspel.testing.personas import login_verified

ADMIN = "/django-admin/"


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser("operator@samenspel.test", "Correct-Paard-Batterij-Niet", full_name="Olga Op")
    TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def staff_user(personas):
    user = UserFactory(email="staf@voorbeeldstad.test", organisation=personas.municipality_org, is_staff=True)
    TOTPDeviceFactory(user=user)
    return user


def newest_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-id").first()


# Who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [ADMIN, f"{ADMIN}accounts/user/", f"{ADMIN}audit/auditentry/", f"{ADMIN}accounts/", f"{ADMIN}nonexistent/"],
)
def test_staff_without_superuser_is_refused_and_the_refusal_is_logged(personas, staff_user, client_for, path):
    response = client_for(staff_user).get(path)
    assert response.status_code == 403
    content = response.content.decode()
    assert personas.teacher.email not in content
    assert staff_user.email not in content
    denial = newest_entry()
    assert (denial.action, denial.result, denial.actor_id) == ("admin.view", "denied", staff_user.pk)


def test_staff_post_is_refused_and_changes_nothing(personas, staff_user, client_for):
    organisation = personas.school_org
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    response = client_for(staff_user).post(url, {"name": "Gekaapt", "type": "overig"})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Het Voorbeeld College"
    denial = newest_entry()
    assert (denial.action, denial.result, denial.object_type) == ("admin.change", "denied", "organisation")


@pytest.mark.parametrize("persona", ["privacy_officer", "app_manager", "coordinator"])
def test_ordinary_roles_are_refused(personas, client_for, persona):
    response = client_for(getattr(personas, persona)).get(f"{ADMIN}accounts/user/")
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_samenspel_login(client, personas):
    response = client.get(f"{ADMIN}accounts/user/", follow=True)
    assert response.redirect_chain
    final, _status = response.redirect_chain[-1]
    assert final.startswith(reverse("accounts:login"))
    assert personas.teacher.email not in response.content.decode()


def test_admin_login_page_offers_no_second_password_form(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 302


def test_admin_login_refuses_a_logged_in_non_superuser(staff_user, client_for):
    response = client_for(staff_user).get(reverse("admin:login"))
    assert response.status_code == 403
    denial = newest_entry()
    assert (denial.action, denial.result, denial.actor_id) == ("admin.login", "denied", staff_user.pk)


def test_admin_login_does_not_redirect_elsewhere(superuser, client_for):
    response = client_for(superuser).get(reverse("admin:login"), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == ADMIN


def _request(user):
    request = RequestFactory().get(ADMIN)
    request.user = user
    return request


def test_has_permission_needs_an_active_verified_superuser(superuser, staff_user):
    superuser.is_verified = lambda: True
    assert site.has_permission(_request(superuser))
    superuser.is_verified = lambda: False
    assert not site.has_permission(_request(superuser))  # no second factor given
    superuser.is_verified = lambda: True
    superuser.is_active = False
    assert not site.has_permission(_request(superuser))
    staff_user.is_verified = lambda: True
    assert not site.has_permission(_request(staff_user))
    assert not site.has_permission(_request(AnonymousUser()))


# What superusers do is audited -------------------------------------------------------------


def test_superuser_sees_the_admin_and_each_view_is_audited(personas, superuser, client_for):
    client = client_for(superuser)
    before = AuditEntry.objects.count()

    response = client.get(ADMIN)

    assert response.status_code == 200
    assert AuditEntry.objects.count() == before + 1
    entry = newest_entry()
    assert (entry.action, entry.result, entry.actor_id) == ("admin.view", "allowed", superuser.pk)
    assert entry.actor_role == "superuser"
    assert entry.channel == "web"
    assert entry.request_id == response["X-Request-ID"]


@pytest.mark.parametrize(
    ("url_name", "object_type"),
    [
        ("admin:accounts_user_changelist", "user"),
        ("admin:accounts_organisation_changelist", "organisation"),
        ("admin:accounts_region_changelist", "region"),
        ("admin:accounts_municipality_changelist", "municipality"),
        ("admin:accounts_roleassignment_changelist", "roleassignment"),
        ("admin:audit_auditentry_changelist", "auditentry"),
    ],
)
def test_list_views_are_audited_with_their_model(personas, superuser, client_for, url_name, object_type):
    client = client_for(superuser)
    before = AuditEntry.objects.count()
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert AuditEntry.objects.count() == before + 1
    entry = newest_entry()
    assert (entry.action, entry.object_type) == ("admin.view", object_type)


def test_change_view_is_audited_with_the_object(personas, superuser, client_for):
    response = client_for(superuser).get(reverse("admin:accounts_user_change", args=[personas.teacher.pk]))
    assert response.status_code == 200
    entry = newest_entry()
    assert (entry.action, entry.object_type, entry.object_id) == ("admin.view", "user", str(personas.teacher.pk))


def test_a_change_is_audited_in_its_transaction(personas, superuser, client_for):
    organisation = personas.school_org
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    data = {
        "name": "Het Nieuwe College",
        "type": organisation.type,
        "region": organisation.region_id,
        "municipality": organisation.municipality_id,
        "is_active": "on",
    }
    before = AuditEntry.objects.count()
    response = client_for(superuser).post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Het Nieuwe College"
    assert AuditEntry.objects.count() == before + 1
    entry = newest_entry()
    assert (entry.action, entry.object_type, entry.object_id) == ("admin.change", "organisation", str(organisation.pk))
    assert entry.actor_id == superuser.pk


def test_a_user_without_organisation_is_refused_next_to_the_field(personas, superuser, client_for):
    url = reverse("admin:accounts_user_add")
    data = {"email": "nieuw@voorbeeldstad.test", "full_name": "Nieuw", "organisation": "", "usable_password": "false"}
    response = client_for(superuser).post(url, data)
    assert response.status_code == 200
    assert "alleen superusers mogen zonder organisatie bestaan" in response.content.decode()
    assert not User.objects.filter(email="nieuw@voorbeeldstad.test").exists()


def test_a_user_can_be_created_with_an_organisation(personas, superuser, client_for):
    url = reverse("admin:accounts_user_add")
    data = {
        "email": "nieuw@voorbeeldstad.test",
        "full_name": "Nieuw",
        "organisation": personas.school_org.pk,
        "usable_password": "false",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    response = client_for(superuser).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(email="nieuw@voorbeeldstad.test")
    assert created.organisation == personas.school_org
    assert not created.has_usable_password()


def test_deactivating_a_user_in_admin_ends_their_sessions(personas, superuser, client_for):
    teacher = personas.teacher
    teacher_client = Client()
    login_verified(teacher_client, teacher)
    assert UserSession.objects.filter(user=teacher).exists()
    url = reverse("admin:accounts_user_change", args=[teacher.pk])
    data = {
        "email": teacher.email,
        "full_name": teacher.full_name,
        "organisation": teacher.organisation_id,
        # is_active left out: the box is unticked.
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    response = client_for(superuser).post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    teacher.refresh_from_db()
    assert not teacher.is_active
    assert not UserSession.objects.filter(user=teacher).exists()
    assert teacher_client.get("/").status_code == 302  # logged out everywhere


# The audit log in admin is read-only -------------------------------------------------------


def test_audit_entries_cannot_be_added_changed_or_deleted(superuser, client_for):
    with context.as_command("test"):
        entry = record("case.view", object_type="case", object_id="1")
    client = client_for(superuser)
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"action": "nothing"})
    assert change.status_code == 403
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert delete.status_code == 403
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"), {"action": "delete_selected", "_selected_action": [entry.pk]}
    )
    assert bulk.status_code in (200, 302, 403)
    assert AuditEntry.objects.filter(pk=entry.pk, action="case.view").exists()
    view = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert view.status_code == 200


def test_audit_entry_admin_has_no_write_permissions(superuser):
    model_admin = AuditEntryAdmin(AuditEntry, site)
    request = _request(superuser)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)
    assert not model_admin.get_actions(request)


def test_admin_site_is_the_one_mounted():
    from django.urls import resolve

    assert resolve(ADMIN).func.admin_site is site
    assert resolve(f"{ADMIN}accounts/organisation/").func.model_admin.admin_site is site
    assert Organisation in site._registry
    assert AuditEntry in site._registry
