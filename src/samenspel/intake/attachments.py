"""Attachment files: type-checked by their content (not their name), size-limited, stored
outside every served directory under a random name, and never given a URL."""

from __future__ import annotations

import hashlib
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", DOCX: ".docx", ODT: ".odt"}
_ZIP_MAGIC = b"PK\x03\x04"
# What core.validators.validate_plain_text refuses in names, replaced for display.
NAME_FORBIDDEN = re.compile(r"[<>\x00-\x1f\x7f-\x9f\u2028\u2029]")


class AttachmentStorage(FileSystemStorage):
    def url(self, name: str | None) -> str:
        raise ValueError("Attachments have no URL; serve them through the access-checked download.")


def storage() -> AttachmentStorage:
    location = Path(settings.SAMENSPEL_ATTACHMENTS_DIR).resolve()
    for served in (settings.STATIC_ROOT, getattr(settings, "MEDIA_ROOT", "")):
        if served and location.is_relative_to(Path(served).resolve()):
            raise ImproperlyConfigured("SAMENSPEL_ATTACHMENTS_DIR must lie outside STATIC_ROOT and MEDIA_ROOT.")
    return AttachmentStorage(location=location, directory_permissions_mode=0o700, file_permissions_mode=0o600)


def max_bytes() -> int:
    return settings.SAMENSPEL_ATTACHMENT_MAX_MB * 1024 * 1024


def sniff(upload) -> str | None:
    """The content type the file's bytes show, or None when it is not an allowed type."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:  # reads the directory only, extracts nothing
                entries = set(archive.namelist())
                mimetype = archive.read("mimetype")[:100] if "mimetype" in entries else b""
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in entries and "[Content_Types].xml" in entries:
            return DOCX
        if mimetype == ODT.encode():
            return ODT
    return None


def display_name(name: str | None) -> str:
    """The user's file name without any path, markup or control characters, for display."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = NAME_FORBIDDEN.sub("_", base).strip() or _("bijlage")
    return cleaned[-255:]


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def check(upload, field: str = "attachments") -> str:
    """The content type of an acceptable upload, or a ValidationError keyed by `field`."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError({field: _("Het bestand is leeg.")})
    if size > max_bytes():
        raise ValidationError(
            {field: _("Een bijlage mag hoogstens %(max)s MB zijn.") % {"max": settings.SAMENSPEL_ATTACHMENT_MAX_MB}}
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            {field: _("Alleen PDF, PNG, JPEG, Word (.docx) en OpenDocument-tekst (.odt) kunnen als bijlage mee.")}
        )
    return content_type


def store(upload, content_type: str) -> StoredFile:
    """Write the checked upload under a new random name and return what was stored."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    token = secrets.token_hex(16)
    wanted = f"{token[:2]}/{token}"
    saved = storage().save(wanted, File(upload))
    if saved != wanted:  # never happens with 128 random bits; refuse rather than guess
        storage().delete(saved)
        raise RuntimeError("Attachment name collision.")
    return StoredFile(
        stored_name=saved,
        original_name=display_name(getattr(upload, "name", "")),
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


def open_stored(stored_name: str) -> File:
    return storage().open(stored_name, "rb")


def delete_stored(stored_name: str) -> None:
    storage().delete(stored_name)
