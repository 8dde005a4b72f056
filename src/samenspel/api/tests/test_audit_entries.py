"""/api/v1/audit-entries/: read-only, for privacy officers, within their scope, and itself
audited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from samenspel.api.tests.conftest import assert_problem, entries_of
from samenspel.audit.models import AuditEntry, Result
from samenspel.audit.services import record, record_denied

URL = "/api/v1/audit-entries/"


@pytest.fixture
def log(personas):
    """A few entries by people inside and outside Voorbeeldstad."""
    return {
        "teacher": record("case.view", object_type="case", object_id=7, subject_id=42, actor=personas.teacher),
        "police": record("case.view", object_type="case", object_id=8, subject_id=43, actor=personas.police_officer),
        "denied": record_denied("case.view", object_type="case", object_id=9, actor=personas.youth_worker),
        "outsider": record("case.view", object_type="case", object_id=10, subject_id=42, actor=personas.outsider),
    }


@pytest.fixture
def officer(personas, token_client):
    return token_client(personas.privacy_officer)


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_list_is_scoped_to_the_officers_municipality(log, officer):
    seen = ids(officer.get(URL))
    assert {log["teacher"].pk, log["police"].pk, log["denied"].pk} <= seen
    assert log["outsider"].pk not in seen


def test_list_and_retrieve_are_audited_once(personas, log, officer):
    response = officer.get(URL)
    [entry] = entries_of(response)
    assert (entry.action, entry.object_type, entry.object_id, entry.actor_id) == (
        "audit_log.view",
        "audit_entry",
        "",
        personas.privacy_officer.pk,
    )
    response = officer.get(f"{URL}{log['teacher'].pk}/")
    assert response.json()["action"] == "case.view"
    assert response.json()["subject"] == "42"
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id) == ("audit_log.view", str(log["teacher"].pk))


def test_the_page_sent_does_not_contain_its_own_entry(log, officer):
    response = officer.get(URL)
    [own] = entries_of(response)
    assert own.pk not in ids(response)


def test_filtering_on_a_subject_names_the_subject_in_the_entry(log, officer):
    response = officer.get(URL, {"subject": "42"})
    assert ids(response) == {log["teacher"].pk}
    assert entries_of(response)[0].subject_id == "42"


def test_entries_outside_scope_answer_404(log, officer):
    response = officer.get(f"{URL}{log['outsider'].pk}/")
    assert_problem(response, 404)
    assert [(e.action, e.result) for e in entries_of(response)] == [("audit_log.view", Result.DENIED)]


def test_filters(personas, log, officer):
    assert ids(officer.get(URL, {"actor": personas.police_officer.pk})) == {log["police"].pk}
    assert ids(officer.get(URL, {"organisation": personas.school_org.pk})) == {log["teacher"].pk}
    assert ids(officer.get(URL, {"result": "denied", "action": "case.view"})) == {log["denied"].pk}
    today = timezone.localdate().isoformat()  # the filter takes dates in Dutch time, like the UI
    assert {log["teacher"].pk, log["police"].pk} <= ids(officer.get(URL, {"from": today, "to": today}))
    assert ids(officer.get(URL, {"to": "2001-01-01"})) == set()
    assert ids(officer.get(URL, {"from": "9999-12-31"})) == set()
    assert log["teacher"].pk in ids(officer.get(URL, {"from": "0001-01-01", "to": "9999-12-31"}))


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"actor": "abc"}, "actor"),
        ({"actor": "-1"}, "actor"),
        ({"actor": "99999999999999999999999"}, "actor"),
        ({"organisation": "1.5"}, "organisation"),
        ({"subject": "Jan Jansen"}, "subject"),
        ({"subject": "x" * 65}, "subject"),
        ({"subject": "1' OR '1'='1"}, "subject"),
        ({"action": "<script>"}, "action"),
        ({"result": "maybe"}, "result"),
        ({"from": "gisteren"}, "from"),
        ({"to": "2024-02-30"}, "to"),
    ],
)
def test_bad_filters_answer_400(log, officer, params, name):
    response = officer.get(URL, params)
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalid_params"]] == [name]
    assert entries_of(response) == []  # nothing was read, so no read is logged


@pytest.mark.parametrize(
    "persona", ["coordinator", "police_officer", "teacher", "chair", "mayors_office", "app_manager", "analyst"]
)
def test_other_roles_get_403(personas, log, token_client, persona):
    client = token_client(getattr(personas, persona))
    for response in (client.get(URL), client.get(f"{URL}{log['teacher'].pk}/")):
        assert_problem(response, 403)
        assert [(e.action, e.result) for e in entries_of(response)] == [("audit_log.view", Result.DENIED)]


def test_the_log_is_read_only(log, officer):
    before = AuditEntry.objects.count()
    assert_problem(officer.post(URL, {"action": "x"}, format="json"), 405)
    assert_problem(officer.patch(f"{URL}{log['teacher'].pk}/", {"action": "x"}, format="json"), 405)
    assert_problem(officer.delete(f"{URL}{log['teacher'].pk}/"), 405)
    assert AuditEntry.objects.filter(action="x").count() == 0
    assert AuditEntry.objects.get(pk=log["teacher"].pk).action == "case.view"
    assert AuditEntry.objects.count() == before
