"""Restricted documents for tests, made directly (the services have their own tests)."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone

from samenspel.intake import attachments as files
from samenspel.restricted.models import AccessGrant, Classification, DocumentKind, RestrictedDocument

MARKER_TITLE = "Ambtsbericht KX-7Q"  # distinctive, so a test can look for it anywhere


def document(registrar, municipality, *, with_file: bool = False, **fields) -> RestrictedDocument:
    values = {
        "title": MARKER_TITLE,
        "classification": Classification.STATE_CONFIDENTIAL,
        "kind": DocumentKind.AIVD_NOTICE,
        "description": "Omschrijving RZ-41 van het ambtsbericht.",
        "received_on": timezone.localdate(),
        **fields,
    }
    doc = RestrictedDocument(municipality=municipality, registered_by=registrar, **values)
    if with_file:
        upload = BytesIO(b"%PDF-1.4 restricted")
        upload.name, upload.size = "ambtsbericht.pdf", len(upload.getvalue())
        stored = files.store(upload, files.PDF)
        doc.file_name, doc.stored_name, doc.content_type = stored.original_name, stored.stored_name, stored.content_type
        doc.size, doc.sha256 = stored.size, stored.sha256
    doc.save()
    return doc


def grant(doc, grantee, *, days: float = 7, revoked: bool = False) -> AccessGrant:
    now = timezone.now()
    return AccessGrant.objects.create(
        document=doc,
        grantee=grantee,
        granted_by=doc.registered_by,
        ends_at=now + datetime.timedelta(days=days),
        revoked_at=now if revoked else None,
        revoked_by=doc.registered_by if revoked else None,
    )
