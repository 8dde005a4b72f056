"""The one write path of the audit log."""

from __future__ import annotations

import functools
import random
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from samenspel.audit import chain as hashing
from samenspel.audit import context as audit_context
from samenspel.audit.models import AuditChainHead, AuditEntry, Result


def chain_count() -> int:
    return getattr(settings, "SAMENSPEL_AUDIT_CHAINS", 8)


def _chain_for_connection() -> int:
    """Each database connection sticks to one chain, so a transaction that writes several
    entries locks one chain head only and two transactions can never deadlock on heads."""
    chosen = getattr(connection, "_samenspel_audit_chain", None)
    if chosen is None:
        chosen = random.randrange(chain_count())  # noqa: S311 - load spreading, not security
        connection._samenspel_audit_chain = chosen
    return chosen


def _actor_fields(ctx: audit_context.AuditContext, actor: Any, role: str) -> tuple[Any, str, Any, str]:
    if actor is None:
        actor = ctx.actor
    if actor is None and ctx.request is not None:
        user = getattr(ctx.request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is None:
        return None, ctx.actor_label, None, role
    if not role:
        role = getattr(actor, "_audit_role", "") or ",".join(sorted({a.role for a in actor.active_roles()}))
    return actor.pk, actor.email, actor.organisation_id, role


def record(
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    subject_id: object = "",
    purpose: str = "",
    result: str = Result.ALLOWED,
    actor: Any = None,
    role: str = "",
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction when there is one, so the entry
    commits or rolls back with the change it records."""
    ctx = audit_context.current()
    actor_id, actor_label, organisation_id, actor_role = _actor_fields(ctx, actor, role)
    values = {
        "actor_id": actor_id,
        "actor_label": hashing.clean(actor_label)[:254],
        "actor_organisation_id": organisation_id,
        "actor_role": hashing.clean(actor_role)[:32],
        "action": hashing.clean(action)[:64],
        "object_type": hashing.clean(object_type)[:64],
        "object_id": hashing.clean(object_id)[:64],
        "subject_id": hashing.clean(subject_id)[:64],
        "purpose": hashing.clean(purpose or ctx.purpose)[:64],
        "result": str(result),
        "channel": str(ctx.channel),
        "request_id": hashing.clean(ctx.request_id)[:64],
        "source_address": ctx.source_address,
    }
    digest = hashing.identity_digest(
        values["actor_id"], values["actor_label"], values["subject_id"], values["source_address"]
    )
    return _append(_chain_for_connection(), values, digest)


# Appending: lock the chain's head (held until the commit, so the chain stays linear), then
# insert the entry and move the head. On PostgreSQL that is two statements (the insert and the
# head update are one), whatever the caller's transaction. No savepoint: an entry that cannot
# be written fails the caller's whole transaction, so a change never commits without its entry.


@functools.cache
def _statements(vendor: str) -> dict[str, str]:
    """The SQL of an append, made once from the models (names only, never values)."""
    quote = connection.ops.quote_name
    heads = quote(AuditChainHead._meta.db_table)
    entries = quote(AuditEntry._meta.db_table)
    columns = ", ".join(quote(field.column) for field in _insert_fields())
    placeholders = ", ".join(["%s"] * len(_insert_fields()))
    insert = f"INSERT INTO {entries} ({columns}) VALUES ({placeholders})"  # noqa: S608
    lock = " FOR UPDATE" if vendor == "postgresql" else ""  # SQLite: the transaction holds the write lock
    return {
        "lock_head": f"SELECT seq, last_hash FROM {heads} WHERE chain = %s{lock}",  # noqa: S608
        "insert": insert,
        "move_head": f"UPDATE {heads} SET seq = %s, last_hash = %s WHERE chain = %s",  # noqa: S608
        "insert_and_move_head": (
            f"WITH entry AS ({insert} RETURNING id) "  # noqa: S608
            f"UPDATE {heads} SET seq = %s, last_hash = %s WHERE chain = %s RETURNING (SELECT id FROM entry)"
        ),
    }


@functools.cache
def _insert_fields() -> tuple:
    return tuple(field for field in AuditEntry._meta.concrete_fields if not field.primary_key)


def _lock_head(cursor, statements: dict[str, str], chain_id: int) -> tuple[int, str]:
    cursor.execute(statements["lock_head"], [chain_id])
    head = cursor.fetchone()
    if head is None:  # the first entry of a chain no head was made for yet
        AuditChainHead.objects.get_or_create(chain=chain_id, defaults={"last_hash": hashing.GENESIS})
        cursor.execute(statements["lock_head"], [chain_id])
        head = cursor.fetchone()
    return head


def _append(chain_id: int, values: dict[str, Any], digest: str) -> AuditEntry:
    statements = _statements(connection.vendor)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        last_seq, prev_hash = _lock_head(cursor, statements, chain_id)
        seq = last_seq + 1
        timestamp = datetime.now(UTC)
        entry_hash = hashing.entry_hash(
            chain_id,
            seq,
            timestamp,
            values["actor_organisation_id"],
            values["actor_role"],
            values["action"],
            values["object_type"],
            values["object_id"],
            values["purpose"],
            values["result"],
            values["channel"],
            values["request_id"],
            digest,
            prev_hash,
        )
        entry = AuditEntry(
            chain=chain_id,
            seq=seq,
            timestamp=timestamp,
            identity_digest=digest,
            prev_hash=prev_hash,
            entry_hash=entry_hash,
            **values,
        )
        params = [field.get_db_prep_save(getattr(entry, field.attname), connection) for field in _insert_fields()]
        if connection.vendor == "postgresql":
            cursor.execute(statements["insert_and_move_head"], [*params, seq, entry_hash, chain_id])
            entry.id = cursor.fetchone()[0]
        else:
            cursor.execute(statements["insert"], params)
            entry.id = cursor.lastrowid
            cursor.execute(statements["move_head"], [seq, entry_hash, chain_id])
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


def record_denied(action: str, **fields: Any) -> AuditEntry:
    """A refused attempt. Called where the refusal is turned into a response, after any
    transaction of the refused work has rolled back, so the entry itself survives."""
    return record(action, result=Result.DENIED, **fields)
