"""The audit chain detects an edited, a deleted, a reordered and a truncated entry, on
SQLite and PostgreSQL (where the append-only trigger is first switched off, as an attacker
with owner rights could)."""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction

from samenspel.audit import context
from samenspel.audit.models import AuditChainHead, AuditEntry
from samenspel.audit.services import record
from samenspel.audit.verify import verify_all


@contextlib.contextmanager
def tampering():
    """Raw SQL as an attacker would write it, past the PostgreSQL trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


@pytest.fixture
def entries(db):
    connection._samenspel_audit_chain = 3
    with context.as_command("test"):
        made = [record("page.view", object_type="user", object_id=str(n), subject_id=str(n)) for n in range(1, 6)]
    return made


def test_intact_chain_verifies(entries):
    report = verify_all()
    assert report.ok
    assert report.entries == 5
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[1].prev_hash == entries[0].entry_hash


def test_edited_entry_is_named(entries):
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'nothing.to.see' WHERE id = %s", [entries[2].id])
    report = verify_all()
    assert not report.ok
    assert report.breaks[0].entry_id == entries[2].id
    assert report.breaks[0].reason == "content was changed"


def test_edited_identity_is_named(entries):
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET subject_id = '999' WHERE id = %s", [entries[1].id])
    report = verify_all()
    assert report.breaks[0].entry_id == entries[1].id
    assert report.breaks[0].reason == "identifying fields were changed"


def test_deleted_entry_is_detected_at_its_successor(entries):
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].id])
    report = verify_all()
    assert report.breaks[0].entry_id == entries[2].id
    assert report.breaks[0].reason == "missing entries before this one"


def test_deleted_last_entry_is_detected_against_the_head(entries):
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[4].id])
    report = verify_all()
    assert report.breaks[0].entry_id is None
    assert "after position 4" in report.breaks[0].reason


def test_reordered_entries_are_detected(entries):
    first, second = entries[1], entries[2]
    with tampering() as cursor:
        # Swap the positions of two entries (via a free position to respect uniqueness).
        cursor.execute("UPDATE audit_auditentry SET seq = 1000 WHERE id = %s", [first.id])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE id = %s", [first.seq, second.id])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE id = %s", [second.seq, first.id])
    report = verify_all()
    assert report.breaks[0].entry_id == second.id
    assert report.breaks[0].reason == "does not link to its predecessor"


def test_rewritten_entry_with_recomputed_hash_breaks_the_link_after_it(entries):
    """An attacker who edits an entry and recomputes its own hash still breaks its successor."""
    from samenspel.audit import chain as hashing

    victim = AuditEntry.objects.get(id=entries[2].id)
    forged = hashing.entry_hash(
        victim.chain,
        victim.seq,
        victim.timestamp,
        victim.actor_organisation_id,
        victim.actor_role,
        "nothing.to.see",
        victim.object_type,
        victim.object_id,
        victim.purpose,
        victim.result,
        victim.channel,
        victim.request_id,
        victim.identity_digest,
        victim.prev_hash,
    )
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET action = 'nothing.to.see', entry_hash = %s WHERE id = %s", [forged, victim.id]
        )
    report = verify_all()
    assert report.breaks[0].entry_id == entries[3].id


def test_verify_audit_command_names_the_first_broken_entry(entries, capsys):
    call_command("verify_audit")
    assert "5 entries verified" in capsys.readouterr().out
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET purpose = 'x' WHERE id = %s", [entries[0].id])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert f"entry {entries[0].id}" in capsys.readouterr().err


def test_entries_roll_back_with_their_transaction(db):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record("user.update", object_type="user", object_id="1")
        raise RuntimeError("the change failed")
    assert AuditEntry.objects.count() == before
    assert verify_all().ok


def test_commands_write_entries_with_their_name(db):
    with context.as_command("some_command"):
        entry = record("organisation.create", object_type="organisation", object_id="7")
    assert entry.channel == "command"
    assert entry.actor_label == "some_command"
    assert entry.actor_id is None


def test_separator_in_values_cannot_forge_field_boundaries(db):
    entry = record("a\x1fb", object_type="x")
    assert entry.action == "a b"
    assert verify_all().ok


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete(entries):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    for statement in ("UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry"):
        with (
            pytest.raises((InternalError, ProgrammingError, IntegrityError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEntry.objects.count() == 5
    assert AuditChainHead.objects.get(chain=3).seq == 5


@pytest.mark.postgres
def test_postgresql_keeps_chain_heads_moving_forward(entries):
    if connection.vendor != "postgresql":
        pytest.skip("the chain head trigger is PostgreSQL's")
    for statement in (
        "UPDATE audit_auditchainhead SET seq = 2 WHERE chain = 3",
        "DELETE FROM audit_auditchainhead WHERE chain = 3",
    ):
        with (
            pytest.raises((InternalError, ProgrammingError, IntegrityError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditChainHead.objects.get(chain=3).seq == 5
