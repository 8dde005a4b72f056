"""Median request time of a page that shows personal data, with auditing on and off.

The page is the application manager's view of one user (/beheer/gebruikers/<id>/): it shows
a name and an e-mail address and writes one audit entry per view. "Off" replaces that view's
record() with a function that does nothing, in this process only; everything else (session,
middleware, queries, template) is the same. Requests alternate between on and off in rounds,
so both see the same machine load; the figure is the ratio of the medians within one run.
"""

from __future__ import annotations

import time
from unittest import mock

from bench import common

TARGET_OVERHEAD = 0.15


def _prepare():
    from django.test import Client

    from samenspel.accounts.models import User
    from samenspel.testing.personas import build_personas, login_verified

    User.objects.filter(email__endswith=".test").delete()
    people = build_personas()
    client = Client()
    login_verified(client, people.app_manager)
    return client, f"/beheer/gebruikers/{people.teacher.pk}/"


def _time_requests(client, url: str, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return samples


def run(rounds: int = 20, per_round: int = 25) -> dict:
    from samenspel.accounts.views import manage
    from samenspel.audit.models import AuditEntry

    common.truncate_audit_log()
    client, url = _prepare()
    _time_requests(client, url, 20)  # warm caches, templates and the connection
    on: list[float] = []
    off: list[float] = []
    entries_before = AuditEntry.objects.count()
    for _ in range(rounds):
        on += _time_requests(client, url, per_round)
        with mock.patch.object(manage, "record", lambda *args, **kwargs: None):
            off += _time_requests(client, url, per_round)
    written = AuditEntry.objects.count() - entries_before
    on_summary, off_summary = common.summarise(on), common.summarise(off)
    overhead = on_summary["median"] / off_summary["median"] - 1
    return {
        "page": "/beheer/gebruikers/<id>/ (user.view)",
        "requests_each": len(on),
        "audit_entries_written_while_on": written,
        "median_ms_on": round(on_summary["median"] * 1000, 3),
        "median_ms_off": round(off_summary["median"] * 1000, 3),
        "p90_ms_on": round(on_summary["p90"] * 1000, 3),
        "p90_ms_off": round(off_summary["p90"] * 1000, 3),
        "overhead": round(overhead, 4),
        "target_overhead": TARGET_OVERHEAD,
        "target_met": overhead <= TARGET_OVERHEAD and written == len(on),
    }


if __name__ == "__main__":
    import json

    common.setup_django()
    print(json.dumps(run(), indent=2))
