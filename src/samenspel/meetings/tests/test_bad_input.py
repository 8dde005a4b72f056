"""Bad input at every meeting service: too long, markup and script, SQL fragments, names in
any script kept exactly, wrong dates and types, unsafe links. Refusals are ValidationErrors
keyed by field, with nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.audit.models import AuditEntry
from samenspel.meetings import services as meetings
from samenspel.meetings.models import Action, Meeting
from samenspel.meetings.validators import validate_online_link
from samenspel.testing.factories_meetings import confirm

pytestmark = pytest.mark.django_db
NEXT_WEEK = timezone.now() + datetime.timedelta(days=7)
IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)
SQL = "'; DROP TABLE meetings_meeting; --"
SCRIPT = "<script>alert(1)</script>"
NAMES = ["Ĳsbrand van 't Hoff", "محمد", "Zoë O'Brien-Çelik", "Łukasz Żółć"]


def field_errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def plan(personas, **fields):
    values = {"municipality": personas.municipality, "starts_at": NEXT_WEEK, "location": "Stadhuis", **fields}
    return meetings.create_meeting(personas.chair, **values)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "http://overleg.example.nl/abc",
        "data:text/html,<script>alert(1)</script>",
        "https://overleg.example.nl/<script>",
        'https://overleg.example.nl/" onclick="x',
        "https://",
        "ftp://overleg.example.nl",
        "overleg.example.nl",
        "https://" + "a" * 600 + ".nl",
    ],
)
def test_unsafe_or_malformed_links_are_refused(personas, link):
    assert "online_link" in field_errors(lambda: plan(personas, location="", online_link=link))
    assert not Meeting.objects.exists()


def test_a_good_https_link_is_kept():
    validate_online_link("https://teams.example.com/l/meetup-join/19%3ameeting?context=%7b%7d")
    meeting_link = "https://overleg.example.nl/kamer/42"
    validate_online_link(meeting_link)


@pytest.mark.parametrize("location", [SCRIPT, "Zaal\n3", "Zaal\x00", "x" * 201])
def test_the_place_is_one_plain_line(personas, location):
    assert "location" in field_errors(lambda: plan(personas, location=location))


@pytest.mark.parametrize("location", [*NAMES, SQL, "Zaal 3 & 4 (1e verdieping)"])
def test_places_in_any_script_and_sql_look_alikes_are_kept_as_typed(personas, location):
    assert plan(personas, location=location).location == location


def test_a_place_or_a_link_is_required(personas):
    assert "location" in field_errors(lambda: plan(personas, location="   "))


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"starts_at": "morgen"}, "starts_at"),
        ({"starts_at": None}, "starts_at"),
        ({"starts_at": datetime.date(2030, 1, 1)}, "starts_at"),
        ({"starts_at": datetime.datetime(2030, 1, 1, 10, 0)}, "starts_at"),  # naive
        ({"starts_at": timezone.now() - datetime.timedelta(days=400)}, "starts_at"),
        ({"starts_at": timezone.now() + datetime.timedelta(days=365 * 3)}, "starts_at"),
        ({"ends_at": NEXT_WEEK - datetime.timedelta(hours=1)}, "ends_at"),
        ({"ends_at": NEXT_WEEK}, "ends_at"),
        ({"ends_at": NEXT_WEEK + datetime.timedelta(hours=13)}, "ends_at"),
        ({"ends_at": "later"}, "ends_at"),
    ],
)
def test_wrong_dates_are_refused(personas, fields, key):
    assert key in field_errors(lambda: plan(personas, **fields))
    assert not Meeting.objects.exists()


def test_all_errors_come_at_once(personas):
    errors = field_errors(lambda: plan(personas, location="", online_link="", starts_at="x", chair=personas.teacher))
    assert {"starts_at", "location", "chair"} <= set(errors)


# Free text: minutes, decisions, reasons, actions ----------------------------------------------------


@pytest.fixture
def scene(personas, meeting_scenario):
    confirm(meeting_scenario.meeting, personas.chair)
    return meeting_scenario


@pytest.mark.parametrize("text", [SCRIPT, SQL, *NAMES, "Regel 1\nRegel 2\tmet tab", "<b>vet</b> & 'quotes'"])
def test_free_text_is_stored_exactly_as_typed(personas, scene, text):
    minutes = meetings.write_minutes(personas.chair, scene.item, text=text)
    decision = meetings.record_decision(personas.chair, scene.item, text=text)
    action = meetings.create_action(
        personas.chair, scene.item, description=text, owner_organisation=personas.school_org, due_date=IN_TWO_WEEKS
    )
    assert minutes.text == decision.text == action.description == text


@pytest.mark.parametrize(
    ("text", "limit"),
    [("x" * 10_001, "minutes"), ("x" * 2_001, "decision"), ("\x1b[31mrood", "both"), ("", "both"), ("   ", "both")],
)
def test_bad_free_text_is_refused(personas, scene, text, limit):
    entries = AuditEntry.objects.count()
    if limit in {"minutes", "both"}:
        assert "text" in field_errors(lambda: meetings.write_minutes(personas.chair, scene.item, text=text))
    if limit in {"decision", "both"}:
        assert "text" in field_errors(lambda: meetings.record_decision(personas.chair, scene.item, text=text))
    assert AuditEntry.objects.count() == entries


def test_minutes_of_the_maximum_length_are_accepted(personas, scene):
    assert len(meetings.write_minutes(personas.chair, scene.item, text="x" * 10_000).text) == 10_000


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"description": ""}, "description"),
        ({"description": "x" * 2_001}, "description"),
        ({"description": "a\x00b"}, "description"),
        ({"due_date": datetime.date(2000, 1, 1)}, "due_date"),
        ({"due_date": timezone.localdate() - datetime.timedelta(days=1)}, "due_date"),
        ({"due_date": timezone.localdate() + datetime.timedelta(days=3 * 365)}, "due_date"),
        ({"due_date": "volgende week"}, "due_date"),
        ({"due_date": None}, "due_date"),
        ({"owner_organisation": "politie"}, "owner_organisation"),
        ({"owner_organisation": None}, "owner_organisation"),
        ({"owner_person": 12345}, "owner_person"),
    ],
)
def test_bad_action_input_is_refused(personas, scene, fields, key):
    values = {
        "description": "Huisbezoek.",
        "owner_organisation": personas.school_org,
        "due_date": IN_TWO_WEEKS,
        **fields,
    }
    assert key in field_errors(lambda: meetings.create_action(personas.chair, scene.item, **values))
    assert not Action.objects.exists()


def test_an_action_due_today_is_fine(personas, scene):
    action = meetings.create_action(
        personas.chair,
        scene.item,
        description="Vandaag nog.",
        owner_organisation=personas.school_org,
        due_date=timezone.localdate(),
    )
    assert not action.is_overdue_on(timezone.localdate())
    assert action.is_overdue_on(timezone.localdate() + datetime.timedelta(days=1))


@pytest.mark.parametrize("reason", ["x" * 2_001, "a\x07b"])
def test_bad_reasons_are_refused(personas, scene, reason):
    from samenspel.testing.factories_cases import category

    assert "reason" in field_errors(
        lambda: meetings.share_for_item(personas.chair, scene.item, personas.youth_work_org, category("online"), reason)
    )
    assert "reason" in field_errors(
        lambda: meetings.change_meeting_status(personas.chair, scene.meeting, "cancelled", reason=reason)
    )


@pytest.mark.parametrize("value", ["1", None, 1.5, True, object()])
def test_wrong_types_for_objects_are_refused(personas, scene, value):
    from samenspel.testing.factories_cases import category

    assert "organisation" in field_errors(
        lambda: meetings.share_for_item(personas.chair, scene.item, value, category("online"), "Reden.")
    )
    assert "organisation" in field_errors(lambda: meetings.invite(personas.chair, scene.meeting, value))


@pytest.mark.parametrize("value", ["1", None, [1, 2], "'; DROP TABLE x; --"])
def test_reorder_refuses_anything_but_the_items(personas, scene, value):
    assert "order" in field_errors(lambda: meetings.reorder_agenda(personas.chair, scene.meeting, [value]))
