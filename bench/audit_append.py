"""Durable audit appends per second with concurrent writers.

Each writer is a separate process with its own database connection (django.setup() in the
child), appending with samenspel.audit.services.record(), one entry per transaction,
synchronous_commit left on (every commit waits for its WAL flush). Writers start together
and stop at a fixed deadline (or after a maximum number of entries). Afterwards the chains
are verified.
"""

from __future__ import annotations

import multiprocessing
import time

from bench import common

TARGET_PER_SECOND = 1_000


def _writer(number: int, barrier, seconds: float, max_entries: int, results) -> None:
    common.setup_django()
    from django.db import connection, transaction

    from samenspel.accounts.models import User
    from samenspel.audit import context
    from samenspel.audit.services import record

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        synchronous_commit = cursor.fetchone()[0]
    # An actor as a page request would have one; unsaved, so that no query is spent on it.
    actor = User(pk=100 + number, email=f"schrijver{number}@bench.test", organisation_id=1)
    ctx = context.AuditContext(channel="web", source_address="127.0.0.1", actor=actor)
    latencies = []
    count = 0
    with context.use(ctx):
        record("bench.warm_up", role="app_manager")  # connects and picks this connection's chain
        barrier.wait(timeout=120)  # every writer is ready: go
        started = time.perf_counter()
        deadline = started + seconds
        while count < max_entries:
            began = time.perf_counter()
            with transaction.atomic():
                record("user.view", object_type="user", object_id=str(count), subject_id=str(count), role="app_manager")
            latencies.append(time.perf_counter() - began)
            count += 1
            if time.perf_counter() >= deadline:
                break
        elapsed = time.perf_counter() - started
    results.put(
        {
            "writer": number,
            "entries": count,
            "seconds": elapsed,
            "chain": getattr(connection, "_samenspel_audit_chain", None),
            "synchronous_commit": synchronous_commit,
            "latency_ms": {k: round(v * 1000, 3) if k != "n" else v for k, v in common.summarise(latencies).items()},
        }
    )


def run(writers: int = 4, seconds: float = 5.0, max_entries: int = 100_000) -> dict:
    from samenspel.audit.verify import verify_all

    common.truncate_audit_log()
    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    barrier = spawn.Barrier(writers)
    processes = [
        spawn.Process(target=_writer, args=(n, barrier, seconds, max_entries, results)) for n in range(writers)
    ]
    for process in processes:
        process.start()
    reports = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    reports.sort(key=lambda r: r["writer"])
    total = sum(r["entries"] for r in reports)
    elapsed = max(r["seconds"] for r in reports)
    started = time.perf_counter()
    report = verify_all()
    verified_in = time.perf_counter() - started
    per_second = total / elapsed
    chains = [r["chain"] for r in reports]
    return {
        "writers": writers,
        "seconds": round(elapsed, 3),
        "entries": total,
        "appends_per_second": round(per_second),
        "writers_sharing_a_chain": writers - len(set(chains)),
        "per_writer": reports,
        "synchronous_commit": sorted({r["synchronous_commit"] for r in reports}),
        # The log also holds one warm-up entry per writer.
        "verify_after": {
            "ok": report.ok,
            "entries": report.entries,
            "breaks": [str(b) for b in report.breaks],
            "seconds": round(verified_in, 3),
        },
        "target_appends_per_second": TARGET_PER_SECOND,
        "target_met": per_second >= TARGET_PER_SECOND and report.ok and report.entries == total + writers,
    }


if __name__ == "__main__":
    import json

    common.setup_django()
    print(json.dumps(run(), indent=2))
