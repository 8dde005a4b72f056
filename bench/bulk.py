"""The large tables of the generated dataset: each one INSERT ... SELECT FROM generate_series,
computed inside PostgreSQL with explicit ids, so the relations between them are arithmetic
(see generate.py for the whole)."""

from __future__ import annotations

import time

BIG_SHARE = 10  # every 10th record belongs to Benchstad (municipality index 0)
AGENDA_ITEMS_PER_MEETING = 4  # so 500,000 actions are 2.5 per agenda item at scale 1


def log(message: str) -> None:
    print(f"[generate] {message}", flush=True)


def execute(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)  # no parameters: the % of the SQL stays an operator


# The large tables ----------------------------------------------------------------------------


def _skewed(var: str, municipalities: int) -> str:
    """SQL: the municipality index of record number `var`: every BIG_SHARE-th in Benchstad."""
    return f"(CASE WHEN {var} % {BIG_SHARE} = 0 THEN 0 ELSE 1 + {var} % {municipalities - 1} END)"


def _case_municipality(var: str, ranges: dict[str, int]) -> str:
    """SQL: the municipality index of case id `var` (see case_ranges)."""
    return f"(CASE WHEN {var} <= {ranges['big']} THEN 0 ELSE 1 + ({var} - {ranges['big']} - 1) / {ranges['per']} END)"


def _timed(label: str, sql: str) -> None:
    started = time.perf_counter()
    execute(sql)
    log(f"{label}: {time.perf_counter() - started:.1f} s")


def build_subjects_and_cases(wanted: dict[str, int], ranges: dict[str, int]) -> None:
    cases = wanted["cases"]
    home = _case_municipality("i", ranges)
    _timed(
        "subjects",
        f"""
        INSERT INTO cases_subject (id, given_names, family_name, date_of_birth, estimated_age, gender, address,
            residence_municipality_id, school, name_key, created_at)
        SELECT i, 'Persoon', 'Bench ' || i, DATE '1985-01-01' + (i % 9000), NULL,
            (ARRAY['female', 'male', 'other'])[1 + i % 3], 'Teststraat ' || (i % 300 + 1), b.municipality_id, '',
            'persoon bench ' || i, now() - (i % 1500) * interval '1 day'
        FROM generate_series(1, {cases}) AS i JOIN bench_municipality b ON b.idx = {home}
        """,
    )
    # Phases by i % 20: 2 registered, 2 assessment, 3 plan, 6 execution, 2 aftercare, 5 closed.
    phase = """(CASE WHEN i % 20 < 2 THEN 'registered' WHEN i % 20 < 4 THEN 'assessment'
        WHEN i % 20 < 7 THEN 'plan' WHEN i % 20 < 13 THEN 'execution' WHEN i % 20 < 15 THEN 'aftercare'
        ELSE 'closed' END)"""
    _timed(
        "cases",
        f"""
        INSERT INTO cases_case (id, subject_id, municipality_id, coordinator_id, phase, is_minor, is_returnee,
            detention_status, ideology_context, opened_at, closed_at, next_review_date)
        SELECT i, i, b.municipality_id, CASE WHEN i % 2 = 0 THEN b.coordinator_1 ELSE b.coordinator_2 END,
            {phase}, i % 3 = 0, i % 25 = 0, 'none', '', now() - (i % 1500) * interval '1 day',
            CASE WHEN i % 20 >= 15 THEN now() - (i % 300) * interval '1 day' END,
            CASE WHEN i % 20 < 15 THEN current_date + (i % 70) - 14 END
        FROM generate_series(1, {cases}) AS i JOIN bench_municipality b ON b.idx = {home}
        """,
    )
    # The team: a school (Lyceum for odd case ids, Vakcollege for even ones) leads, the police
    # is on every case, youth work on every third.
    _timed(
        "case team members",
        f"""
        INSERT INTO cases_caseteammember (id, case_id, organisation_id, contact_id, is_lead, added_by_id, added_at)
        SELECT 3 * i - 2 + k, i,
            CASE k WHEN 0 THEN CASE WHEN i % 2 = 1 THEN b.school_a ELSE b.school_b END
                   WHEN 1 THEN b.police ELSE b.youth END,
            NULL, k = 0, b.coordinator_1, now() - (i % 1500) * interval '1 day'
        FROM generate_series(1, {cases}) AS i CROSS JOIN generate_series(0, 2) AS k
        JOIN bench_municipality b ON b.idx = {home}
        WHERE k < 2 OR i % 3 = 0
        """,
    )


def build_information_items(wanted: dict[str, int], ranges: dict[str, int]) -> None:
    """Ten items per case on average, over every information category; the police provides
    police information, the school education, the municipality the rest."""
    cases, items = wanted["cases"], wanted["items"]
    case = f"(1 + (j - 1) % {cases})"
    _timed(
        "information items",
        f"""
        WITH categories AS (
            SELECT array_agg(id ORDER BY position, id) AS ids, array_agg(code ORDER BY position, id) AS codes
            FROM sharing_informationcategory)
        INSERT INTO cases_informationitem (id, case_id, signal_id, request_id, category_id, source_organisation_id,
            date, text, recorded_by_id, recorded_at)
        SELECT j, {case}, NULL, NULL, c.ids[n],
            CASE c.codes[n] WHEN 'police_and_justice' THEN b.police WHEN 'education' THEN b.school_a
                ELSE b.gemeente END,
            current_date - (j % 700),
            'Waarneming ' || j || ': gesprek gevoerd met de jongere en de ouders; afspraken gemaakt over '
                || 'school, vrije tijd en contact met de wijkagent. Volgende stap besproken in het casusteam.',
            b.coordinator_1, now() - (j % 700) * interval '1 day'
        FROM generate_series(1, {items}) AS j
        CROSS JOIN categories c
        CROSS JOIN LATERAL (SELECT 1 + ((j - 1) / {cases}) % cardinality(c.ids) AS n) AS pick
        JOIN bench_municipality b ON b.idx = {_case_municipality(case, ranges)}
        """,
    )


def build_signals(wanted: dict[str, int], ranges: dict[str, int]) -> None:
    """Statuses by s % 20: 1 new, 1 in triage, 2 monitoring, 8 closed (no concern), 2 referred,
    1 handed to the police, 5 a case (linked to case 1 + (s - 1) % cases, in its
    municipality). Every 50th comes from a citizen."""
    signals, cases, municipalities = wanted["signals"], wanted["cases"], wanted["municipalities"]
    case = f"(1 + (s - 1) % {cases})"
    status = """(CASE WHEN s % 20 = 0 THEN 'new' WHEN s % 20 = 1 THEN 'in_triage' WHEN s % 20 < 4 THEN 'monitoring'
        WHEN s % 20 < 12 THEN 'closed_no_concern' WHEN s % 20 < 14 THEN 'referred'
        WHEN s % 20 = 14 THEN 'handed_to_police' ELSE 'case' END)"""
    home = f"(CASE WHEN s % 20 >= 15 THEN {_case_municipality(case, ranges)} ELSE {_skewed('s', municipalities)} END)"
    _timed(
        "signals",
        f"""
        INSERT INTO intake_signal (id, given_names, family_name, date_of_birth, estimated_age, gender, address,
            residence_municipality_id, school, name_key, channel, municipality_id, reporter_id,
            reporter_organisation_id, reporter_relation, citizen_name, citizen_contact, observation, observed_on,
            urgency, status, received_at, triage_deadline, review_date, subject_id, case_id)
        SELECT s, 'Persoon', 'Melding ' || s, DATE '1985-01-01' + (s % 9000), NULL,
            (ARRAY['female', 'male', 'other'])[1 + s % 3], '', NULL, '', 'persoon melding ' || s,
            CASE WHEN s % 50 = 0 THEN 'citizen' ELSE 'professional' END, b.municipality_id,
            CASE WHEN s % 50 = 0 THEN NULL ELSE b.teacher END, CASE WHEN s % 50 = 0 THEN NULL ELSE b.school_a END,
            CASE WHEN s % 50 = 0 THEN '' ELSE 'Docent' END, '', '',
            'Leerling deelt in de klas filmpjes die geweld verheerlijken en trekt zich terug van klasgenoten. '
                || 'Melding ' || s || '.',
            current_date - (s % 1000) - 1, (ARRAY['low', 'normal', 'high'])[1 + s % 3], {status},
            now() - (s % 1000) * interval '1 day' - (s % 1440) * interval '1 minute',
            (now() - (s % 1000) * interval '1 day')::date + 7,
            CASE WHEN s % 20 IN (2, 3) THEN current_date + (s % 40) - 10 END,
            CASE WHEN s % 20 >= 15 THEN {case} END, CASE WHEN s % 20 >= 15 THEN {case} END
        FROM generate_series(1, {signals}) AS s JOIN bench_municipality b ON b.idx = {home}
        """,
    )
    _timed(
        "signal concern categories",
        f"""
        WITH categories AS (SELECT array_agg(id ORDER BY position, id) AS ids FROM sharing_concerncategory)
        INSERT INTO intake_signal_concern_categories (id, signal_id, concerncategory_id)
        SELECT s, s, c.ids[1 + s % cardinality(c.ids)]
        FROM generate_series(1, {signals}) AS s CROSS JOIN categories c
        """,
    )


def build_meetings(wanted: dict[str, int], ranges: dict[str, int]) -> None:
    """Case conferences every few days per municipality over four years (the last weeks still
    planned), each with four organisations invited and four cases of its municipality on the
    agenda with minutes and a decision when held; 2.5 actions per agenda item."""
    meetings, actions, municipalities = wanted["meetings"], wanted["actions"], wanted["municipalities"]
    per = AGENDA_ITEMS_PER_MEETING
    items = meetings * per
    starts = "(date_trunc('day', now()) + interval '10 hours' - ((t % 1460) - 21) * interval '1 day')"
    _timed(
        "meetings",
        f"""
        INSERT INTO meetings_meeting (id, municipality_id, region_id, starts_at, ends_at, location, online_link,
            chair_id, status, created_by_id, created_at)
        SELECT t, b.municipality_id, NULL, {starts}, {starts} + interval '2 hours', 'Stadhuis, zaal 2', '',
            b.chair, CASE WHEN {starts} < now() THEN 'held' ELSE 'planned' END, b.coordinator_1,
            {starts} - interval '14 days'
        FROM generate_series(1, {meetings}) AS t JOIN bench_municipality b ON b.idx = {_skewed("t", municipalities)}
        """,
    )
    _timed(
        "invitations",
        """
        INSERT INTO meetings_meetinginvitation (id, meeting_id, organisation_id, person_id, invited_by_id, invited_at)
        SELECT 4 * (m.id - 1) + k + 1, m.id,
            (ARRAY[b.gemeente, b.school_a, b.police, b.youth])[k + 1], NULL, b.coordinator_1, m.created_at
        FROM meetings_meeting m CROSS JOIN generate_series(0, 3) AS k
        JOIN bench_municipality b ON b.municipality_id = m.municipality_id
        """,
    )
    # Agenda item a belongs to meeting 1 + (a - 1) / per; its case is one of the municipality's.
    _timed(
        "agenda items",
        f"""
        INSERT INTO meetings_agendaitem (id, meeting_id, case_id, kind, "order", added_by_id, added_at)
        SELECT per_meeting.a, m.id,
            b.case_first + ((m.id / {municipalities}) * {per} + per_meeting.k) % b.case_count,
            (ARRAY['new', 'review', 'review', 'closure'])[per_meeting.k + 1], per_meeting.k + 1, b.coordinator_1,
            m.created_at
        FROM generate_series(1, {items}) AS a
        CROSS JOIN LATERAL (SELECT a, (a - 1) % {per} AS k, 1 + (a - 1) / {per} AS meeting_id) AS per_meeting
        JOIN meetings_meeting m ON m.id = per_meeting.meeting_id
        JOIN bench_municipality b ON b.municipality_id = m.municipality_id
        """,
    )
    _timed(
        "minutes and decisions",
        """
        INSERT INTO meetings_minutes (id, item_id, text, version, updated_by_id, updated_at)
        SELECT i.id, i.id, 'Het casusteam bespreekt de voortgang. School meldt minder verzuim; de wijkagent '
            || 'heeft contact gehad met de ouders. Afgesproken: vervolggesprek en terugkoppeling.', 1, m.chair_id,
            m.starts_at + interval '2 hours'
        FROM meetings_agendaitem i JOIN meetings_meeting m ON m.id = i.meeting_id WHERE m.status = 'held';
        INSERT INTO meetings_meetingdecision (id, item_id, text, decided_by_id, recorded_at)
        SELECT i.id, i.id, 'Plan van aanpak wordt voortgezet; herbeoordeling over zes weken.', m.chair_id,
            m.starts_at + interval '2 hours'
        FROM meetings_agendaitem i JOIN meetings_meeting m ON m.id = i.meeting_id WHERE m.status = 'held';
        """,
    )
    # Owners by x % 3: the Lyceum (its teacher named on every other one), youth work, police.
    # Open while due in the future or within the last month; of older ones, every tenth is
    # still open (overdue); the rest done.
    _timed(
        "actions",
        f"""
        INSERT INTO meetings_action (id, item_id, description, owner_organisation_id, owner_person_id, due_date,
            status, created_by_id, created_at, closed_at)
        SELECT x, i.id, 'Actie ' || x || ': gesprek plannen en terugkoppelen aan de dossierhouder.',
            (ARRAY[b.school_a, b.youth, b.police])[1 + x % 3],
            CASE WHEN x % 3 = 0 AND x % 2 = 0 THEN b.teacher END,
            m.starts_at::date + 14,
            CASE WHEN m.starts_at::date + 14 >= current_date - 30 OR x % 10 = 0 THEN 'open' ELSE 'done' END,
            m.chair_id, m.starts_at + interval '2 hours',
            CASE WHEN m.starts_at::date + 14 >= current_date - 30 OR x % 10 = 0 THEN NULL
                ELSE m.starts_at + interval '10 days' END
        FROM generate_series(1, {actions}) AS x
        JOIN meetings_agendaitem i ON i.id = 1 + (x - 1) % {items}
        JOIN meetings_meeting m ON m.id = i.meeting_id
        JOIN bench_municipality b ON b.municipality_id = m.municipality_id
        """,
    )


EXPLICIT_ID_TABLES = (
    "cases_subject",
    "cases_case",
    "cases_caseteammember",
    "cases_informationitem",
    "intake_signal",
    "intake_signal_concern_categories",
    "meetings_meeting",
    "meetings_meetinginvitation",
    "meetings_agendaitem",
    "meetings_minutes",
    "meetings_meetingdecision",
    "meetings_action",
)


def move_sequences() -> None:
    for table in EXPLICIT_ID_TABLES:
        execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 1))")
