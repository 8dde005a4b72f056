"""Attachments: checked by content and size, stored outside any served directory under a
random name, read only through the access-checked, audited selector."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samenspel.audit.models import AuditEntry
from samenspel.core.exceptions import NotVisible
from samenspel.intake import attachments as files
from samenspel.intake import selectors, services
from samenspel.intake.models import Attachment, Signal
from samenspel.sharing.models import ConcernCategory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", files.ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(content: bytes, name: str = "verslag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def report(user, uploads):
    return services.report_signal(
        user,
        observation="Zie bijlage.",
        concern_categories=[ConcernCategory.objects.get(code="other")],
        attachments=uploads,
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.SAMENSPEL_ATTACHMENTS_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF, files.PDF), (PNG, files.PNG), (JPEG, files.JPEG), (docx(), files.DOCX), (odt(), files.ODT)],
)
def test_allowed_types_are_recognised_by_their_content(personas, settings, content, content_type):
    signal = report(personas.teacher, [upload(content, name="bestand.bin")])
    attachment = signal.attachments.get()
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    [path] = stored_files(settings)
    assert path.read_bytes() == content
    assert path.name == attachment.stored_name.split("/")[-1]
    assert "bestand" not in attachment.stored_name
    assert len(attachment.stored_name) == 35  # "ab/" + 32 random hex digits


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00 windows executable", "rapport.pdf"),
        (b"<html><script>alert(1)</script></html>", "foto.png"),
        (b"PK\x03\x04 not really a zip", "brief.docx"),
        (b"#!/bin/sh\nrm -rf /\n", "notities.txt"),
    ],
)
def test_other_content_is_refused_whatever_its_name(personas, settings, content, name):
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, [upload(content, name=name)])
    assert "attachments" in excinfo.value.message_dict
    assert not Signal.objects.exists()
    assert stored_files(settings) == []


def test_a_zip_that_is_no_document_is_refused(personas):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    with pytest.raises(ValidationError):
        report(personas.teacher, [upload(buffer.getvalue(), "brief.docx")])


def test_size_is_limited_by_the_setting(personas, settings):
    settings.SAMENSPEL_ATTACHMENT_MAX_MB = 1
    too_big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as excinfo:
        report(personas.teacher, [upload(too_big)])
    assert excinfo.value.message_dict == {"attachments": ["Een bijlage mag hoogstens 1 MB zijn."]}
    with pytest.raises(ValidationError):
        report(personas.teacher, [upload(b"")])


def test_a_refused_second_file_leaves_neither_signal_nor_files(personas, settings):
    with pytest.raises(ValidationError):
        report(personas.teacher, [upload(PDF), upload(b"MZ nope", "b.pdf")])
    assert not Signal.objects.exists()
    assert stored_files(settings) == []


def test_a_failure_after_the_file_was_written_removes_the_file(personas, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("samenspel.intake.services.reporting.record", broken)
    with pytest.raises(RuntimeError):
        report(personas.teacher, [upload(PDF)])
    assert not Signal.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_the_users_file_name_is_kept_for_display_only(personas):
    signal = report(personas.teacher, [upload(PDF, name="../../etc/<passwd>\x00.pdf")])
    attachment = signal.attachments.get()
    assert attachment.original_name == "_passwd__.pdf"
    assert ".." not in attachment.stored_name


def test_attachments_have_no_url(settings):
    with pytest.raises(ValueError, match="no URL"):
        files.storage().url("ab/cdef")


def test_the_attachment_directory_may_not_be_served(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.SAMENSPEL_ATTACHMENTS_DIR = tmp_path / "attachments"
    with pytest.raises(ImproperlyConfigured):
        files.storage()


def test_downloads_are_checked_and_audited(personas):
    signal = report(personas.teacher, [upload(PDF)])
    attachment = signal.attachments.get()
    for user in (personas.teacher, personas.coordinator):
        found, handle = selectors.open_attachment(user, attachment.pk)
        with handle:
            assert handle.read() == PDF
        assert found == attachment
    entries = AuditEntry.objects.filter(action="attachment.download").order_by("id")
    assert [(e.actor_id, e.purpose) for e in entries] == [
        (personas.teacher.pk, "intake"),
        (personas.coordinator.pk, "triage"),
    ]
    for user in (personas.youth_worker, personas.police_officer, personas.app_manager, personas.outsider):
        with pytest.raises(NotVisible):
            selectors.open_attachment(user, attachment.pk)
    with pytest.raises(NotVisible):
        selectors.open_attachment(personas.coordinator, "1 OR 1=1")


def test_attachments_can_be_added_later_by_the_reporter_or_coordinator(personas):
    signal = report(personas.teacher, [])
    services.add_attachment(personas.teacher, signal, upload(PNG, "foto.png"))
    services.add_attachment(personas.coordinator, signal, upload(JPEG, "foto.jpg"))
    assert signal.attachments.count() == 2
    assert AuditEntry.objects.filter(action="signal.attachment_add").count() == 2
    with pytest.raises(NotVisible):
        services.add_attachment(personas.youth_worker, signal, upload(PNG))
