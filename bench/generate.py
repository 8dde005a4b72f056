"""A national-scale dataset on the bench database (PostgreSQL), for the page benchmarks.

    python bench/generate.py            # build it when missing (idempotent, about 5 minutes)
    python bench/generate.py --force    # empty the bench database's records and build again
    BENCH_SCALE=0.01 python bench/generate.py --force   # a hundredth, for trying things out

At scale 1: 25 regions, 350 municipalities, 20,000 users, 1,000,000 signals, 200,000 subjects
and cases with 2,000,000 information items, 50,000 case conferences with 500,000 actions.
Everything is invented ("Benchstad", "Persoon 123"). One municipality, Benchstad, holds a
tenth of all records, so its coordinator and its school's teacher see far more than a real
municipality has: the page benchmarks measure the heavy end.

The small tables (regions, municipalities, organisations, users, roles) go through the ORM;
the large ones are one INSERT ... SELECT FROM generate_series each, computed inside
PostgreSQL, with explicit ids (so the relations between them are arithmetic) and the
sequences moved past them afterwards. The catalogue, the information categories and the
agreement are the seeded ones from the migrations. No services run and no audit entries are
written: this is a fixture, not a history.

The measured people (their e-mail addresses end in @bench.example, never .test, which the
audit benchmarks clear) and the two fixed meetings (20 and 2 cases on the agenda) are named
in `bench.dataset`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common
from bench.bulk import BIG_SHARE, execute, log

FULL = {
    "regions": 25,
    "municipalities": 350,
    "users": 20_000,
    "signals": 1_000_000,
    "cases": 200_000,
    "items": 2_000_000,
    "meetings": 50_000,
    "actions": 500_000,
}

# Tables emptied by --force, children first (TRUNCATE ... CASCADE does the rest).
DATASET_TABLES = (
    "meetings_actionstatuschange",
    "meetings_action",
    "meetings_disclosuredecision",
    "meetings_meetingdecision",
    "meetings_minutesrevision",
    "meetings_minutes",
    "meetings_agendaitem",
    "meetings_confidentialityconfirmation",
    "meetings_meetinginvitation",
    "meetings_meetingstatuschange",
    "meetings_meeting",
    "cases_interventionstatuschange",
    "cases_intervention",
    "cases_goal",
    "cases_plan",
    "cases_casereview",
    "cases_casetransfer",
    "cases_casereopening",
    "cases_caseclosure",
    "cases_lifedomainassessment",
    "cases_informationitem",
    "cases_caseteammember",
    "cases_casephasechange",
    "intake_informationrequest_categories",
    "intake_informationrequest",
    "intake_triagedecision",
    "intake_assessmentnote",
    "intake_attachment",
    "intake_signaltransition",
    "intake_signal_concern_categories",
    "intake_signal",
    "cases_case",
    "cases_relatedperson",
    "cases_subject",
    "accounts_usersession",
    "accounts_roleassignment",
    "accounts_user",
    "accounts_organisation",
    "accounts_municipality",
    "accounts_region",
)


def sizes(scale: float) -> dict[str, int]:
    scaled = {name: max(1, int(value * scale)) for name, value in FULL.items()}
    scaled["regions"] = max(2, min(FULL["regions"], scaled["regions"]))
    scaled["municipalities"] = max(3 * scaled["regions"], min(FULL["municipalities"], scaled["municipalities"]))
    scaled["users"] = max(scaled["municipalities"] * 12, scaled["users"])
    return scaled


def _count(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def is_built(wanted: dict[str, int]) -> bool:
    from samenspel.accounts.models import Region

    return (
        Region.objects.filter(name="Benchregio 1").exists()
        and _count("intake_signal") >= wanted["signals"]
        and _count("meetings_action") >= wanted["actions"]
    )


def empty() -> None:
    from django.db import connection

    assert "bench" in connection.settings_dict["NAME"], "refusing to empty a database not named *bench*"
    execute(f"TRUNCATE {', '.join(DATASET_TABLES)} RESTART IDENTITY CASCADE")
    common.truncate_audit_log()


# Regions, municipalities, organisations, users -------------------------------------------------

MUNICIPAL_ORGS = (  # (key, type, name) per municipality
    ("gemeente", "gemeente", "Gemeente {m}"),
    ("school_a", "onderwijs", "Lyceum {m}"),
    ("school_b", "onderwijs", "Vakcollege {m}"),
    ("youth", "jongerenwerk", "Jongerenwerk {m}"),
    ("wijk", "sociaal_wijkteam", "Sociaal wijkteam {m}"),
)
REGIONAL_ORGS = (
    ("police", "politie", "Politie {r}"),
    ("hub", "zorg_veiligheidshuis", "Zorg- en Veiligheidshuis {r}"),
    ("youth_care", "jeugdhulp", "Jeugdhulp {r}"),
    ("rvdk", "raad_kinderbescherming", "Raad voor de Kinderbescherming {r}"),
    ("probation", "reclassering", "Reclassering {r}"),
    ("mental_health", "ggz", "GGZ {r}"),
    ("prosecution", "openbaar_ministerie", "Openbaar Ministerie {r}"),
)


def _municipality_name(index: int) -> str:
    return "Benchstad" if index == 0 else f"Benchdorp {index}"


def build_organisations(wanted: dict[str, int]) -> list[dict]:
    """The regions, municipalities and organisations, and per municipality the ids the large
    inserts need (one row per municipality in the temporary table bench_municipality)."""
    from samenspel.accounts.models import Municipality, Organisation, Region

    regions = Region.objects.bulk_create(Region(name=f"Benchregio {r + 1}") for r in range(wanted["regions"]))
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            name=_municipality_name(m),
            region=regions[m % len(regions)],
            contact_name="Team Zorg en Veiligheid",
            contact_phone="14 020",
            contact_email=f"zorgenveiligheid@gemeente-{m}.bench.example",
            contact_hours="Maandag tot en met vrijdag, 9.00 tot 17.00 uur",
        )
        for m in range(wanted["municipalities"])
    )
    regional = {}
    for region in regions:
        for key, kind, name in REGIONAL_ORGS:
            regional[(region.pk, key)] = Organisation(name=name.format(r=region.name), type=kind, region=region)
    local = {}
    for index, municipality in enumerate(municipalities):
        for key, kind, name in MUNICIPAL_ORGS:
            local[(index, key)] = Organisation(
                name=name.format(m=municipality.name),
                type=kind,
                region_id=municipality.region_id,
                municipality=municipality,
            )
    Organisation.objects.bulk_create([*regional.values(), *local.values()])
    rows = []
    for index, municipality in enumerate(municipalities):
        row = {"idx": index, "municipality_id": municipality.pk, "region_id": municipality.region_id}
        row.update({key: local[(index, key)].pk for key, _kind, _name in MUNICIPAL_ORGS})
        row.update({key: regional[(municipality.region_id, key)].pk for key, _kind, _name in REGIONAL_ORGS})
        rows.append(row)
    return rows


def build_users(wanted: dict[str, int], rows: list[dict]) -> None:
    """Per municipality two coordinators, a chair, a teacher and a youth worker; per region a
    police officer; the rest of the users spread over the municipal partner organisations.
    Adds the users' ids to `rows`."""
    from django.contrib.auth.hashers import make_password

    from samenspel.accounts.models import RoleAssignment, User
    from samenspel.accounts.roles import Role

    password = make_password("bench-not-a-real-password")
    users: list[User] = []
    roles: list[tuple[int, str, int | None, int | None]] = []  # (index in users, role, municipality, region)

    def add(local: str, name: str, organisation_id: int, role: str, *, municipality=None, region=None) -> int:
        users.append(
            User(email=f"{local}@bench.example", full_name=name, organisation_id=organisation_id, password=password)
        )
        roles.append((len(users) - 1, role, municipality, region))
        return len(users) - 1

    for row in rows:
        m, here = row["idx"], {"municipality": row["municipality_id"]}
        row["coordinator_1"] = add(
            f"dossierhouder-{m}", f"Dossierhouder {m}", row["gemeente"], Role.COORDINATOR, **here
        )
        row["coordinator_2"] = add(
            f"dossierhouder-{m}b", f"Dossierhouder {m}b", row["gemeente"], Role.COORDINATOR, **here
        )
        row["chair"] = add(f"voorzitter-{m}", f"Voorzitter {m}", row["gemeente"], Role.CHAIR, **here)
        row["teacher"] = add(f"docent-{m}", f"Docent {m}", row["school_a"], Role.PARTNER, **here)
        row["youth_worker"] = add(f"jongerenwerker-{m}", f"Jongerenwerker {m}", row["youth"], Role.PARTNER, **here)
    officers: dict[int, int] = {}
    for row in rows:
        region = row["region_id"]
        if region not in officers:
            officers[region] = add(
                f"wijkagent-{region}", f"Wijkagent {region}", row["police"], Role.PARTNER, region=region
            )
        row["police_officer"] = officers[region]
    organisations = [
        (row[key], row["municipality_id"]) for row in rows for key in ("school_a", "school_b", "youth", "wijk")
    ]
    n = 0
    while len(users) < wanted["users"]:
        organisation_id, municipality_id = organisations[n % len(organisations)]
        add(f"medewerker-{n}", f"Medewerker {n}", organisation_id, Role.PARTNER, municipality=municipality_id)
        n += 1
    User.objects.bulk_create(users, batch_size=2000)
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=users[i], role=role, municipality_id=mid, region_id=rid) for i, role, mid, rid in roles),
        batch_size=2000,
    )
    for row in rows:
        for key in ("coordinator_1", "coordinator_2", "chair", "teacher", "youth_worker", "police_officer"):
            row[key] = users[row[key]].pk


def case_ranges(wanted: dict[str, int], rows: list[dict]) -> dict[str, int]:
    """Cases are numbered per municipality in contiguous ranges: Benchstad 1..B, then P per
    municipality. Returns the constants of the SQL that maps a case id to its municipality."""
    cases, others = wanted["cases"], len(rows) - 1
    big = cases // BIG_SHARE
    per = -(-(cases - big) // others)  # ceiling division
    for row in rows:
        if row["idx"] == 0:
            row["case_first"], row["case_count"] = 1, big
        else:
            first = big + 1 + (row["idx"] - 1) * per
            row["case_first"], row["case_count"] = first, max(0, min(per, cases - first + 1))
    return {"big": big, "per": per}


def municipality_table(rows: list[dict]) -> None:
    """The per-municipality ids as a table the large INSERT ... SELECTs join on."""
    from django.db import connection

    columns = list(rows[0])
    execute("DROP TABLE IF EXISTS bench_municipality")
    execute(
        f"CREATE TABLE bench_municipality ({', '.join(f'{c} bigint NOT NULL' for c in columns)}, PRIMARY KEY (idx))"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO bench_municipality ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
            [[row[c] for c in columns] for row in rows],
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="empty the bench database's records and build again")
    args = parser.parse_args(argv)
    common.configure_environment()
    common.ensure_database()
    common.setup_django()
    build(force=args.force)
    return 0


def build(*, force: bool = False) -> dict[str, int]:
    """Build the dataset unless it is there already; returns the sizes asked for."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench import bulk, dataset

    wanted = sizes(float(os.environ.get("BENCH_SCALE", "1")))
    call_command("migrate", verbosity=0)
    if not force and is_built(wanted):
        log("the dataset is there already (--force builds it again)")
        return wanted
    started = time.perf_counter()
    log(f"building {wanted}")
    empty()
    with transaction.atomic():
        rows = build_organisations(wanted)
        build_users(wanted, rows)
        ranges = case_ranges(wanted, rows)
        municipality_table(rows)
        bulk.build_subjects_and_cases(wanted, ranges)
        bulk.build_information_items(wanted, ranges)
        bulk.build_signals(wanted, ranges)
        bulk.build_meetings(wanted, ranges)
        bulk.move_sequences()
        dataset.build_fixed_meetings()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return wanted


if __name__ == "__main__":
    raise SystemExit(main())
