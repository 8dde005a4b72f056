"""Reads of restricted documents for views and the API, filtered by restricted.policy.
`get_document_for` and `open_document_file` fetch one document and write its audit entry
(purpose "restricted_document"): call exactly one of them per page or response that shows a
document. Lists write their own entry ("restricted_document.list")."""

from __future__ import annotations

from django.core.files import File
from django.db.models import QuerySet

from samenspel.audit.services import record
from samenspel.cases.services.common import parse_id
from samenspel.core.exceptions import NotVisible
from samenspel.intake import attachments as files
from samenspel.restricted import policy
from samenspel.restricted.models import AccessGrant, ReleaseDecision, RestrictedDocument
from samenspel.restricted.services import OBJECT_TYPE, PURPOSE


def require_area(user, action: str) -> None:
    """The restricted pages exist only for the mayor's office and current grantees."""
    if not policy.may_use_area(user):
        raise NotVisible(action, object_type=OBJECT_TYPE, purpose=PURPOSE)


def documents_for(user) -> QuerySet[RestrictedDocument]:
    return RestrictedDocument.objects.visible_to(user).select_related("municipality", "registered_by")


def list_documents_for(user) -> list[RestrictedDocument]:
    """The documents the user sees, newest received first, audited as one list entry."""
    require_area(user, "restricted_document.list")
    documents = list(documents_for(user)[:200])
    record("restricted_document.list", object_type=OBJECT_TYPE, purpose=PURPOSE, actor=user)
    return documents


def _visible(user, pk: object, action: str) -> RestrictedDocument:
    document = documents_for(user).select_related("case").filter(pk=parse_id(pk)).first()
    if document is None:
        raise NotVisible(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    return document


def get_document_for(user, pk: object) -> RestrictedDocument:
    """One document the user may see, audited as "restricted_document.view"."""
    document = _visible(user, pk, "restricted_document.view")
    record("restricted_document.view", object_type=OBJECT_TYPE, object_id=document.pk, purpose=PURPOSE, actor=user)
    return document


def open_document_file(user, pk: object) -> tuple[RestrictedDocument, File]:
    """The document and its open file (close it after sending), audited as
    "restricted_document.download". A document without a file answers 404."""
    action = "restricted_document.download"
    document = _visible(user, pk, action)
    if not document.has_file:
        raise NotVisible(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    handle = files.open_stored(document.stored_name)
    record(action, object_type=OBJECT_TYPE, object_id=document.pk, purpose=PURPOSE, actor=user)
    return document, handle


def grants_for(user, document: RestrictedDocument) -> QuerySet[AccessGrant]:
    return AccessGrant.objects.visible_to(user).filter(document=document).select_related("grantee", "granted_by")


def release_decisions_for(user, document: RestrictedDocument) -> QuerySet[ReleaseDecision]:
    return ReleaseDecision.objects.visible_to(user).filter(document=document).select_related("decided_by", "meeting")
