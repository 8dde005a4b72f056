"""/api/v1/signals/{id}/attachments/ (upload) and /api/v1/attachments/ (metadata, download):
the same rules as the web interface, one audit entry per read, nothing half-saved."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samenspel.audit.models import AuditEntry, Result
from samenspel.cases.tests.api_support import api, assert_problem, entries_of
from samenspel.intake.models import Attachment
from samenspel.intake.tests.test_attachments import JPEG, PDF, PNG, docx
from samenspel.testing.factories_cases import SignalFactory

pytestmark = pytest.mark.django_db
ATTACHMENTS = "/api/v1/attachments/"


def upload_url(signal) -> str:
    return f"/api/v1/signals/{signal.pk}/attachments/"


def a_file(content: bytes = PDF, name: str = "verslag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_files(settings) -> list[Path]:
    root = Path(settings.SAMENSPEL_ATTACHMENTS_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def signal(personas):
    return SignalFactory(reporter=personas.teacher, municipality=personas.municipality)


def post(user, signal, **data):
    return api(user).post(upload_url(signal), data, format="multipart")


# Upload ------------------------------------------------------------------------------------


@pytest.mark.parametrize("uploader", ["teacher", "coordinator"])
def test_reporter_and_coordinator_add_a_file_with_one_audit_entry(personas, signal, settings, uploader):
    response = post(getattr(personas, uploader), signal, file=a_file(PNG, "foto.png"))
    assert response.status_code == 201, response.content
    body = response.json()
    attachment = Attachment.objects.get(pk=body["id"])
    assert body == {
        "id": attachment.pk,
        "signal": signal.pk,
        "name": "foto.png",
        "content_type": "image/png",
        "size": len(PNG),
        "uploaded_by": getattr(personas, uploader).pk,
        "uploaded_at": body["uploaded_at"],
    }
    assert [path.read_bytes() for path in stored_files(settings)] == [PNG]
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.result) == ("signal.attachment_add", str(signal.pk), Result.ALLOWED)


@pytest.mark.parametrize(
    "name", ["Ĳsbrand van 't Hoff.pdf", "محمد.pdf", "'; DROP TABLE intake_attachment; --.pdf"], ids=str
)
def test_file_names_are_kept_as_typed(personas, signal, name):
    response = post(personas.teacher, signal, file=a_file(name=name))
    assert response.status_code == 201, response.content
    assert response.json()["name"] == name
    assert Attachment.objects.get().original_name == name


def test_markup_in_a_file_name_is_neutralised(personas, signal):
    response = post(personas.teacher, signal, file=a_file(name="<script>alert(1)</script>.pdf"))
    assert response.status_code == 201, response.content
    assert "<" not in response.json()["name"] and ">" not in response.json()["name"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({}, "Kies een bestand."),
        ({"file": "geen bestand"}, "Stuur een bestand mee in het veld file (multipart/form-data)."),
        ({"file": a_file(b"")}, "Het bestand is leeg."),
        ({"file": a_file(b"MZ\x90\x00 windows executable", "rapport.pdf")}, "Alleen PDF"),
        ({"file": a_file(b"<html><script>alert(1)</script></html>", "foto.png")}, "Alleen PDF"),
        ({"file": a_file(b"' OR 1=1; --", "query.sql")}, "Alleen PDF"),
    ],
)
def test_refused_files_answer_400_with_a_field_error_and_leave_nothing(personas, signal, settings, data, reason):
    response = post(personas.teacher, signal, **data)
    body = assert_problem(response, 400)
    [param] = body["invalid_params"]
    assert param["name"] == "file" and param["reason"].startswith(reason), body
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []
    assert not AuditEntry.objects.filter(action="signal.attachment_add").exists()


def test_too_large_files_are_refused(personas, signal, settings):
    settings.SAMENSPEL_ATTACHMENT_MAX_MB = 1
    response = post(personas.teacher, signal, file=a_file(PDF + b"0" * (1024 * 1024)))
    body = assert_problem(response, 400)
    assert body["invalid_params"] == [
        {"name": "file", "reason": "Een bijlage mag hoogstens 1 MB zijn.", "code": "invalid"}
    ]
    # A body announcing far more than the limit is refused before it is read.
    response = post(personas.teacher, signal, file=a_file(PDF + b"0" * (3 * 1024 * 1024)))
    assert assert_problem(response, 400)["invalid_params"][0]["name"] == "file"
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_one_file_per_request(personas, signal, settings):
    response = api(personas.teacher).post(
        upload_url(signal), {"file": [a_file(), a_file(PNG, "b.png")]}, format="multipart"
    )
    assert assert_problem(response, 400)["invalid_params"][0]["name"] == "file"
    assert stored_files(settings) == []


def test_json_and_broken_multipart_are_refused(personas, signal):
    body = assert_problem(api(personas.teacher).post(upload_url(signal), {"file": "x"}, format="json"), 415)
    assert body["detail"] == "Stuur de inhoud als multipart/form-data."
    broken = api(personas.teacher).generic(
        "POST", upload_url(signal), b"--x\r\ngarbage", content_type="multipart/form-data; boundary=x"
    )
    assert_problem(broken, 400)


def test_a_failure_after_the_file_was_written_leaves_nothing(personas, signal, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("samenspel.intake.services.reporting.record", broken)
    response = post(personas.teacher, signal, file=a_file())
    assert_problem(response, 500)
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_a_failed_commit_removes_the_file(personas, signal, settings, monkeypatch):
    """The service removes its file when it fails; the API removes it too when the
    transaction fails after the service returned (simulated: the block raises on leaving)."""
    from django.db import DatabaseError

    from samenspel.intake.api import attachments as module

    real_atomic = module.transaction.atomic

    @contextlib.contextmanager
    def failing(*args, **kwargs):
        with real_atomic(*args, **kwargs):
            yield
        raise DatabaseError("commit failed")

    def failing_commit(*args, **kwargs):
        # Only the API's own block (atomic() without arguments) fails.
        return failing() if not args and not kwargs else real_atomic(*args, **kwargs)

    monkeypatch.setattr(module.transaction, "atomic", failing_commit)
    assert_problem(post(personas.teacher, signal, file=a_file()), 500)
    assert stored_files(settings) == []


def test_refusals(personas, signal, settings):
    closed = SignalFactory(reporter=personas.teacher, municipality=personas.municipality, closed=True)
    body = assert_problem(post(personas.teacher, closed, file=a_file()), 400)
    assert body["invalid_params"][0]["name"] == "non_field_errors"
    for user in (personas.youth_worker, personas.police_officer, personas.outsider):
        assert_problem(post(user, signal, file=a_file()), 404)
    for user in (personas.chair, personas.app_manager):
        assert_problem(post(user, signal, file=a_file()), 403)
    other = SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour)
    assert_problem(post(personas.coordinator, other, file=a_file()), 404)
    assert_problem(api(personas.teacher).post("/api/v1/signals/99999999/attachments/", {}, format="multipart"), 404)
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


# Metadata and download ---------------------------------------------------------------------


@pytest.fixture
def files_on_signal(personas, signal):
    mine = post(personas.teacher, signal, file=a_file(name="Ĳsbrand van 't Hoff.pdf")).json()
    theirs = post(personas.coordinator, signal, file=a_file(docx(), "gespreksverslag familie.docx")).json()
    return mine, theirs


def test_the_coordinator_lists_the_files_of_a_signal_with_one_audit_entry(personas, signal, files_on_signal):
    SignalFactory(reporter=personas.youth_worker, municipality=personas.neighbour)
    response = api(personas.coordinator).get(ATTACHMENTS, {"signal": signal.pk})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["name"] for r in results] == ["Ĳsbrand van 't Hoff.pdf", "gespreksverslag familie.docx"]
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose) == ("attachment.list", "triage")


def test_a_reporter_sees_only_the_files_they_sent(personas, signal, files_on_signal):
    """The coordinator's file on the teacher's signal is triage material: not for the teacher."""
    _mine, coordinators = files_on_signal
    response = api(personas.teacher).get(ATTACHMENTS)
    results = response.json()["results"]
    assert [(r["name"], r["uploaded_by"]) for r in results] == [("Ĳsbrand van 't Hoff.pdf", personas.teacher.pk)]
    assert_problem(api(personas.teacher).get(f"{ATTACHMENTS}{coordinators['id']}/content/"), 404)
    [entry] = entries_of(response)
    assert (entry.action, entry.purpose) == ("attachment.list", "intake")
    for user in (personas.youth_worker, personas.police_officer, personas.chair):
        assert api(user).get(ATTACHMENTS).json()["results"] == []


def test_one_attachment_is_read_with_one_audit_entry(personas, signal, files_on_signal):
    mine, _ = files_on_signal
    response = api(personas.coordinator).get(f"{ATTACHMENTS}{mine['id']}/")
    assert response.json()["name"] == "Ĳsbrand van 't Hoff.pdf"
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id) == ("attachment.view", str(mine["id"]))
    assert_problem(api(personas.youth_worker).get(f"{ATTACHMENTS}{mine['id']}/"), 404)
    assert_problem(api(personas.app_manager).get(f"{ATTACHMENTS}{mine['id']}/"), 403)


@pytest.mark.parametrize("reader", ["teacher", "coordinator"])
def test_download_is_streamed_as_an_attachment_and_audited_once(personas, signal, files_on_signal, reader):
    mine, _ = files_on_signal
    response = api(getattr(personas, reader)).get(f"{ATTACHMENTS}{mine['id']}/content/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    [entry] = entries_of(response)
    assert (entry.action, entry.object_id, entry.subject_id) == ("attachment.download", str(mine["id"]), "")


def test_download_refusals_are_problems_and_audited(personas, signal, files_on_signal):
    mine, _ = files_on_signal
    url = f"{ATTACHMENTS}{mine['id']}/content/"
    for user in (personas.youth_worker, personas.police_officer, personas.outsider, personas.chair):
        response = api(user).get(url)
        assert_problem(response, 404)
        [entry] = entries_of(response)
        assert (entry.action, entry.result) == ("attachment.download", Result.DENIED)
    assert_problem(api(personas.analyst).get(url), 403)
    assert_problem(api(personas.coordinator).get(f"{ATTACHMENTS}99999999/content/"), 404)
    assert_problem(api(personas.coordinator).get(f"{ATTACHMENTS}abc/content/"), 404)


@pytest.mark.parametrize("value", ["abc", "1 OR 1=1", "-1", "9" * 30, "<script>"])
def test_bad_filters_are_problems(personas, value):
    assert_problem(api(personas.coordinator).get(ATTACHMENTS, {"signal": value}), 400)


def test_nothing_but_metadata_is_listed(personas, signal, files_on_signal):
    [first, _] = api(personas.coordinator).get(ATTACHMENTS).json()["results"]
    assert set(first) == {"id", "signal", "name", "content_type", "size", "uploaded_by", "uploaded_at"}


def test_jpeg_is_recognised(personas, signal):
    response = post(personas.teacher, signal, file=a_file(JPEG, "foto"))
    assert response.json()["content_type"] == "image/jpeg"
