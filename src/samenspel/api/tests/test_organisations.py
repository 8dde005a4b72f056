"""/api/v1/organisations/ for application managers."""

from __future__ import annotations

import pytest

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Role
from samenspel.api.tests.conftest import assert_problem, entries_of
from samenspel.audit.models import Result
from samenspel.testing.factories import RoleAssignmentFactory, UserFactory

URL = "/api/v1/organisations/"


@pytest.fixture
def manager(personas, token_client):
    return token_client(personas.app_manager)


def test_list_shows_only_organisations_in_the_managers_region(personas, manager):
    response = manager.get(URL)
    assert response.status_code == 200
    names = {item["name"] for item in response.json()["results"]}
    assert "Het Voorbeeld College" in names
    assert "Politie basisteam Voorbeeld" in names
    assert "Jongerenwerk Verweg" not in names
    assert response.json()["count"] == len(names)


def test_municipal_manager_sees_only_their_municipality(personas, token_client):
    local = UserFactory(organisation=personas.school_org)
    RoleAssignmentFactory(user=local, role=Role.APP_MANAGER, municipality=personas.municipality)
    names = {item["name"] for item in token_client(local).get(URL).json()["results"]}
    assert names == {"Gemeente Voorbeeldstad", "Het Voorbeeld College", "Jongerenwerk Voorbeeldstad"}


def test_retrieve_and_out_of_scope_404(personas, manager):
    response = manager.get(f"{URL}{personas.school_org.pk}/")
    assert response.json() == {
        "id": personas.school_org.pk,
        "name": "Het Voorbeeld College",
        "type": "onderwijs",
        "region": personas.region.pk,
        "municipality": personas.municipality.pk,
        "is_active": True,
    }
    assert_problem(manager.get(f"{URL}{personas.outsider_org.pk}/"), 404)


@pytest.mark.parametrize(
    "persona", ["coordinator", "police_officer", "teacher", "chair", "mayors_office", "privacy_officer", "analyst"]
)
def test_other_roles_get_403_and_the_refusal_is_audited(personas, token_client, persona):
    client = token_client(getattr(personas, persona))
    for response, action in (
        (client.get(URL), "organisation.list"),
        (client.get(f"{URL}{personas.school_org.pk}/"), "organisation.view"),
        (
            client.post(URL, {"name": "X", "type": "overig", "region": personas.region.pk}, format="json"),
            "organisation.create",
        ),
        (client.patch(f"{URL}{personas.school_org.pk}/", {"name": "X"}, format="json"), "organisation.update"),
    ):
        body = assert_problem(response, 403)
        assert body["title"] == "Geen toegang"
        [entry] = entries_of(response)
        assert (entry.action, entry.result) == (action, Result.DENIED)
    assert Organisation.objects.filter(name="X").count() == 0


def test_create_writes_through_the_service_and_is_audited(personas, manager):
    response = manager.post(
        URL,
        {
            "name": "Stichting Ĳsselkring",
            "type": "jeugdhulp",
            "region": personas.region.pk,
            "municipality": personas.neighbour.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    organisation = Organisation.objects.get(pk=response.json()["id"])
    assert organisation.name == "Stichting Ĳsselkring"
    assert organisation.municipality == personas.neighbour
    assert [(e.action, e.object_id) for e in entries_of(response)] == [("organisation.create", str(organisation.pk))]


def test_partial_update(personas, manager):
    response = manager.patch(f"{URL}{personas.school_org.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    personas.school_org.refresh_from_db()
    assert personas.school_org.is_active is False
    assert personas.school_org.name == "Het Voorbeeld College"
    assert [e.action for e in entries_of(response)] == ["organisation.update"]


def test_cannot_update_out_of_scope_organisation(personas, manager):
    response = manager.patch(f"{URL}{personas.outsider_org.pk}/", {"name": "Overgenomen"}, format="json")
    assert_problem(response, 404)
    personas.outsider_org.refresh_from_db()
    assert personas.outsider_org.name == "Jongerenwerk Verweg"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"type": "overig"}, "name"),
        ({"name": "", "type": "overig"}, "name"),
        ({"name": "x" * 201, "type": "overig"}, "name"),
        ({"name": ["a"], "type": "overig"}, "name"),
        ({"name": True, "type": "overig"}, "name"),
        ({"name": {"nl": "School"}, "type": "overig"}, "name"),
        ({"name": "School", "type": None}, "type"),
        ({"name": "<script>alert(1)</script>", "type": "overig"}, "name"),
        ({"name": "Regel\neen", "type": "overig"}, "name"),
        ({"name": "School", "type": "sekte"}, "type"),
        ({"name": "School", "type": "overig", "region": "abc"}, "region"),
        ({"name": "School", "type": "overig", "region": 1.5}, "region"),
        ({"name": "School", "type": "overig", "region": True}, "region"),
        ({"name": "School", "type": "overig", "region": 10**30}, "region"),
        ({"name": "School", "type": "overig", "region": 987654}, "region"),
        ({"name": "School", "type": "overig", "is_active": "misschien"}, "is_active"),
    ],
)
def test_bad_input_answers_400_with_field_errors(personas, manager, payload, field):
    payload = {"region": personas.region.pk, **payload}
    response = manager.post(URL, payload, format="json")
    body = assert_problem(response, 400)
    names = [p["name"] for p in body["invalid_params"]]
    assert field in names, body
    assert all(p["reason"] for p in body["invalid_params"])
    assert not Organisation.objects.filter(region=personas.region, name__in=["School", "", "x" * 201]).exists()


def test_reasons_are_in_dutch(personas, manager):
    body = manager.post(URL, {"type": "overig", "region": personas.region.pk}, format="json").json()
    assert body["invalid_params"] == [{"name": "name", "reason": "Dit veld is vereist.", "code": "required"}]


def test_municipality_must_lie_in_the_region(personas, manager):
    other_region = personas.outsider_org.region
    response = manager.post(
        URL,
        {"name": "School", "type": "onderwijs", "region": other_region.pk, "municipality": personas.municipality.pk},
        format="json",
    )
    body = assert_problem(response, 400)
    assert body["invalid_params"][0]["name"] == "municipality"


def test_cannot_create_outside_own_scope(personas, manager):
    other = personas.outsider_org
    response = manager.post(
        URL,
        {"name": "Buiten", "type": "overig", "region": other.region.pk, "municipality": other.municipality.pk},
        format="json",
    )
    body = assert_problem(response, 400)
    assert "beheert" in body["invalid_params"][0]["reason"]
    assert not Organisation.objects.filter(name="Buiten").exists()


def test_duplicate_name_in_region_is_a_field_error(personas, manager):
    response = manager.post(
        URL,
        {
            "name": "Het Voorbeeld College",
            "type": "onderwijs",
            "region": personas.region.pk,
            "municipality": personas.municipality.pk,
        },
        format="json",
    )
    body = assert_problem(response, 400)
    assert body["invalid_params"], body
    assert Organisation.objects.filter(name="Het Voorbeeld College").count() == 1


def test_sql_fragments_are_stored_as_plain_text(personas, manager):
    name = "Robert'); DROP TABLE accounts_organisation;--"
    response = manager.post(URL, {"name": name, "type": "overig", "region": personas.region.pk}, format="json")
    assert response.status_code == 201
    assert Organisation.objects.get(pk=response.json()["id"]).name == name
    assert Organisation.objects.count() > 1
