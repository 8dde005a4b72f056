"""The OpenAPI schema and the docs page: complete, warning-free, and usable offline under the
strict CSP."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client


def test_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/users/",
        "/api/v1/users/{id}/",
        "/api/v1/audit-entries/",
        "/api/v1/audit-entries/{id}/",
        "/api/v1/signals/",
        "/api/v1/signals/{id}/",
        "/api/v1/signals/{id}/identity/",
        "/api/v1/signals/{id}/link-subject/",
        "/api/v1/signals/{id}/start-triage/",
        "/api/v1/signals/{id}/matching-subjects/",
        "/api/v1/signals/{id}/attachments/",
        "/api/v1/signal-transitions/",
        "/api/v1/signal-transitions/{id}/",
        "/api/v1/attachments/",
        "/api/v1/attachments/{id}/",
        "/api/v1/attachments/{id}/content/",
        "/api/v1/triage-decisions/",
        "/api/v1/triage-decisions/{id}/",
        "/api/v1/assessment-notes/",
        "/api/v1/assessment-notes/{id}/",
        "/api/v1/information-requests/",
        "/api/v1/information-requests/{id}/",
        "/api/v1/information-requests/{id}/answer/",
        "/api/v1/subjects/",
        "/api/v1/subjects/{id}/",
        "/api/v1/cases/",
        "/api/v1/cases/{id}/",
        "/api/v1/cases/{id}/phase/",
        "/api/v1/case-phase-changes/",
        "/api/v1/case-phase-changes/{id}/",
        "/api/v1/related-persons/",
        "/api/v1/related-persons/{id}/",
        "/api/v1/case-team-members/",
        "/api/v1/case-team-members/{id}/",
        "/api/v1/case-team-members/{id}/lead/",
        "/api/v1/information-items/",
        "/api/v1/information-items/{id}/",
        "/api/v1/life-domain-assessments/",
        "/api/v1/life-domain-assessments/{id}/",
        # Plans, reviews, closure and transfer.
        "/api/v1/case-closures/",
        "/api/v1/case-closures/{id}/",
        "/api/v1/case-closures/{id}/end-aftercare/",
        "/api/v1/case-reopenings/",
        "/api/v1/case-reopenings/{id}/",
        "/api/v1/case-reviews/",
        "/api/v1/case-reviews/schedule/",
        "/api/v1/case-reviews/{id}/",
        "/api/v1/case-transfers/",
        "/api/v1/case-transfers/{id}/",
        "/api/v1/case-transfers/{id}/accept/",
        "/api/v1/case-transfers/{id}/decline/",
        "/api/v1/intervention-types/",
        "/api/v1/intervention-types/{id}/",
        "/api/v1/intervention-types/{id}/activate/",
        "/api/v1/intervention-types/{id}/deactivate/",
        "/api/v1/interventions/",
        "/api/v1/interventions/{id}/",
        "/api/v1/interventions/{id}/status/",
        "/api/v1/plan-goals/",
        "/api/v1/plan-goals/{id}/",
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        # The case conference.
        "/api/v1/actions/",
        "/api/v1/actions/{id}/",
        "/api/v1/actions/{id}/cancel/",
        "/api/v1/actions/{id}/complete/",
        "/api/v1/agenda-items/",
        "/api/v1/agenda-items/{id}/",
        "/api/v1/confidentiality-confirmations/",
        "/api/v1/confidentiality-confirmations/{id}/",
        "/api/v1/item-disclosures/",
        "/api/v1/item-disclosures/{id}/",
        "/api/v1/meeting-decisions/",
        "/api/v1/meeting-decisions/{id}/",
        "/api/v1/meeting-invitations/",
        "/api/v1/meeting-invitations/{id}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{id}/",
        "/api/v1/meetings/{id}/agenda-order/",
        "/api/v1/meetings/{id}/status/",
        "/api/v1/minutes/",
        "/api/v1/minutes/{id}/",
        "/api/v1/minutes/{id}/revisions/",
        # Restricted documents.
        "/api/v1/restricted-documents/",
        "/api/v1/restricted-documents/{id}/",
        "/api/v1/restricted-documents/{id}/content/",
        "/api/v1/restricted-documents/{id}/grants/",
        "/api/v1/restricted-documents/{id}/grants/{grant_pk}/revoke/",
        "/api/v1/restricted-documents/{id}/release-decisions/",
    }
    assert set(paths["/api/v1/users/{id}/"]) >= {"get", "patch"} and "delete" not in paths["/api/v1/users/{id}/"]
    assert set(paths["/api/v1/audit-entries/"]) == {"get"}
    problem = paths["/api/v1/users/{id}/"]["get"]["responses"]["404"]["content"]
    assert problem == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    assert set(schema["components"]["securitySchemes"]) == {"apiToken", "session"}


@pytest.mark.django_db
def test_schema_is_served_publicly():
    response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Samenspel API"


@pytest.mark.django_db
def test_docs_page_loads_everything_from_this_server():
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in s for s in sources)
    [init] = [s for s in sources if "script" in s]
    script = Client().get(init.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content and b"/api/v1/schema/" in script.content
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "accept", "status"),
    [
        ("get", "/api/v1/docs/", "application/json", 406),
        ("get", "/api/v1/schema/", "text/html", 406),
        ("get", "/api/v1/schema/?format=xml", "*/*", 404),
        ("post", "/api/v1/docs/", "*/*", 405),
        ("delete", "/api/v1/schema/", "*/*", 405),
    ],
)
def test_schema_and_docs_errors_are_problems_too(method, path, accept, status):
    response = getattr(Client(), method)(path, HTTP_ACCEPT=accept)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status
