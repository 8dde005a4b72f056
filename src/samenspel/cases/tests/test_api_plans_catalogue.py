"""/api/v1/intervention-types/: case workers read the catalogue (reference data, not audited),
the application manager manages it (every change audited with purpose administration), and
bad input is a problem+json 400 naming the field, never a 500."""

from __future__ import annotations

import pytest

from samenspel.audit.models import Result
from samenspel.cases.models import InterventionType
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.testing.factories_plans import InterventionTypeFactory, intervention_type

pytestmark = pytest.mark.django_db
TYPES = "/api/v1/intervention-types/"


def _codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def test_case_workers_and_the_manager_read_the_catalogue_without_audit(personas):
    retired = InterventionTypeFactory(code="retired", inactive=True)
    for user in (personas.coordinator, personas.teacher, personas.outsider, personas.app_manager):
        client = api(user)
        response = client.get(TYPES, {"page_size": 100})
        assert response.status_code == 200
        assert {"mentoring", "exit_programme", "retired"} <= set(_codes(response))
        assert entries_of(response) == []
        assert "retired" not in _codes(client.get(TYPES, {"active": "true", "page_size": 100}))
        assert _codes(client.get(TYPES, {"active": "false"})) == ["retired"]
        row = client.get(f"{TYPES}{retired.pk}/").json()
        assert (row["code"], row["is_active"]) == ("retired", False)
    for user in (personas.privacy_officer, personas.analyst, personas.mayors_office):
        assert_problem(api(user).get(TYPES), 403)
    assert_problem(api(personas.coordinator).get(TYPES, {"active": "misschien"}), 400)


def test_the_manager_manages_the_catalogue(personas):
    manager = api(personas.app_manager)
    response = manager.post(
        TYPES,
        {
            "code": "sport_coaching",
            "name": "Sportcoaching",
            "description": "Begeleiding via de sportvereniging <b>in de wijk</b>.",
            "provider_type": "jongerenwerk",
            "target_group": "Jongeren 12-18",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["code"], created["is_active"], created["provider_type"]) == ("sport_coaching", True, "jongerenwerk")
    assert created["description"] == "Begeleiding via de sportvereniging <b>in de wijk</b>."
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose, entry.object_id) == (
        "intervention_type.create",
        "administration",
        str(created["id"]),
    )
    path = f"{TYPES}{created['id']}/"

    response = manager.patch(
        path, {"name": "Sportcoaching in de wijk", "evidence_notes": "Eigen evaluatie."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["evidence_notes"]) == (
        "Sportcoaching in de wijk",
        "Eigen evaluatie.",
    )
    assert response.json()["target_group"] == "Jongeren 12-18"
    assert [e.action for e in entries_of(response)] == ["intervention_type.update"]

    response = manager.post(f"{path}deactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert [e.action for e in entries_of(response)] == ["intervention_type.set_active"]
    assert not InterventionType.objects.get(pk=created["id"]).is_active
    response = manager.post(f"{path}activate/")
    assert response.status_code == 200 and response.json()["is_active"] is True


def test_only_the_manager_changes_the_catalogue(personas):
    mentoring = intervention_type("mentoring")
    path = f"{TYPES}{mentoring.pk}/"
    for user in (personas.coordinator, personas.teacher, personas.privacy_officer):
        client = api(user)
        for response in (
            client.post(TYPES, {"code": "x", "name": "X"}, format="json"),
            client.patch(path, {"name": "Anders"}, format="json"),
            client.post(f"{path}deactivate/"),
        ):
            assert_problem(response, 403)
            [entry] = entries_of(response)
            assert entry.result == Result.DENIED
    mentoring.refresh_from_db()
    assert (mentoring.name, mentoring.is_active) == ("Mentortraject", True)
    assert not InterventionType.objects.filter(code="x").exists()
    assert_problem(api(personas.app_manager).put(path, {"name": "Anders"}, format="json"), 405)
    assert_problem(api(personas.app_manager).delete(path), 405)
    assert_problem(api(personas.app_manager).post(f"{TYPES}999999999/activate/"), 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "code"),
        ({"code": "", "name": "X"}, "code"),
        ({"code": "met spatie", "name": "X"}, "code"),
        ({"code": "'; DROP TABLE x; --", "name": "X"}, "code"),
        ({"code": "mentoring", "name": "Dubbel"}, "code"),
        ({"code": "x" * 65, "name": "X"}, "code"),
        ({"code": 12, "name": "X"}, "code"),
        ({"code": "ok", "name": ""}, "name"),
        ({"code": "ok", "name": "<script>alert(1)</script>"}, "name"),
        ({"code": "ok", "name": "x" * 201}, "name"),
        ({"code": "ok", "name": ["X"]}, "name"),
        ({"code": "ok", "name": "X", "provider_type": "bakery"}, "provider_type"),
        ({"code": "ok", "name": "X", "description": "x" * 10_001}, "description"),
        ({"code": "ok", "name": "X", "description": "a\x00b"}, "description"),
        ({"code": "ok", "name": "X", "target_group": {"a": 1}}, "target_group"),
    ],
)
def test_bad_catalogue_input_is_refused(personas, body, field):
    response = api(personas.app_manager).post(TYPES, body, format="json")
    problem = assert_problem(response, 400)
    assert field in {param["name"] for param in problem["invalid_params"]}
    assert not InterventionType.objects.filter(code="ok").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"code": "anders"}, "code"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"provider_type": 3}, "provider_type"),
        ([1, 2], "non_field_errors"),
    ],
)
def test_bad_catalogue_updates_are_refused(personas, body, field):
    mentoring = intervention_type("mentoring")
    response = api(personas.app_manager).patch(f"{TYPES}{mentoring.pk}/", body, format="json")
    problem = assert_problem(response, 400)
    assert field in {param["name"] for param in problem["invalid_params"]}
    mentoring.refresh_from_db()
    assert (mentoring.code, mentoring.name) == ("mentoring", "Mentortraject")


@pytest.mark.parametrize("name", ["Ĳsbrand van 't Hoff-methode", "محمد", "Zoë's aanpak"])
def test_names_are_stored_as_typed(personas, name):
    response = api(personas.app_manager).post(TYPES, {"code": "named", "name": name}, format="json")
    assert response.status_code == 201, response.content
    assert InterventionType.objects.get(code="named").name == name == response.json()["name"]
