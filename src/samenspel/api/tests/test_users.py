"""/api/v1/users/ for application managers: reads audited once each, writes through the
accounts services, nested roles, and bad input."""

from __future__ import annotations

import json

import pytest

from samenspel.accounts.models import User
from samenspel.accounts.roles import Role
from samenspel.api.tests.conftest import assert_problem, entries_of
from samenspel.audit.models import AuditEntry, Result

URL = "/api/v1/users/"


@pytest.fixture
def manager(personas, token_client):
    return token_client(personas.app_manager)


def new_user(personas, **overrides):
    return {
        "email": "nieuw@school.test",
        "full_name": "Nieuwe Docent",
        "organisation": personas.school_org.pk,
        "roles": [{"role": "partner", "municipality": personas.municipality.pk}],
        **overrides,
    }


# Reads ----------------------------------------------------------------------------------


def test_list_is_scoped_and_writes_exactly_one_entry(personas, manager):
    response = manager.get(URL)
    assert response.status_code == 200
    emails = {item["email"] for item in response.json()["results"]}
    assert "docent@school.test" in emails
    assert "wijkagent@politie.test" in emails  # regional organisation in the manager's region
    assert "jongerenwerker@verweg.test" not in emails
    [entry] = entries_of(response)
    assert (entry.action, entry.object_type, entry.result, entry.actor_role) == (
        "user.list",
        "user",
        Result.ALLOWED,
        "app_manager",
    )


def test_retrieve_shows_roles_and_writes_exactly_one_entry(personas, manager):
    response = manager.get(f"{URL}{personas.teacher.pk}/")
    assert response.json() == {
        "id": personas.teacher.pk,
        "email": "docent@school.test",
        "full_name": "Tamara Docent",
        "organisation": personas.school_org.pk,
        "is_active": True,
        "roles": [{"role": "partner", "municipality": personas.municipality.pk, "region": None}],
    }
    [entry] = entries_of(response)
    assert (entry.action, entry.object_type, entry.object_id) == ("user.view", "user", str(personas.teacher.pk))


def test_failed_read_writes_no_allowed_entry(personas, manager):
    response = manager.get(f"{URL}{personas.outsider.pk}/")
    assert_problem(response, 404)
    assert [e.result for e in entries_of(response)] == [Result.DENIED]


def test_read_entry_is_written_or_no_data_is_sent(personas, manager, monkeypatch):
    """If the audit entry cannot be written, the personal data is not sent either."""
    from samenspel.api import viewsets

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(viewsets, "record", broken)
    response = manager.get(f"{URL}{personas.teacher.pk}/")
    assert_problem(response, 500)
    assert b"Tamara" not in response.content and b"docent@school.test" not in response.content


def test_application_manager_of_another_region_sees_none_of_ours(personas, token_client):
    from samenspel.testing.factories import RoleAssignmentFactory, UserFactory

    far_manager = UserFactory(organisation=personas.outsider_org)
    RoleAssignmentFactory(user=far_manager, role=Role.APP_MANAGER, municipality=personas.outsider_org.municipality)
    client = token_client(far_manager)
    emails = {item["email"] for item in client.get(URL).json()["results"]}
    assert emails == {"jongerenwerker@verweg.test", far_manager.email}
    assert_problem(client.get(f"{URL}{personas.teacher.pk}/"), 404)
    assert_problem(client.patch(f"{URL}{personas.teacher.pk}/", {"is_active": False}, format="json"), 404)
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active


@pytest.mark.parametrize(
    "persona", ["coordinator", "police_officer", "teacher", "chair", "mayors_office", "privacy_officer", "analyst"]
)
def test_other_roles_get_403_for_every_action(personas, token_client, persona):
    client = token_client(getattr(personas, persona))
    responses = {
        "user.list": client.get(URL),
        "user.view": client.get(f"{URL}{personas.teacher.pk}/"),
        "user.create": client.post(URL, new_user(personas), format="json"),
        "user.update": client.patch(f"{URL}{personas.teacher.pk}/", {"is_active": False}, format="json"),
    }
    for action, response in responses.items():
        assert_problem(response, 403)
        assert [(e.action, e.result) for e in entries_of(response)] == [(action, Result.DENIED)]
    assert not User.objects.filter(email="nieuw@school.test").exists()
    personas.teacher.refresh_from_db()
    assert personas.teacher.is_active


# Writes ---------------------------------------------------------------------------------


def test_create_with_roles(personas, manager):
    response = manager.post(URL, new_user(personas), format="json")
    assert response.status_code == 201, response.content
    user = User.objects.get(email="nieuw@school.test")
    assert response.json()["id"] == user.pk
    assert not user.has_usable_password()
    assert [(r.role, r.municipality_id, r.region_id) for r in user.role_assignments.all()] == [
        ("partner", personas.municipality.pk, None)
    ]
    assert [e.action for e in entries_of(response)] == ["user.create", "user.roles"]


def test_create_with_a_regional_role(personas, manager):
    payload = new_user(
        personas, organisation=personas.police_org.pk, roles=[{"role": "partner", "region": personas.region.pk}]
    )
    response = manager.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["roles"] == [{"role": "partner", "municipality": None, "region": personas.region.pk}]


@pytest.mark.parametrize("name", ["محمد", "Ĳsbrand van 't Hoff", "Zoë d'Ancona-Öztürk", "Владимир", "O'Neil-李"])
def test_names_in_any_script_are_stored_exactly_as_typed(personas, manager, name):
    response = manager.post(URL, new_user(personas, full_name=name), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["full_name"] == name
    assert User.objects.get(email="nieuw@school.test").full_name == name


def test_sql_fragments_are_just_text(personas, manager):
    name = "x'; DROP TABLE accounts_user; --"
    response = manager.post(URL, new_user(personas, full_name=name), format="json")
    assert response.status_code == 201
    assert User.objects.get(full_name=name).email == "nieuw@school.test"
    assert User.objects.count() > 2


def test_email_is_normalised_and_unique(personas, manager):
    response = manager.post(URL, new_user(personas, email="DOCENT@school.test"), format="json")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalid_params"]] == ["email"]
    assert User.objects.filter(email__iexact="docent@school.test").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": ""}, "email"),
        ({"email": "geen-adres"}, "email"),
        ({"email": "a" * 250 + "@x.nl"}, "email"),
        ({"email": ["a@b.nl"]}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"full_name": None}, "full_name"),
        ({"full_name": {"first": "A"}}, "full_name"),
        ({"full_name": False}, "full_name"),
        ({"full_name": "<img src=x onerror=alert(1)>"}, "full_name"),
        ({"full_name": "<script>alert('x')</script>"}, "full_name"),
        ({"full_name": "Nul\x00teken"}, "full_name"),
        ({"full_name": "Half \ud800 teken"}, "full_name"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": None}, "organisation"),
        ({"organisation": 10**40}, "organisation"),
        ({"is_active": "ja"}, "is_active"),
        ({"roles": "partner"}, "roles"),
        ({"roles": [{"role": "koning", "municipality": 1}]}, "roles[0].role"),
        ({"roles": [{"municipality": 1}]}, "roles[0].role"),
        ({"roles": [{"role": "partner"}]}, "roles[0]"),
        ({"roles": [{"role": "partner", "municipality": 999999}]}, "roles[0].municipality"),
        ({"roles": [{"role": "partner", "municipality": "1; DROP"}]}, "roles[0].municipality"),
        ({"roles": ["partner"]}, "roles[0]"),
        ({"roles": [{"role": "partner", "region": 1}] * 21}, "roles"),
    ],
)
def test_bad_input_answers_400_with_field_errors(personas, manager, overrides, field):
    before = AuditEntry.objects.count()
    # json.dumps escapes everything outside ASCII, so even a lone surrogate can be sent.
    body_text = json.dumps(new_user(personas, **overrides))
    response = manager.post(URL, body_text, content_type="application/json")
    body = assert_problem(response, 400)
    names = [p["name"] for p in body["invalid_params"]]
    assert field in names, body
    assert not User.objects.filter(email="nieuw@school.test").exists()
    assert AuditEntry.objects.count() == before  # a refused input is not a refused access


def test_organisation_outside_scope_is_a_field_error(personas, manager):
    response = manager.post(URL, new_user(personas, organisation=personas.outsider_org.pk), format="json")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalid_params"]] == ["organisation"]


def test_duplicate_roles_are_refused(personas, manager):
    role = {"role": "partner", "municipality": personas.municipality.pk}
    body = assert_problem(manager.post(URL, new_user(personas, roles=[role, role]), format="json"), 400)
    assert body["invalid_params"][0]["name"] == "roles"


def test_patch_changes_only_what_is_sent(personas, manager):
    response = manager.patch(f"{URL}{personas.teacher.pk}/", {"full_name": "Ĳsbrand van 't Hoff"}, format="json")
    assert response.status_code == 200, response.content
    personas.teacher.refresh_from_db()
    assert personas.teacher.full_name == "Ĳsbrand van 't Hoff"
    assert personas.teacher.email == "docent@school.test"
    assert personas.teacher.role_assignments.count() == 1
    assert [e.action for e in entries_of(response)] == ["user.update"]


def test_patch_replaces_roles(personas, manager):
    roles = [
        {"role": "coordinator", "municipality": personas.municipality.pk},
        {"role": "chair", "region": personas.region.pk},
    ]
    response = manager.patch(f"{URL}{personas.teacher.pk}/", {"roles": roles}, format="json")
    assert response.status_code == 200, response.content
    assert sorted(r["role"] for r in response.json()["roles"]) == ["chair", "coordinator"]
    assert sorted(personas.teacher.role_assignments.values_list("role", flat=True)) == ["chair", "coordinator"]
    assert [e.action for e in entries_of(response)] == ["user.roles"]


def test_patch_with_empty_roles_removes_them(personas, manager):
    response = manager.patch(f"{URL}{personas.teacher.pk}/", {"roles": []}, format="json")
    assert response.status_code == 200
    assert personas.teacher.role_assignments.count() == 0


def test_deactivation_is_audited_and_blocks_the_users_token(personas, manager, token_client):
    teacher_client = token_client(personas.teacher)
    response = manager.patch(f"{URL}{personas.teacher.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200
    assert [e.action for e in entries_of(response)] == ["user.update", "user.deactivate"]
    assert_problem(teacher_client.get(URL), 401)


def test_session_with_recent_second_factor_may_change_users(personas, client_for):
    client = client_for(personas.app_manager)
    response = client.patch(
        f"{URL}{personas.teacher.pk}/", data={"full_name": "Tamara D."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    response = client.post(URL, data=new_user(personas), content_type="application/json")
    assert response.status_code == 201, response.content
