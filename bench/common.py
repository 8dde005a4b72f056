"""Shared set-up for the benchmarks: which database, Django start-up, machine facts.

Every benchmark runs against a dedicated PostgreSQL database (never the development or test
database), named by BENCH_DATABASE_URL; the default is the local server on 127.0.0.1.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samenspel_bench"


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL


def configure_environment() -> None:
    """Point Django at the bench database, before django.setup() in this process or a child."""
    for path in (str(ROOT_DIR / "src"), str(ROOT_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ["DATABASE_URL"] = database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenspel.settings.test"
    # The test client sends Host: testserver.
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database() -> None:
    """Create the bench database on its server when it is missing."""
    import psycopg

    url = database_url()
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    configure_environment()
    import django

    django.setup()


def truncate_audit_log() -> None:
    """Empty the bench database's audit log and reset the chain heads. TRUNCATE passes the
    append-only triggers (which guard UPDATE and DELETE of rows); this only ever runs on the
    dedicated bench database."""
    from django.db import connection

    from samenspel.audit import chain as hashing
    from samenspel.audit.models import AuditChainHead, AuditEntry

    assert connection.vendor == "postgresql", "the benchmarks run on PostgreSQL"
    assert "bench" in connection.settings_dict["NAME"], "refusing to empty a database not named *bench*"
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {AuditEntry._meta.db_table}, {AuditChainHead._meta.db_table} RESTART IDENTITY")
    from samenspel.audit.services import chain_count

    AuditChainHead.objects.bulk_create(
        AuditChainHead(chain=chain, seq=0, last_hash=hashing.GENESIS) for chain in range(chain_count())
    )


def postgres_facts() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        facts = {"server_version": version}
        for setting in ("synchronous_commit", "fsync", "wal_sync_method", "shared_buffers"):
            cursor.execute(f"SHOW {setting}")
            facts[setting] = cursor.fetchone()[0]
    settings = connection.settings_dict
    facts["database"] = f"{settings['HOST'] or 'local socket'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return facts


def machine_facts() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu": model,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def summarise(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p10": ordered[int(len(ordered) * 0.10)],
        "p90": ordered[min(len(ordered) - 1, int(len(ordered) * 0.90))],
        "min": ordered[0],
    }
