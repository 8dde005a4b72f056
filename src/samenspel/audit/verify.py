"""Recompute every chain and report the first entry that does not fit.

Two ways to read the log, with the same verdict:

- The exact path (verify_chain) reads one chain at a time in ``seq`` order through the ORM,
  recomputes each entry with chain.entry_hash() and names the first entry that does not fit.
  It runs on every database, and it is what names a break.
- On PostgreSQL a fast pass first reads the whole log once, in ``id`` order, as the text that
  ``COPY`` prints, and recomputes the same hashes from that text without making Python
  objects (about four times faster). Within a chain, ``id`` order is ``seq`` order for every
  entry record() wrote (the head lock is held from the insert to the commit). A chain the fast
  pass accepts entirely (positions 1, 2, 3, ... each linked to and hashed as expected) would
  be read in the same order and accepted by the exact path too. Any chain in which anything at
  all does not fit (including text the fast pass does not handle, such as escapes) is handed
  to the exact path, which names the break.

On PostgreSQL both run in one REPEATABLE READ READ ONLY snapshot when no transaction is open,
so entries appended while verifying are not mistaken for a mismatch with the chain heads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max

from samenspel.audit import chain as hashing
from samenspel.audit.models import AuditChainHead, AuditEntry


@dataclass(frozen=True)
class Break:
    chain: int
    entry_id: int | None
    seq: int
    reason: str

    def __str__(self) -> str:
        where = f"entry {self.entry_id}" if self.entry_id is not None else "end of chain"
        return f"chain {self.chain}, {where} (position {self.seq}): {self.reason}"


@dataclass(frozen=True)
class Report:
    entries: int
    breaks: list[Break]

    @property
    def ok(self) -> bool:
        return not self.breaks


_COLUMNS = ("id", *hashing.CHAINED_FIELDS, *hashing.IDENTITY_FIELDS, "pseudonymised_at", "entry_hash")


def verify_chain(chain_id: int, head: AuditChainHead | None, chunk_size: int = 20000) -> tuple[int, Break | None]:
    """The exact path: one chain in ``seq`` order. Returns the entries read and the first break."""
    expected_prev = hashing.GENESIS
    expected_seq = 1
    count = 0
    rows = (
        AuditEntry.objects.filter(chain=chain_id).order_by("seq").values_list(*_COLUMNS).iterator(chunk_size=chunk_size)
    )
    entry_hash = hashing.entry_hash
    identity_digest = hashing.identity_digest
    for row in rows:
        (
            entry_id,
            chain,
            seq,
            timestamp,
            org_id,
            role,
            action,
            object_type,
            object_id,
            purpose,
            result,
            channel,
            request_id,
            digest,
            prev_hash,
            actor_id,
            actor_label,
            subject_id,
            source_address,
            pseudonymised_at,
            stored_hash,
        ) = row
        count += 1
        if seq != expected_seq:
            reason = "missing entries before this one" if seq > expected_seq else "position out of order"
            return count, Break(chain_id, entry_id, seq, reason)
        if prev_hash != expected_prev:
            return count, Break(chain_id, entry_id, seq, "does not link to its predecessor")
        if pseudonymised_at is None and digest != identity_digest(actor_id, actor_label, subject_id, source_address):
            return count, Break(chain_id, entry_id, seq, "identifying fields were changed")
        computed = entry_hash(
            chain,
            seq,
            timestamp,
            org_id,
            role,
            action,
            object_type,
            object_id,
            purpose,
            result,
            channel,
            request_id,
            digest,
            prev_hash,
        )
        if computed != stored_hash:
            return count, Break(chain_id, entry_id, seq, "content was changed")
        expected_prev = stored_hash
        expected_seq += 1
    return count, _check_head(chain_id, head, expected_seq - 1, expected_prev)


def _check_head(chain_id: int, head: AuditChainHead | None, last_seq: int, last_hash: str) -> Break | None:
    if head is not None and (head.seq != last_seq or head.last_hash != last_hash):
        return Break(chain_id, None, head.seq, f"entries after position {last_seq} are missing")
    return None


def verify_all() -> Report:
    if _fast_pass_possible():
        with _snapshot():
            return _verify_all(fast=True)
    return _verify_all(fast=False)


def _verify_all(*, fast: bool) -> Report:
    heads = {head.chain: head for head in AuditChainHead.objects.all()}
    if fast:
        accepted, suspect = _fast_pass()
    else:
        accepted = {}
        suspect = set(AuditEntry.objects.values_list("chain", flat=True).order_by().distinct())
    total = 0
    breaks: list[Break] = []
    for chain_id in sorted(set(heads) | set(accepted) | suspect):
        if chain_id in suspect:
            count, found = verify_chain(chain_id, heads.get(chain_id))
        else:
            count, last_seq, last_hash = accepted.get(chain_id, (0, 0, hashing.GENESIS))
            found = _check_head(chain_id, heads.get(chain_id), last_seq, last_hash)
        total += count
        if found is not None:
            breaks.append(found)
    return Report(entries=total, breaks=breaks)


# The fast pass (PostgreSQL) ------------------------------------------------------------------


def _fast_pass_possible() -> bool:
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    if not is_psycopg3:
        return False
    connection.ensure_connection()
    # isoformat_from_postgres() reads PostgreSQL's ISO date style.
    return (connection.connection.info.parameter_status("DateStyle") or "").startswith("ISO")


class _snapshot:
    """One consistent view of entries and heads: a REPEATABLE READ READ ONLY transaction, or
    a savepoint in the caller's transaction when one is open (its own snapshot rules)."""

    def __enter__(self) -> None:
        outermost = not connection.in_atomic_block
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def __exit__(self, *exc_info) -> None:
        self._atomic.__exit__(*exc_info)


# Each line of the fast pass holds the chain (first, so that even a line that cannot be read
# is put on the right chain: a number prints without escapes), the identity fields, the
# chained fields (the time as PostgreSQL prints it, in UTC), whether the identity is still
# there ("t"/"f"), and the stored hash, separated by SEP. COPY escapes a separator or a
# backslash inside a value with a backslash, so in a line without a backslash every separator
# is a field boundary, and joining fields with SEP gives the bytes record() hashed.
_SEP = hashing.SEP_BYTES
# The last fields, at fixed offsets from the end: digest SEP prev SEP flag SEP stored NEWLINE.
# A hash column of another width (only shorter fits the column) is caught by the check of the
# separator before prev, or puts a separator into a slice compared with a hex digest.
_DIGEST = slice(-197, -133)
_PREV = slice(-132, -68)
_PREV_START = slice(-133, -132)
_FLAG = slice(-67, -66)
_STORED = slice(-65, -1)
_TAIL = -68  # SEP flag SEP stored NEWLINE


def _fast_pass_sql() -> str:
    meta = AuditEntry._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    identity = [column(name) for name in hashing.IDENTITY_FIELDS]
    chained = [
        f"{column(name)} AT TIME ZONE 'UTC'" if name == "timestamp" else column(name) for name in hashing.CHAINED_FIELDS
    ]
    selected = [column("chain"), *identity, *chained, f"{column('pseudonymised_at')} IS NULL", column("entry_hash")]
    # NULL is printed as the empty string, as clean() writes None; every column that can be
    # NULL is a number, a time or an address, where the empty string is no value.
    return (
        f"COPY (SELECT {', '.join(selected)} FROM {quote(meta.db_table)} ORDER BY {column('id')}) "  # noqa: S608 - names from the model
        f"TO STDOUT (FORMAT text, DELIMITER E'\\x{_SEP[0]:02x}', NULL '')"
    )


def _fast_pass() -> tuple[dict[int, tuple[int, int, str]], set[int]]:
    """Read every entry once in id order. Returns, per accepted chain, (entries, last
    position, last hash), and the set of chains that need the exact path."""
    assert hashing.CHAINED_FIELDS[:3] == ("chain", "seq", "timestamp")  # the split below
    assert hashing.CHAINED_FIELDS[-2:] == ("identity_digest", "prev_hash")  # the offsets
    assert len(hashing.IDENTITY_FIELDS) == 4
    sha256 = hashlib.sha256
    isoformat = hashing.isoformat_from_postgres
    sep = _SEP
    join = sep.join
    digest_at, prev_at, prev_start, flag_at, stored_at, tail = _DIGEST, _PREV, _PREV_START, _FLAG, _STORED, _TAIL
    genesis = hashing.GENESIS.encode()
    # Per chain (as printed): [next position, previous hash, entries read]. The position
    # becomes None once something does not fit; the chain's later rows are only counted.
    states: dict[bytes, list] = {}
    with connection.cursor() as cursor, cursor.cursor.copy(_fast_pass_sql()) as copy:
        for data in copy:
            line = bytes(data)
            if b"\\" in line or line[prev_start] != sep:
                # Escaped text, or hashes of the wrong width: the exact path decides.
                state = states.setdefault(line[: line.index(sep)], [1, genesis, 0])
                state[0] = None
                state[2] += 1
                continue
            (_, actor_id, actor_label, subject_id, source_address, chain, seq, timestamp, rest) = line.split(sep, 8)
            state = states.get(chain)
            if state is None:
                state = states[chain] = [1, genesis, 0]
            state[2] += 1
            stored_hash = line[stored_at]
            if (
                state[0] != int(seq)
                or line[prev_at] != state[1]
                or (
                    line[flag_at] == b"t"
                    and sha256(join((actor_id, actor_label, subject_id, source_address))).hexdigest().encode()
                    != line[digest_at]
                )
                or sha256(join((chain, seq, isoformat(timestamp), rest[:tail]))).hexdigest().encode() != stored_hash
            ):
                state[0] = None
                continue
            state[0] += 1
            state[1] = stored_hash
    accepted: dict[int, tuple[int, int, str]] = {}
    suspect: set[int] = set()
    for chain, (next_seq, last_hash, count) in states.items():
        if next_seq is None:
            suspect.add(int(chain))
        else:
            accepted[int(chain)] = (count, next_seq - 1, last_hash.decode())
    return accepted, suspect


def newest_entry_id() -> int | None:
    return AuditEntry.objects.aggregate(newest=Max("id"))["newest"]
