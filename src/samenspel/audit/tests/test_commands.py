"""Management commands and code outside any request write audit entries too, with channel
"command", so no entry is lost because there is no request."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from samenspel.audit import context
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record
from samenspel.audit.verify import verify_all


def test_verify_audit_exists_and_logs_its_own_run(db, capsys):
    before = AuditEntry.objects.count()
    call_command("verify_audit")
    assert "entries verified" in capsys.readouterr().out
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == "audit.verify"
    assert entry.object_type == "audit_log"
    assert entry.channel == "command"
    assert entry.actor_label == "verify_audit"
    assert entry.actor_id is None
    assert entry.result == "allowed"
    assert verify_all().ok  # its own entry is properly chained


def test_verify_audit_logs_its_run_even_when_it_finds_a_break(db, capsys):
    connection._samenspel_audit_chain = 2
    with context.as_command("test"):
        victim = record("case.view", object_type="case", object_id="1")
        record("case.view", object_type="case", object_id="2")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute("UPDATE audit_auditentry SET object_id = '9' WHERE id = %s", [victim.id])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert f"entry {victim.id}" in capsys.readouterr().err
    assert AuditEntry.objects.filter(action="audit.verify", channel="command").exists()


def test_command_context_names_the_command(db):
    with context.as_command("load_demo"):
        entry = record("organisation.create", object_type="organisation", object_id="3")
    assert (entry.channel, entry.actor_label, entry.actor_id) == ("command", "load_demo", None)
    assert entry.request_id  # each command run has its own id
    assert entry.source_address is None


def test_command_context_with_an_operator_names_the_operator(personas):
    with context.as_command("create_api_token", actor=personas.app_manager):
        entry = record("api_token.create", object_type="api_token", object_id="1")
    assert entry.channel == "command"
    assert entry.actor_id == personas.app_manager.pk
    assert entry.actor_label == personas.app_manager.email
    assert entry.actor_organisation_id == personas.app_manager.organisation_id


def test_entries_of_one_command_run_share_a_request_id(db):
    with context.as_command("retention"):
        first = record("case.delete", object_type="case", object_id="1")
        second = record("case.delete", object_type="case", object_id="2")
    with context.as_command("retention"):
        third = record("case.delete", object_type="case", object_id="3")
    assert first.request_id == second.request_id != third.request_id


def test_code_outside_any_context_is_still_logged_as_a_command(db):
    entry = record("maintenance.run", object_type="system")
    assert entry.channel == "command"
    assert entry.actor_label == "system"


def test_background_jobs_have_their_own_channel(db):
    with context.as_task("send_reminders"):
        entry = record("reminder.send", object_type="action", object_id="1")
    assert (entry.channel, entry.actor_label) == ("task", "send_reminders")


def test_verify_audit_speaks_of_one_entry_and_lists_the_heads_when_asked(db, capsys):
    with context.as_command("test"):
        record("demo.load")
    call_command("verify_audit", verbosity=2)
    out = capsys.readouterr().out
    assert "1 entry verified" in out
    newest = AuditEntry.objects.order_by("-id").first()  # the command's own entry
    assert newest.action == "audit.verify"
    assert f"chain {newest.chain}: position {newest.seq}, hash {newest.entry_hash}" in out
