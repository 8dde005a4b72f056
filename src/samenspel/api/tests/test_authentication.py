"""Token and session authentication of the API."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from samenspel.accounts.middleware import VERIFIED_AT
from samenspel.api.models import ApiToken
from samenspel.api.services import create_token, revoke_token
from samenspel.api.tests.conftest import assert_problem, entries_of
from samenspel.audit.models import AuditEntry, Channel, Result
from samenspel.testing.personas import login_verified

URL = "/api/v1/organisations/"


def bearer(plaintext: str, keyword: str = "Bearer") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {plaintext}")
    return client


# Tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_valid_token_authenticates_and_is_the_actor_of_audit_entries(personas, keyword):
    issued = create_token(personas.app_manager, owner=personas.app_manager, name="koppeling")
    response = bearer(issued.plaintext, keyword).get("/api/v1/users/")
    assert response.status_code == 200
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.channel) == ("user.list", Result.ALLOWED, Channel.API)
    assert entry.actor_id == personas.app_manager.pk
    assert entry.actor_organisation_id == personas.app_manager.organisation_id
    assert entry.actor_role == "app_manager"


def test_token_is_stored_only_as_a_hash(personas):
    issued = create_token(personas.app_manager, owner=personas.app_manager, name="koppeling")
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.plaintext.startswith("ssp_") and len(issued.plaintext) == 4 + 43
    assert token.key_hash == hashlib.sha256(issued.plaintext.encode()).hexdigest()
    assert token.prefix == issued.plaintext[:8]
    # Nowhere in the token table, nor in the audit log, is the plaintext (or its secret part).
    secret_part = issued.plaintext[8:]
    with connection.cursor() as cursor:
        for table in (ApiToken._meta.db_table, AuditEntry._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            for row in cursor.fetchall():
                assert not any(secret_part in str(value) for value in row)
    assert issued.plaintext not in repr(issued)


def test_two_tokens_differ(personas):
    first = create_token(personas.app_manager, owner=personas.app_manager, name="een")
    second = create_token(personas.app_manager, owner=personas.app_manager, name="twee")
    assert first.plaintext != second.plaintext
    assert first.token.key_hash != second.token.key_hash


def test_revoked_token_is_refused_and_the_attempt_audited(personas):
    issued = create_token(personas.app_manager, owner=personas.app_manager, name="koppeling")
    revoke_token(personas.app_manager, issued.token.pk)
    response = bearer(issued.plaintext).get(URL)
    body = assert_problem(response, 401)
    assert body["title"] == "Niet aangemeld"
    assert response["WWW-Authenticate"].startswith("Bearer")
    [entry] = entries_of(response)
    assert (entry.action, entry.result) == ("api.authenticate", Result.DENIED)
    assert (entry.object_type, entry.object_id) == ("api_token", str(issued.token.pk))


def test_token_of_inactive_user_is_refused(personas):
    issued = create_token(personas.app_manager, owner=personas.app_manager, name="koppeling")
    personas.app_manager.is_active = False
    personas.app_manager.save()
    response = bearer(issued.plaintext).get(URL)
    assert_problem(response, 401)
    assert entries_of(response)[0].result == Result.DENIED


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ssp_doesnotexist",
        "Bearer not-even-our-format",
        "Bearer",
        "Bearer two parts",
        "Token " + "ssp_" + "x" * 500,
    ],
)
def test_unknown_or_malformed_tokens_are_refused(personas, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(URL)
    assert_problem(response, 401)
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.actor_id) == ("api.authenticate", Result.DENIED, None)


def test_no_credentials_answers_401_and_is_audited(db):
    response = APIClient().get(URL)
    body = assert_problem(response, 401)
    assert "API-sleutel" in body["detail"]
    assert [e.action for e in entries_of(response)] == ["api.authenticate"]


def test_bad_token_is_decisive_even_with_a_valid_session(personas, client_for):
    client = client_for(personas.app_manager)
    assert client.get(URL).status_code == 200
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer ssp_wrong")
    assert_problem(response, 401)


def test_last_used_is_recorded_at_most_once_a_minute(personas):
    issued = create_token(personas.app_manager, owner=personas.app_manager, name="koppeling")
    client = bearer(issued.plaintext)
    assert client.get(URL).status_code == 200
    first = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=30)
    assert client.get(URL).status_code == 200
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == first
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=first - timedelta(minutes=5))
    assert client.get(URL).status_code == 200
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at > first - timedelta(minutes=5)


def test_token_grants_no_more_than_the_user_may(personas, token_client):
    response = token_client(personas.teacher).get(URL)
    assert_problem(response, 403)


# Sessions -------------------------------------------------------------------------------


def test_verified_session_is_accepted(personas, client_for):
    assert client_for(personas.app_manager).get(URL).status_code == 200


def test_session_without_second_factor_is_refused(personas, client):
    client.force_login(personas.app_manager)
    session = client.session
    session["samenspel_login_at"] = time.time()
    session.save()
    response = client.get(URL)
    body = assert_problem(response, 401)
    assert "tweede factor" in body["detail"]
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.actor_id) == ("api.authenticate", Result.DENIED, personas.app_manager.pk)


def test_session_writes_need_a_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, personas.app_manager)
    response = client.post(
        URL,
        data={"name": "Nieuwe school", "type": "onderwijs", "region": personas.region.pk},
        content_type="application/json",
    )
    body = assert_problem(response, 403)
    assert "CSRF" in body["detail"]
    assert [(e.action, e.result) for e in entries_of(response)] == [("api.authenticate", Result.DENIED)]
    assert not personas.region.organisations.filter(name="Nieuwe school").exists()


def test_session_step_up_is_required_for_user_changes(personas, client_for):
    client = client_for(personas.app_manager)
    session = client.session
    session[VERIFIED_AT] = time.time() - 3600
    session.save()
    response = client.patch(
        f"/api/v1/users/{personas.teacher.pk}/", data={"full_name": "Ander"}, content_type="application/json"
    )
    body = assert_problem(response, 403)
    assert body["title"] == "Bevestig eerst uw tweede factor"
    assert body["type"] == "urn:samenspel:problem:second-factor-required"
    [entry] = entries_of(response)
    assert (entry.action, entry.result, entry.object_id) == ("user.update", Result.DENIED, str(personas.teacher.pk))
    personas.teacher.refresh_from_db()
    assert personas.teacher.full_name == "Tamara Docent"
    # Reading stays possible with an older second factor.
    assert client.get(f"/api/v1/users/{personas.teacher.pk}/").status_code == 200


def test_token_needs_no_step_up_for_user_changes(personas, token_client):
    response = token_client(personas.app_manager).patch(
        f"/api/v1/users/{personas.teacher.pk}/", data={"full_name": "Tamara de Docent"}, format="json"
    )
    assert response.status_code == 200, response.content
    personas.teacher.refresh_from_db()
    assert personas.teacher.full_name == "Tamara de Docent"
