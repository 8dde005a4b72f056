"""manage.py create_api_token EMAIL [--name NAME]."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from samenspel.api.models import ApiToken
from samenspel.api.services import hash_token
from samenspel.audit.models import AuditEntry, Channel


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_prints_a_working_token_and_audits_it(personas):
    plaintext, note = run("Beheer@Voorbeeldstad.test", "--name", "Koppeling ketenportaal")
    token = ApiToken.objects.get(user=personas.app_manager)
    assert hash_token(plaintext) == token.key_hash
    assert token.name == "Koppeling ketenportaal"
    assert plaintext not in note
    entry = AuditEntry.objects.get(action="api_token.create")
    assert (entry.channel, entry.actor_label, entry.object_id) == (Channel.COMMAND, "create_api_token", str(token.pk))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get("/api/v1/organisations/").status_code == 200


def test_default_name(personas):
    run("docent@school.test")
    assert ApiToken.objects.get(user=personas.teacher).name


def test_unknown_email_is_a_clear_error(personas):
    with pytest.raises(CommandError, match="No user with this e-mail address"):
        run("niemand@nergens.test")
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(action="api_token.create").exists()


def test_inactive_user_gets_no_token(personas):
    personas.teacher.is_active = False
    personas.teacher.save()
    with pytest.raises(CommandError, match=r"not active|niet actief"):
        run("docent@school.test")
    assert not ApiToken.objects.exists()


def test_bad_name_is_refused(personas):
    with pytest.raises(CommandError, match="name"):
        run("docent@school.test", "--name", "x" * 101)
    assert not ApiToken.objects.exists()
