"""`make bench`: every benchmark on PostgreSQL, figures to bench/results/<name>.json.
`python bench/run.py pages` runs only the named ones.

Uses a dedicated database (BENCH_DATABASE_URL, default samenspel_bench on the local server),
created and migrated here when missing; the page benchmarks build the national-scale dataset
in it first when it is not there yet (bench/generate.py, a few minutes). The figures are compared with their targets as
ratios and rates measured within one run, never against a fixed wall-clock expectation of
another machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common


def main() -> int:
    common.configure_environment()
    common.ensure_database()
    common.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import audit_append, audit_overhead, audit_verify, pages

    common.RESULTS_DIR.mkdir(exist_ok=True)
    machine = common.machine_facts()
    database = common.postgres_facts()
    benchmarks = {
        "audit_overhead": audit_overhead.run,
        "audit_append": audit_append.run,
        "audit_verify": audit_verify.run,
        "pages": pages.run,
    }
    chosen = sys.argv[1:] or list(benchmarks)
    unknown = sorted(set(chosen) - set(benchmarks))
    if unknown:
        print(f"Unknown benchmark: {', '.join(unknown)}; choose from {', '.join(benchmarks)}.", file=sys.stderr)
        return 2
    failed = []
    for name in chosen:
        bench = benchmarks[name]
        print(f"== {name}", flush=True)
        figures = bench()
        result = {"benchmark": name, "machine": machine, "database": database, "figures": figures}
        path = common.RESULTS_DIR / f"{name}.json"
        path.write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(json.dumps(figures, indent=2, default=str), flush=True)
        if not figures.get("target_met"):
            failed.append(name)
    if failed:
        print(f"Targets not met: {', '.join(failed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
