"""The privacy officer's audit log page: scope, refusal, filters, bad input, paging and the
one entry every page view writes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.audit import context
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record
from samenspel.testing.factories import RoleAssignmentFactory, TOTPDeviceFactory, UserFactory

URL = "/auditlog/"
NOT_READERS = (
    "coordinator",
    "police_officer",
    "teacher",
    "youth_worker",
    "chair",
    "mayors_office",
    "app_manager",
    "analyst",
    "outsider",
)


@pytest.fixture(autouse=True)
def _fresh_action_cache():
    cache.clear()
    yield
    cache.clear()


def web_entry(actor, action="case.view", **fields):
    """An entry as a web request by `actor` would write it."""
    with context.use(context.AuditContext(channel="web")):
        return record(action, actor=actor, **fields)


def rows(response) -> list[dict]:
    return response.context["page"].rows


def test_url_name():
    assert reverse("audit:log") == URL


def test_privacy_officer_sees_entries_of_their_scope_only(personas, client_for):
    mine = web_entry(personas.teacher, object_type="case", object_id="11", subject_id="501")
    regional = web_entry(personas.police_officer, object_type="case", object_id="12")
    other_region = web_entry(personas.outsider, object_type="case", object_id="13", subject_id="777")

    response = client_for(personas.privacy_officer).get(URL)

    assert response.status_code == 200
    shown = {row["id"] for row in rows(response)}
    assert {mine.id, regional.id} <= shown
    assert other_region.id not in shown
    content = response.content.decode()
    assert personas.teacher.email in content
    assert personas.outsider.email not in content
    assert personas.outsider_org.name not in content  # not even as a filter option
    row = next(r for r in rows(response) if r["id"] == mine.id)
    assert row["organisation"] == personas.school_org.name
    assert row["role"] == "Ketenpartner"
    assert row["object"] == "case 11"
    assert row["subject"] == "501"


def test_municipal_officer_does_not_see_entries_without_organisation(personas, client_for):
    with context.as_command("load_demo"):
        command_entry = record("organisation.create", object_type="organisation", object_id="1")
    response = client_for(personas.privacy_officer).get(URL)
    assert command_entry.id not in {row["id"] for row in rows(response)}


def test_regional_officer_also_sees_commands(personas, client_for):
    officer = UserFactory(organisation=personas.municipality_org)
    RoleAssignmentFactory(user=officer, role=Role.PRIVACY_OFFICER, municipality=None, region=personas.region)
    TOTPDeviceFactory(user=officer)
    with context.as_command("load_demo"):
        command_entry = record("organisation.create", object_type="organisation", object_id="1")
    other_region = web_entry(personas.outsider)
    response = client_for(officer).get(URL)
    shown = {row["id"] for row in rows(response)}
    assert command_entry.id in shown
    assert other_region.id not in shown


@pytest.mark.parametrize("persona", NOT_READERS)
def test_others_are_refused_and_the_refusal_is_logged(personas, client_for, persona):
    user = getattr(personas, persona)
    web_entry(personas.teacher, subject_id="501")

    response = client_for(user).get(URL)

    assert response.status_code == 403
    assert "501" not in response.content.decode()
    denial = AuditEntry.objects.order_by("-id").first()
    assert (denial.action, denial.result, denial.actor_id) == ("audit_log.view", "denied", user.pk)
    assert denial.object_type == "audit_log"
    assert denial.channel == "web"


def test_anonymous_visitor_is_sent_to_login(client, personas):
    web_entry(personas.teacher)
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_post_is_not_allowed(personas, client_for):
    response = client_for(personas.privacy_officer).post(URL)
    assert response.status_code == 405


def test_each_page_view_writes_exactly_one_entry(personas, client_for):
    web_entry(personas.teacher)
    client = client_for(personas.privacy_officer)
    before = AuditEntry.objects.count()

    response = client.get(URL, {"subject": "501"})

    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == "audit_log.view"
    assert entry.object_type == "audit_log"
    assert entry.result == "allowed"
    assert entry.actor_id == personas.privacy_officer.pk
    assert entry.actor_role == Role.PRIVACY_OFFICER
    assert entry.actor_organisation_id == personas.municipality_org.pk
    assert entry.subject_id == "501"  # looking up a subject's log is a look at that subject
    assert entry.channel == "web"
    assert entry.request_id == response["X-Request-ID"]


def test_a_page_with_bad_filters_still_writes_one_entry(personas, client_for):
    client = client_for(personas.privacy_officer)
    before = AuditEntry.objects.count()
    client.get(URL, {"from": "banana"})
    assert AuditEntry.objects.count() == before + 1


# Filters -----------------------------------------------------------------------------------


@pytest.fixture
def mixed(personas):
    return {
        "teacher_view": web_entry(personas.teacher, "case.view", object_type="case", object_id="1", subject_id="501"),
        "teacher_denied": web_entry(
            personas.teacher, "case.view", object_type="case", subject_id="502", result="denied"
        ),
        "police_update": web_entry(personas.police_officer, "case.update", object_type="case", subject_id="501"),
        "coordinator_view": web_entry(personas.coordinator, "signal.view", object_type="signal", subject_id="503"),
    }


def shown_ids(response, mixed) -> set[str]:
    ids = {row["id"] for row in rows(response)}
    return {name for name, entry in mixed.items() if entry.id in ids}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda p: {"user": p.teacher.pk}, {"teacher_view", "teacher_denied"}),
        (lambda p: {"organisation": p.police_org.pk}, {"police_update"}),
        (lambda p: {"subject": "501"}, {"teacher_view", "police_update"}),
        (lambda p: {"action": "case.update"}, {"police_update"}),
        (lambda p: {"result": "denied"}, {"teacher_denied"}),
        (lambda p: {"user": p.teacher.pk, "result": "allowed"}, {"teacher_view"}),
        (lambda p: {"subject": "999"}, set()),
    ],
    ids=["user", "organisation", "subject", "action", "result", "user+result", "no-match"],
)
def test_filters(personas, client_for, mixed, params, expected):
    response = client_for(personas.privacy_officer).get(URL, params(personas))
    assert response.status_code == 200
    assert shown_ids(response, mixed) == expected


def test_period_is_read_in_dutch_time(personas, client_for):
    # 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
    with time_machine.travel(datetime(2025, 3, 1, 23, 30, tzinfo=UTC), tick=False):
        late = web_entry(personas.teacher)
    with time_machine.travel(datetime(2025, 3, 1, 12, 0, tzinfo=UTC), tick=False):
        midday = web_entry(personas.teacher)
    with time_machine.travel(datetime(2025, 3, 5, 12, 0, tzinfo=UTC), tick=False):
        later = web_entry(personas.teacher)
    client = client_for(personas.privacy_officer)

    def ids(**params):
        return {row["id"] for row in rows(client.get(URL, params))} & {late.id, midday.id, later.id}

    assert ids(**{"from": "2025-03-02"}) == {late.id, later.id}
    assert ids(to="2025-03-01") == {midday.id}
    assert ids(**{"from": "2025-03-01", "to": "2025-03-02"}) == {late.id, midday.id}
    assert ids(**{"from": "2025-03-03", "to": "2025-03-05"}) == {later.id}


def test_time_is_shown_in_dutch_time(personas, client_for):
    with time_machine.travel(datetime(2025, 7, 1, 10, 0, 5, tzinfo=UTC), tick=False):
        web_entry(personas.teacher)
    response = client_for(personas.privacy_officer).get(URL, {"user": personas.teacher.pk})
    content = response.content.decode()
    assert "2025-07-01 12:00:05" in content  # CEST, UTC+2
    assert 'datetime="2025-07-01T10:00:05+00:00"' in content


def test_filter_choices_are_limited_to_the_scope(personas, client_for):
    web_entry(personas.teacher, "case.view")
    form = client_for(personas.privacy_officer).get(URL).context["form"]
    organisations = {value for value, _label in form.fields["organisation"].choices if value}
    users = {value for value, _label in form.fields["user"].choices if value}
    assert personas.school_org.pk in organisations
    assert personas.police_org.pk in organisations
    assert personas.outsider_org.pk not in organisations
    assert personas.teacher.pk in users
    assert personas.outsider.pk not in users
    assert "case.view" in {value for value, _label in form.fields["action"].choices}


def test_a_new_action_is_accepted_although_the_action_list_was_cached(personas, client_for):
    client = client_for(personas.privacy_officer)
    client.get(URL)  # fills the cache
    entry = web_entry(personas.teacher, "meeting.view")
    response = client.get(URL, {"action": "meeting.view"})
    assert response.status_code == 200
    assert [row["id"] for row in rows(response)] == [entry.id]


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "banana"}, "date_from", "Vul een geldige datum in"),
        ({"to": "2025-02-30"}, "date_to", "Vul een geldige datum in"),
        ({"from": "0001-01-01"}, "date_from", "Kies een datum tussen"),
        ({"to": "9999-12-31"}, "date_to", "Kies een datum tussen"),
        ({"from": "2025-03-02", "to": "2025-03-01"}, "date_to", "De einddatum ligt vóór de begindatum"),
        ({"user": "99999999999999999999"}, "user", "Kies een waarde uit de lijst"),
        ({"user": "-1"}, "user", "Kies een waarde uit de lijst"),
        ({"organisation": "abc"}, "organisation", "Kies een waarde uit de lijst"),
        ({"action": "no.such.action"}, "action", "Kies een waarde uit de lijst"),
        ({"result": "maybe"}, "result", "Kies een waarde uit de lijst"),
        ({"subject": "<script>alert(1)</script>"}, "subject", "Vul het nummer van de betrokkene in"),
        ({"subject": "1" * 65}, "subject", "hoogstens 64 tekens"),
        ({"before": "abc"}, "before", "Ongeldige paginapositie"),
        ({"before": "99999999999999999999"}, "before", "Ongeldige paginapositie"),
        ({"after": "0"}, "after", "Ongeldige paginapositie"),
    ],
)
def test_bad_values_answer_in_dutch_next_to_the_field(personas, client_for, params, field, message):
    response = client_for(personas.privacy_officer).get(URL, params)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert message in response.content.decode()
    assert response.context["page"] is None  # no unfiltered rows behind a filter that failed


def test_user_and_organisation_outside_the_scope_are_refused_as_choices(personas, client_for):
    web_entry(personas.outsider)
    client = client_for(personas.privacy_officer)
    for params in ({"user": personas.outsider.pk}, {"organisation": personas.outsider_org.pk}):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert personas.outsider.email not in response.content.decode()


def test_error_is_rendered_next_to_its_field(personas, client_for):
    content = client_for(personas.privacy_officer).get(URL, {"from": "banana"}).content.decode()
    error_at = content.index('id="id_from_error"')
    assert content.index('for="id_from"') < error_at < content.index('name="from"')
    assert "utrecht-form-field-error-message" in content


# Paging ------------------------------------------------------------------------------------


def test_keyset_paging_walks_older_and_newer_without_counting(personas, client_for):
    made = [web_entry(personas.teacher, "case.view", object_id=str(n)).id for n in range(120)]
    client = client_for(personas.privacy_officer)
    params = {"user": personas.teacher.pk}

    with CaptureQueriesContext(connection) as queries:
        first = client.get(URL, params)
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    first_ids = [row["id"] for row in rows(first)]
    assert first_ids == sorted(made, reverse=True)[:50]
    assert first.context["newer_url"] is None

    second = client.get(first.context["older_url"])
    second_ids = [row["id"] for row in rows(second)]
    assert second_ids == sorted(made, reverse=True)[50:100]

    third = client.get(second.context["older_url"])
    assert [row["id"] for row in rows(third)] == sorted(made, reverse=True)[100:]
    assert third.context["older_url"] is None

    back = client.get(third.context["newer_url"])
    assert [row["id"] for row in rows(back)] == second_ids
    assert [row["id"] for row in rows(client.get(back.context["newer_url"]))] == first_ids


def test_paging_links_keep_the_filter_and_carry_only_ids_and_dates(personas, client_for):
    for n in range(60):
        web_entry(personas.teacher, "case.view", object_id=str(n), subject_id="501")
    response = client_for(personas.privacy_officer).get(
        URL, {"user": personas.teacher.pk, "subject": "501", "from": "2000-01-01", "action": "case.view"}
    )
    for url in (response.context["older_url"], response.context["export_url"]):
        query = dict(parse_qsl(urlsplit(url).query))
        assert query["user"] == str(personas.teacher.pk)
        assert query["subject"] == "501"
        assert query["from"] == "2000-01-01"
        assert personas.teacher.email not in url
        assert personas.teacher.full_name not in url
    assert set(dict(parse_qsl(urlsplit(response.context["older_url"]).query))) == {
        "user",
        "subject",
        "from",
        "action",
        "before",
    }


def test_a_cursor_past_the_end_shows_an_empty_page_with_a_way_back(personas, client_for):
    entry = web_entry(personas.teacher)
    response = client_for(personas.privacy_officer).get(URL, {"before": entry.id, "user": personas.teacher.pk})
    assert response.status_code == 200
    assert rows(response) == []
    assert "Geen logregels" in response.content.decode()
    assert response.context["newer_url"] is not None


def test_page_is_accessible_markup(personas, client_for):
    web_entry(personas.teacher)
    content = client_for(personas.privacy_officer).get(URL).content.decode()
    assert "<caption" in content
    assert '<th scope="col"' in content
    assert 'class="utrecht-table' in content
    assert 'method="get"' in content
    assert "style=" not in content
    assert not re.search(r"<script(?![^>]*\bsrc=)", content)  # no inline script
