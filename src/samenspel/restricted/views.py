"""The restricted-documents pages under /vertrouwelijk/: the list, registering a document,
the document page (with its classification marking, grants and release decisions), the file
download, and the grant, revoke and release forms.

These pages exist only for the mayor's office and for current grantees; for everyone else
every URL here answers 404, as does every document the user is not named for. Each look at a
document writes one audit entry (selectors); each change one (services)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.intake.attachments import display_name
from samenspel.restricted import policy, selectors, services
from samenspel.restricted.forms import DocumentForm, GrantForm, ReleaseForm
from samenspel.restricted.services import OBJECT_TYPE, PURPOSE


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET"])
def document_list(request):
    documents = selectors.list_documents_for(request.user)
    context = {"documents": documents, "may_register": policy.may_register(request.user)}
    return _private(render(request, "restricted/list.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def document_create(request):
    if not policy.may_register(request.user):
        raise NotVisible("restricted_document.create", object_type=OBJECT_TYPE, purpose=PURPOSE)
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.register_document(
                request.user,
                municipality=data["municipality"],
                title=data["title"],
                classification=data["classification"],
                kind=data["kind"],
                received_on=data["received_on"],
                description=data["description"],
                case=data["case"],
                upload=data["file"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het vertrouwelijke stuk is geregistreerd."))
            return redirect("restricted:detail", pk=document.pk)
    return _private(render(request, "restricted/create.html", {"form": form}))


def _detail(request, pk, *, grant_form=None, release_form=None):
    document = selectors.get_document_for(request.user, pk)
    manages = policy.may_manage(request.user, document)
    context = {
        "document": document,
        "manages": manages,
        "grants": list(selectors.grants_for(request.user, document)) if manages else [],
        "decisions": list(selectors.release_decisions_for(request.user, document)),
        "grant_form": grant_form or (GrantForm(document=document) if manages else None),
        "release_form": release_form or (ReleaseForm() if manages else None),
        "now": timezone.now(),
    }
    return _private(render(request, "restricted/detail.html", context))


@never_cache
@require_http_methods(["GET"])
def document_detail(request, pk: int):
    return _detail(request, pk)


@never_cache
@require_http_methods(["GET"])
def document_file(request, pk: int):
    document, handle = selectors.open_document_file(request.user, pk)
    response = FileResponse(
        handle, as_attachment=True, filename=display_name(document.file_name), content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _managed(request, pk: int, action: str):
    """The document for a form post: 404 when not named for it, 403 for a named person who
    does not manage it (the service checks both again)."""
    document = selectors.documents_for(request.user).filter(pk=pk).first()
    if document is None:
        raise NotVisible(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    if not policy.may_manage(request.user, document):
        raise NotAllowed(action, object_type=OBJECT_TYPE, object_id=pk, purpose=PURPOSE)
    return document


@require_POST
def grant_add(request, pk: int):
    document = _managed(request, pk, "restricted_document.grant")
    form = GrantForm(request.POST, document=document)
    if form.is_valid():
        try:
            services.grant_access(
                request.user, document, grantee=form.cleaned_data["grantee"], ends_at=form.cleaned_data["ends_at"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De toegang is gegeven."))
            return redirect("restricted:detail", pk=document.pk)
    return _detail(request, pk, grant_form=form)


@require_POST
def grant_revoke(request, pk: int, grant_pk: int):
    document = _managed(request, pk, "restricted_document.revoke")
    try:
        services.revoke_access(request.user, document, grant_pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De toegang is ingetrokken."))
    return redirect("restricted:detail", pk=document.pk)


@require_POST
def release_add(request, pk: int):
    document = _managed(request, pk, "restricted_document.release")
    form = ReleaseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_release(
                request.user, document, purpose=data["purpose"], reason=data["reason"], meeting=data["meeting"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het besluit tot vrijgave is vastgelegd."))
            return redirect("restricted:detail", pk=document.pk)
    return _detail(request, pk, release_form=form)
