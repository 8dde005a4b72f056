"""CSV export of the audit log: step-up, the filtered rows only, audited before the first
byte, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from samenspel.audit import context, views
from samenspel.audit.models import AuditEntry
from samenspel.audit.services import record

URL = "/auditlog/export/"


@pytest.fixture(autouse=True)
def _fresh_action_cache():
    cache.clear()
    yield
    cache.clear()


def web_entry(actor, action="case.view", **fields):
    with context.use(context.AuditContext(channel="web")):
        return record(action, actor=actor, **fields)


def read_csv(response) -> list[dict[str, str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_url_name():
    assert reverse("audit:export") == URL


def test_export_contains_the_filtered_rows_of_the_scope(personas, client_for):
    wanted = web_entry(personas.teacher, "case.view", object_type="case", object_id="1", subject_id="501")
    other_action = web_entry(personas.teacher, "case.update", object_type="case", subject_id="501")
    other_subject = web_entry(personas.teacher, "case.view", object_type="case", subject_id="502")
    other_region = web_entry(personas.outsider, "case.view", object_type="case", subject_id="501")

    response = client_for(personas.privacy_officer).get(URL, {"action": "case.view", "subject": "501"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = read_csv(response)
    ids = {int(line["Nummer"]) for line in lines}
    assert wanted.id in ids
    assert not {other_action.id, other_subject.id, other_region.id} & ids
    line = next(line for line in lines if int(line["Nummer"]) == wanted.id)
    assert line["Gebruiker"] == personas.teacher.email
    assert line["Organisatie"] == personas.school_org.name
    assert line["Rol"] == "Ketenpartner"
    assert line["Handeling"] == "case.view"
    assert line["Betrokkene"] == "501"
    assert line["Resultaat"] == "Toegestaan"
    assert line["Kanaal"] == "Webinterface"


def test_export_without_filter_contains_everything_in_scope(personas, client_for):
    made = {web_entry(personas.teacher, object_id=str(n)).id for n in range(5)}
    outsider = web_entry(personas.outsider)
    ids = {int(line["Nummer"]) for line in read_csv(client_for(personas.privacy_officer).get(URL))}
    assert made <= ids
    assert outsider.id not in ids


def test_export_reads_in_chunks_and_keeps_every_row_once(personas, client_for, monkeypatch):
    monkeypatch.setattr(views, "EXPORT_CHUNK_SIZE", 3)
    made = [web_entry(personas.teacher, object_id=str(n)).id for n in range(10)]
    lines = read_csv(client_for(personas.privacy_officer).get(URL, {"user": personas.teacher.pk}))
    assert [int(line["Nummer"]) for line in lines] == sorted(made, reverse=True)


def test_export_is_audited_before_streaming_starts(personas, client_for):
    web_entry(personas.teacher, subject_id="501")
    client = client_for(personas.privacy_officer)
    before = AuditEntry.objects.count()

    response = client.get(URL, {"subject": "501"})

    # Nothing of the body has been read yet, and the entry is already there.
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.result, entry.object_type) == ("audit_log.export", "allowed", "audit_log")
    assert entry.actor_id == personas.privacy_officer.pk
    assert entry.subject_id == "501"
    assert entry.request_id == response["X-Request-ID"]
    read_csv(response)
    assert AuditEntry.objects.count() == before + 1  # reading the body writes nothing more


def test_filename_holds_no_personal_data(personas, client_for):
    response = client_for(personas.privacy_officer).get(URL, {"user": personas.teacher.pk, "subject": "501"})
    disposition = response["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="auditlog-\d{8}-\d{6}\.csv"', disposition)
    assert "no-store" in response["Cache-Control"]


def test_export_asks_for_the_second_factor_again_when_it_is_old(personas, client_for):
    client = client_for(personas.privacy_officer)
    before = AuditEntry.objects.filter(action="audit_log.export").count()
    with time_machine.travel(timedelta(minutes=16)):
        response = client.get(URL, {"action": "case.view"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:step_up"))
    assert AuditEntry.objects.filter(action="audit_log.export").count() == before


def test_export_within_the_step_up_window_needs_no_second_factor(personas, client_for):
    client = client_for(personas.privacy_officer)
    with time_machine.travel(timedelta(minutes=14)):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.streaming


@pytest.mark.parametrize("persona", ["coordinator", "teacher", "app_manager", "analyst", "outsider"])
def test_others_are_refused_and_the_refusal_is_logged(personas, client_for, persona):
    user = getattr(personas, persona)
    response = client_for(user).get(URL)
    assert response.status_code == 403
    denial = AuditEntry.objects.order_by("-id").first()
    assert (denial.action, denial.result, denial.actor_id) == ("audit_log.export", "denied", user.pk)


@pytest.mark.parametrize("method", ["head", "post"])
def test_only_get_exports(personas, client_for, method):
    response = getattr(client_for(personas.privacy_officer), method)(URL)
    assert response.status_code == 405
    assert not AuditEntry.objects.filter(action="audit_log.export").exists()


def test_refusal_comes_before_step_up(personas, client_for):
    """A user without the capability is refused, not asked for a second factor first."""
    client = client_for(personas.app_manager)
    with time_machine.travel(timedelta(minutes=20)):
        response = client.get(URL)
    assert response.status_code == 403


def test_bad_filter_gives_field_errors_and_exports_nothing(personas, client_for):
    client = client_for(personas.privacy_officer)
    response = client.get(URL, {"from": "banana", "organisation": "abc"})
    assert response.status_code == 400
    assert not response.streaming
    content = response.content.decode()
    assert "Vul een geldige datum in" in content
    assert "Kies een waarde uit de lijst" in content
    assert not AuditEntry.objects.filter(action="audit_log.export").exists()


def test_formula_injection_is_neutralised(personas, client_for):
    with context.use(context.AuditContext(channel="web", request_id="=HYPERLINK(1)")):
        entry = record(
            "case.view",
            actor=personas.teacher,
            object_type="+case",
            object_id="-2+3",
            subject_id="@SUM(A1)",
            purpose="=cmd|' /C calc'!A0",
        )
    lines = read_csv(client_for(personas.privacy_officer).get(URL, {"user": personas.teacher.pk}))
    line = next(line for line in lines if int(line["Nummer"]) == entry.id)
    assert line["Soort gegeven"] == "'+case"
    assert line["Gegeven"] == "'-2+3"
    assert line["Betrokkene"] == "'@SUM(A1)"
    assert line["Doel"] == "'=cmd|' /C calc'!A0"
    assert line["Verzoek-id"] == "'=HYPERLINK(1)"
    for line in lines:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in line.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31", "'+31"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("case", "case"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_neutralise(value, expected):
    assert views.neutralise(value) == expected
