"""Every error is application/problem+json with a Dutch title; nothing a client sends gives
a 500, and a real 500 leaks nothing."""

from __future__ import annotations

import logging

import pytest

from samenspel.api.endpoints import organisations
from samenspel.api.tests.conftest import assert_problem, entries_of
from samenspel.audit.models import Result

URL_ORGS = "/api/v1/organisations/"


@pytest.fixture
def manager(personas, token_client):
    return token_client(personas.app_manager)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here/",
        "/api/v1/users/abc/",
        "/api/v1/users/-1/",
        "/api/v1/users/1.5/",
        "/api/v1/users/99999999999999999999999999/",
        "/api/v1/users/%00/",
        "/api/v1/",
        "/api/v1/users",
    ],
)
def test_unknown_paths_answer_404_problem(manager, path):
    body = assert_problem(manager.get(path), 404)
    assert body["title"] == "Niet gevonden"


def test_unreachable_id_answers_404_and_is_audited(personas, manager):
    response = manager.get(f"/api/v1/users/{personas.outsider.pk}/")
    body = assert_problem(response, 404)
    assert body["instance"] == f"/api/v1/users/{personas.outsider.pk}/"
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.object_id) == ("user.view", Result.DENIED, str(personas.outsider.pk))


def test_unknown_and_unreachable_ids_look_the_same(personas, manager):
    unreachable = manager.get(f"/api/v1/users/{personas.outsider.pk}/").json()
    unknown = manager.get("/api/v1/users/987654321/").json()
    assert {k: v for k, v in unreachable.items() if k != "instance"} == {
        k: v for k, v in unknown.items() if k != "instance"
    }


@pytest.mark.parametrize("page", ["99999999999999999999999", "0", "-3", "abc", "1e400", "2"])
def test_bad_page_numbers_answer_404_problem(manager, page):
    response = manager.get("/api/v1/organisations/", {"page": page})
    body = assert_problem(response, 404)
    assert body["instance"] == "/api/v1/organisations/"


@pytest.mark.parametrize("size", ["100000000000000000000", "-1", "abc"])
def test_odd_page_sizes_are_capped_or_ignored(manager, size):
    response = manager.get("/api/v1/organisations/", {"page_size": size})
    assert response.status_code == 200


def test_non_json_body_answers_400(manager):
    response = manager.generic("POST", "/api/v1/organisations/", "{not json", content_type="application/json")
    body = assert_problem(response, 400)
    assert "JSON" in body["detail"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("name=x&type=overig", "application/x-www-form-urlencoded"), ("name", "text/plain"), ("<a/>", "text/xml")],
)
def test_wrong_content_type_answers_415(manager, body, content_type):
    response = manager.generic("POST", "/api/v1/organisations/", body, content_type=content_type)
    assert_problem(response, 415)


def test_json_that_is_not_an_object_answers_400(manager):
    response = manager.generic("POST", "/api/v1/organisations/", "[1, 2]", content_type="application/json")
    body = assert_problem(response, 400)
    assert body["invalid_params"][0]["name"] == "non_field_errors"


def test_unsupported_method_answers_405(personas, manager):
    response = manager.delete(f"/api/v1/organisations/{personas.school_org.pk}/")
    assert_problem(response, 405)
    response = manager.put(f"/api/v1/organisations/{personas.school_org.pk}/", {}, format="json")
    assert_problem(response, 405)


def test_html_is_not_offered(manager):
    response = manager.get("/api/v1/organisations/", HTTP_ACCEPT="text/html")
    assert_problem(response, 406)


def test_unhandled_error_is_a_bare_500_problem(personas, manager, monkeypatch, caplog):
    personal = "secret: Mohammed lives at " + "Dorps" + "straat 1"

    def explode(*args, **kwargs):
        raise RuntimeError(personal)

    monkeypatch.setattr(organisations, "create_organisation", explode)
    with caplog.at_level(logging.ERROR, logger="samenspel.api"):
        response = manager.post(
            "/api/v1/organisations/",
            {"name": "Nieuw", "type": "overig", "region": personas.region.pk},
            format="json",
        )
    body = assert_problem(response, 500)
    assert body["title"] == "Interne fout"
    assert response["X-Request-ID"] in body["detail"]
    assert "secret" not in response.content.decode()
    assert "RuntimeError" in caplog.text and "Dorpsstraat" not in caplog.text


def test_database_conflict_answers_409(personas, manager, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value (name)=(Het Voorbeeld College)")

    monkeypatch.setattr(organisations, "update_organisation", clash)
    response = manager.patch(f"/api/v1/organisations/{personas.school_org.pk}/", {"is_active": False}, format="json")
    body = assert_problem(response, 409)
    assert "Voorbeeld College" not in body["detail"]


def test_service_validation_error_becomes_400_with_field_errors(personas, manager):
    """A rule only the service knows (roles within the manager's scope) still comes back as a
    field error, and nothing is half-saved."""
    elsewhere = personas.outsider_org.municipality
    response = manager.patch(
        f"/api/v1/users/{personas.teacher.pk}/",
        {"full_name": "Half Opgeslagen", "roles": [{"role": "partner", "municipality": elsewhere.pk}]},
        format="json",
    )
    body = assert_problem(response, 400)
    assert body["title"] == "Ongeldige invoer"
    [param] = body["invalid_params"]
    assert param["name"] == "roles" and "gemeente of regio" in param["reason"]
    personas.teacher.refresh_from_db()
    assert personas.teacher.full_name == "Tamara Docent"
    assert [r.role for r in personas.teacher.role_assignments.all()] == ["partner"]
    assert personas.teacher.role_assignments.get().municipality == personas.municipality


@pytest.mark.parametrize(
    "raw",
    ["[" * 100_000, '{"name": NaN, "type": "overig"}', b'\xff\xfe{"name"', '{"name": "a",'],
)
def test_hostile_json_answers_400(manager, raw):
    response = manager.generic("POST", "/api/v1/organisations/", raw, content_type="application/json")
    assert_problem(response, 400)


def test_null_body_is_explained_in_dutch(personas, manager):
    response = manager.generic(
        "PATCH", f"/api/v1/users/{personas.teacher.pk}/", "null", content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert body["invalid_params"] == [
        {"name": "non_field_errors", "reason": "Stuur een JSON-object mee.", "code": "null"}
    ]


def test_numbers_are_not_names(personas, manager):
    response = manager.post(URL_ORGS, {"name": 12, "type": "overig", "region": personas.region.pk}, format="json")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalid_params"]] == ["name"]


def test_oversized_body_answers_413(personas, manager):
    raw = '{"name": "' + "x" * (3 * 1024 * 1024) + '", "type": "overig"}'
    response = manager.generic("POST", URL_ORGS, raw, content_type="application/json")
    assert_problem(response, 413)
