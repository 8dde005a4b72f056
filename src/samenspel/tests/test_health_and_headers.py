"""The health endpoint says only whether the database answers; every response carries the
security headers."""

from __future__ import annotations

from unittest import mock

from django.db.utils import OperationalError


def test_health_answers_ok_without_login(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_reports_unavailable_database_without_detail(client, db):
    with mock.patch("samenspel.core.views.connection.cursor", side_effect=OperationalError("password for user x")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_security_headers(client, db):
    response = client.get("/health/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) == 32


def test_pages_need_a_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
