from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from samenspel.api.services import create_token
from samenspel.audit.models import AuditEntry


@pytest.fixture
def token_client():
    """token_client(user) -> an APIClient that sends a fresh API token of that user."""

    def _client(user, *, keyword: str = "Bearer") -> APIClient:
        issued = create_token(user, owner=user, name="tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"{keyword} {issued.plaintext}")
        client.issued = issued
        return client

    return _client


def entries_of(response) -> list[AuditEntry]:
    """The audit entries written while answering this response (matched by request id)."""
    return list(AuditEntry.objects.filter(request_id=response["X-Request-ID"]).order_by("id"))


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:samenspel:problem:")
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path
    assert "?" not in body["instance"]
    return body
