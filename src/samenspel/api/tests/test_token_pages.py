"""The API-sleutels pages: a user's own tokens, made after a fresh second factor, shown once,
revocable, audited."""

from __future__ import annotations

import logging
import re
import time

import pytest
from django.urls import reverse

from samenspel.accounts.middleware import VERIFIED_AT
from samenspel.api.models import ApiToken
from samenspel.api.services import create_token, hash_token
from samenspel.api.tests.conftest import entries_of
from samenspel.audit.models import Result

LIST = "/api-sleutels/"
CREATE = "/api-sleutels/nieuw/"


def test_routes():
    assert reverse("api_tokens:list") == LIST
    assert reverse("api_tokens:create") == CREATE
    assert reverse("api_tokens:revoke", args=[3]) == "/api-sleutels/3/intrekken/"


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_list_shows_only_own_tokens(personas, client_for):
    create_token(personas.teacher, owner=personas.teacher, name="Koppeling school")
    revoked = create_token(personas.teacher, owner=personas.teacher, name="Oude koppeling")
    ApiToken.objects.filter(pk=revoked.token.pk).update(revoked_at=revoked.token.created_at)
    create_token(personas.coordinator, owner=personas.coordinator, name="Koppeling gemeente")
    response = client_for(personas.teacher).get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Koppeling school" in content and "Oude koppeling" in content
    assert "Koppeling gemeente" not in content
    assert "Ingetrokken op" in content and "nooit" in content
    assert content.count("/intrekken/") == 1  # only the active token can be revoked
    assert "no-store" in response["Cache-Control"]


def test_empty_list_says_so(personas, client_for):
    assert "U hebt nog geen API-sleutels." in client_for(personas.analyst).get(LIST).content.decode()


def test_creating_needs_a_recent_second_factor(personas, client_for):
    client = client_for(personas.teacher)
    session = client.session
    session[VERIFIED_AT] = time.time() - 3600
    session.save()
    for response in (client.get(CREATE), client.post(CREATE, {"name": "Koppeling"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:step_up"))
    assert not ApiToken.objects.exists()


def test_token_is_shown_once_and_never_in_a_url_or_log(personas, client_for, caplog):
    client = client_for(personas.teacher)
    assert client.get(CREATE).status_code == 200
    with caplog.at_level(logging.DEBUG):
        response = client.post(CREATE, {"name": "Koppeling zaaksysteem"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=personas.teacher)
    content = response.content.decode()
    plaintext = re.search(r'id="api-token"\s+value="([^"]+)"', content).group(1)
    assert plaintext.startswith("ssp_") and hash_token(plaintext) == token.key_hash
    assert token.name == "Koppeling zaaksysteem"
    assert plaintext not in caplog.text
    assert plaintext not in response.get("Location", "")
    [entry] = entries_of(response)
    assert (entry.action, entry.object_type, entry.object_id, entry.actor_id) == (
        "api_token.create",
        "api_token",
        str(token.pk),
        personas.teacher.pk,
    )
    # Afterwards it is nowhere to be seen again.
    assert plaintext not in client.get(LIST).content.decode()
    assert token.prefix in client.get(LIST).content.decode()


@pytest.mark.parametrize("data", [{"name": ""}, {"name": "   "}, {"name": "x" * 101}, {"name": "<b>vet</b>"}, {}])
def test_bad_names_are_answered_next_to_the_field(personas, client_for, data):
    response = client_for(personas.teacher).post(CREATE, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'aria-invalid="true"' in content
    assert "utrecht-form-field-error-message" in content
    assert not ApiToken.objects.exists()


def test_revoke(personas, client_for):
    issued = create_token(personas.teacher, owner=personas.teacher, name="Koppeling")
    client = client_for(personas.teacher)
    response = client.post(f"/api-sleutels/{issued.token.pk}/intrekken/")
    assert response.status_code == 302 and response["Location"] == LIST
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is not None
    assert [(e.action, e.object_id) for e in entries_of(response)] == [("api_token.revoke", str(issued.token.pk))]
    # Revoking again changes nothing and writes nothing.
    again = client.post(f"/api-sleutels/{issued.token.pk}/intrekken/")
    assert again.status_code == 302 and entries_of(again) == []


def test_revoke_needs_post(personas, client_for):
    issued = create_token(personas.teacher, owner=personas.teacher, name="Koppeling")
    assert client_for(personas.teacher).get(f"/api-sleutels/{issued.token.pk}/intrekken/").status_code == 405
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is None


def test_cannot_revoke_someone_elses_token(personas, client_for):
    issued = create_token(personas.coordinator, owner=personas.coordinator, name="Koppeling")
    response = client_for(personas.teacher).post(f"/api-sleutels/{issued.token.pk}/intrekken/")
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is None
    assert [(e.action, e.result) for e in entries_of(response)] == [("api_token.revoke", Result.DENIED)]


def test_revoked_token_stops_working_at_once(personas, client_for, token_client):
    api = token_client(personas.app_manager)
    assert api.get("/api/v1/organisations/").status_code == 200
    client_for(personas.app_manager).post(f"/api-sleutels/{api.issued.token.pk}/intrekken/")
    assert api.get("/api/v1/organisations/").status_code == 401
