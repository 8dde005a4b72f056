"""How fast verify_audit recomputes the chains.

Fills the bench database's audit log with N correctly chained entries (hashes computed with
samenspel.audit.chain, the same functions record() uses, then loaded with COPY), spread over
the chains in time order as live traffic would be, and times samenspel.audit.verify.verify_all().
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, datetime, timedelta

from bench import common

TARGET_PER_SECOND = 200_000

ACTIONS = ("user.view", "case.view", "signal.view", "case.update", "meeting.view", "audit_log.view", "login")
OBJECT_TYPES = ("user", "case", "signal", "meeting", "organisation", "audit_log")
PURPOSES = ("", "triage", "meeting", "case_work", "access_request")
ROLES = ("coordinator", "partner", "chair", "app_manager", "privacy_officer", "analyst")

COPY_COLUMNS = (
    "chain",
    "seq",
    "timestamp",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "subject_id",
    "purpose",
    "result",
    "channel",
    "request_id",
    "source_address",
    "identity_digest",
    "prev_hash",
    "entry_hash",
    "pseudonymised_at",
)


def generate_rows(count: int, chains: int, seed: int = 7):
    """Yield rows in COPY_COLUMNS order, and keep each chain's head (seq, last hash)."""
    from samenspel.audit import chain as hashing

    rng = random.Random(seed)
    heads = {chain: (0, hashing.GENESIS) for chain in range(chains)}
    moment = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for n in range(count):
        chain = rng.randrange(chains)
        seq, prev_hash = heads[chain]
        seq += 1
        # Mostly microsecond steps; every 50th entry on a whole second (isoformat then drops
        # the fraction, a case the hash must survive).
        moment += timedelta(microseconds=rng.randrange(1, 4000))
        timestamp = moment.replace(microsecond=0) if n % 50 == 0 else moment
        if n % 20 == 0:  # a command or a failed login: no actor
            actor_id, actor_label, organisation_id, role = None, "load_demo", None, ""
        else:
            actor_id = rng.randrange(1, 2000)
            actor_label = f"gebruiker{actor_id}@voorbeeldstad.test"
            organisation_id = actor_id % 40 + 1
            role = ROLES[actor_id % len(ROLES)]
        action = rng.choice(ACTIONS)
        object_type = rng.choice(OBJECT_TYPES)
        object_id = str(rng.randrange(1, 100_000))
        subject_id = str(rng.randrange(1, 50_000)) if object_type in ("case", "signal") else ""
        purpose = rng.choice(PURPOSES)
        result = "denied" if n % 97 == 0 else "allowed"
        channel = "api" if n % 5 == 0 else "web"
        request_id = uuid.UUID(int=rng.getrandbits(128)).hex
        source_address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        digest = hashing.identity_digest(actor_id, actor_label, subject_id, source_address)
        entry_hash = hashing.entry_hash(
            chain,
            seq,
            timestamp,
            organisation_id,
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
        heads[chain] = (seq, entry_hash)
        yield (
            chain,
            seq,
            timestamp,
            actor_id,
            actor_label,
            organisation_id,
            role,
            action,
            object_type,
            object_id,
            subject_id,
            purpose,
            result,
            channel,
            request_id,
            source_address,
            digest,
            prev_hash,
            entry_hash,
            None,
        )
    generate_rows.heads = heads


def fill(count: int) -> dict:
    """Empty the audit log and load `count` chained entries. Returns timings."""
    from django.db import connection, transaction

    from samenspel.audit.models import AuditChainHead, AuditEntry
    from samenspel.audit.services import chain_count

    common.truncate_audit_log()
    chains = chain_count()
    started = time.perf_counter()
    table = AuditEntry._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN") as copy:
            for row in generate_rows(count, chains):
                copy.write_row(row)
        for chain, (seq, last_hash) in generate_rows.heads.items():
            AuditChainHead.objects.filter(chain=chain).update(seq=seq, last_hash=last_hash)
    loaded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")
    return {"entries": count, "chains": chains, "load_seconds": round(loaded, 2)}


def run(count: int = 1_000_000, repeats: int = 3) -> dict:
    from samenspel.audit.verify import verify_all

    filled = fill(count)
    verify_all()  # warm the caches once (the table fits in memory; disk reads are not measured)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        report = verify_all()
        timings.append(time.perf_counter() - started)
        if not report.ok or report.entries != count:
            raise SystemExit(f"verify_all() did not accept the generated log: {report}")
    best = min(timings)
    median = sorted(timings)[len(timings) // 2]
    return {
        **filled,
        "verify_seconds": [round(t, 3) for t in timings],
        "entries_per_second_median": round(count / median),
        "entries_per_second_best": round(count / best),
        "target_entries_per_second": TARGET_PER_SECOND,
        "target_met": count / median >= TARGET_PER_SECOND,
    }


if __name__ == "__main__":
    import json
    import sys

    common.setup_django()
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))
