"""Server time and query count of the busiest pages, on the national-scale dataset.

Each page is requested in-process through Django's test client (the whole stack: sessions,
middleware, access querysets, the audit entry, the template), logged in as a measured person
of generate.py. The time of a request is the server time; the network is not in it.

Targets (issues 3 and 4):
- signal inbox, case list, case detail, for a coordinator and a partner: p95 <= 50 ms;
- a partner's start page with open actions: p95 <= 50 ms;
- the agenda page of a meeting with 20 cases: p95 <= 100 ms;
- a per-recipient minutes PDF: at most 1 s each (the slowest of the samples);
- query counts that do not grow with the rows: each page is also requested for a small
  counterpart (an ordinary municipality, a case with fewer items, a meeting with 2 cases) and
  the two counts must be equal (the audit log's appends counted apart); and no COUNT( over a
  table for pagination.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from bench import common, dataset

SAMPLES = 200
PDF_SAMPLES = 10
WARM_UP = 5


@dataclass(frozen=True)
class Page:
    name: str
    who: str
    path: str
    compare_who: str  # the small counterpart: the same page for less data
    compare_path: str
    target_p95_ms: float | None = None
    target_max_ms: float | None = None
    samples: int = SAMPLES


def _client_for(user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samenspel.testing.personas import login_verified

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    client = Client()
    login_verified(client, user)
    return client


def _get(client, path: str):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return response


def _queries(client, path: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _get(client, path)
    return [query["sql"] for query in captured.captured_queries]


COUNTING = re.compile(r"\bCOUNT\(", re.IGNORECASE)
AUDIT = re.compile(r'"?audit_audit(entry|chainhead)"?')


def _split(queries: list[str]) -> tuple[list[str], list[str]]:
    """(the page's own queries, the audit log's appends). An audited page writes one entry
    per subject it shows (the minutes PDF: one per agenda item), two statements each; those
    grow with what is shown by design, and are reported apart."""
    audit = [sql for sql in queries if AUDIT.search(sql)]
    return [sql for sql in queries if not AUDIT.search(sql)], audit


def measure(page: Page, users: dict) -> dict:
    client = _client_for(users[page.who])
    for _ in range(WARM_UP):
        _get(client, page.path)
    samples = []
    for _ in range(page.samples):
        started = time.perf_counter()
        _get(client, page.path)
        samples.append((time.perf_counter() - started) * 1000)
    queries, audit_queries = _split(_queries(client, page.path))
    compare_queries, _audit = _split(_queries(_client_for(users[page.compare_who]), page.compare_path))
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2]
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    counting = [sql[:200] for sql in queries if COUNTING.search(sql)]
    met = len(queries) == len(compare_queries) and not counting
    if page.target_p95_ms is not None:
        met = met and p95 <= page.target_p95_ms
    if page.target_max_ms is not None:
        met = met and ordered[-1] <= page.target_max_ms
    return {
        "page": page.name,
        "who": page.who,
        "samples": len(samples),
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "target_p95_ms": page.target_p95_ms,
        "target_max_ms": page.target_max_ms,
        "queries": len(queries),
        "queries_for_less_data": len(compare_queries),
        "audit_queries": len(audit_queries),
        "counting_queries": counting,
        "target_met": met,
    }


def pages() -> tuple[dict, list[Page]]:
    """The measured people and the pages, built from the dataset."""
    users = {
        "coordinator": dataset.coordinator(),
        "coordinator_small": dataset.coordinator(dataset.SMALL),
        "teacher": dataset.teacher(),
        "teacher_small": dataset.teacher(dataset.SMALL),
        "chair": dataset.chair(),
    }
    plain, rich = dataset.plain_case(), dataset.rich_case()
    big, small = dataset.fixed_meeting(20), dataset.fixed_meeting(2)
    small_case = dataset.plain_case(dataset.SMALL)
    fifty = 50.0
    listed = [
        Page("signal inbox", "coordinator", "/meldingen/duiden/", "coordinator_small", "/meldingen/duiden/", fifty),
        Page(
            "reported signals",
            "teacher",
            "/meldingen/mijn-meldingen/",
            "teacher_small",
            "/meldingen/mijn-meldingen/",
            fifty,
        ),
        Page("case list", "coordinator", "/casussen/", "coordinator_small", "/casussen/", fifty),
        Page("case list", "teacher", "/casussen/", "teacher_small", "/casussen/", fifty),
        Page(
            "case detail",
            "coordinator",
            f"/casussen/{rich.pk}/",
            "coordinator_small",
            f"/casussen/{small_case.pk}/",
            fifty,
        ),
        Page("case detail", "teacher", f"/casussen/{rich.pk}/", "teacher", f"/casussen/{plain.pk}/", fifty),
        Page("start page with open actions", "teacher", "/", "teacher_small", "/", fifty),
        Page("agenda, 20 cases", "chair", f"/casusoverleg/{big.pk}/", "chair", f"/casusoverleg/{small.pk}/", 100.0),
        Page("agenda, 20 cases", "teacher", f"/casusoverleg/{big.pk}/", "teacher", f"/casusoverleg/{small.pk}/", 100.0),
        Page(
            "minutes PDF, 20 cases",
            "teacher",
            f"/casusoverleg/{big.pk}/verslag.pdf",
            "teacher",
            f"/casusoverleg/{small.pk}/verslag.pdf",
            target_max_ms=1000.0,
            samples=PDF_SAMPLES,
        ),
    ]
    return users, listed


def run() -> dict:
    from bench import generate

    sizes = generate.build()
    users, listed = pages()
    results = []
    for page in listed:
        result = measure(page, users)
        print(
            f"  {page.name} ({page.who}): p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
            f"{result['queries']} queries ({result['queries_for_less_data']} for less data)",
            flush=True,
        )
        results.append(result)
    return {
        "dataset": sizes,
        "pages": results,
        "target_met": all(result["target_met"] for result in results),
    }


if __name__ == "__main__":
    common.setup_django()
    import json

    print(json.dumps(run(), indent=2))
