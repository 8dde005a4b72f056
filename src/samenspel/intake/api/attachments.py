"""/api/v1/attachments/: the files of the signals a user sees (metadata, and the file itself
through the same access check and audit entry as the web download), and the upload used by
`POST /api/v1/signals/{id}/attachments/`.

Files are checked by content and size and stored outside every served directory by
intake.services.add_attachment; a failed upload leaves no file behind."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import renderers, serializers
from rest_framework.decorators import action

from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.cases.api.common import AuditedRetrieveMixin, IdFilter, service_errors
from samenspel.cases.services.common import PURPOSE_INTAKE, PURPOSE_TRIAGE
from samenspel.intake import attachments as files
from samenspel.intake import selectors, services
from samenspel.intake.api.serializers import AttachmentSerializer, AttachmentUploadSerializer
from samenspel.intake.models import Attachment, Signal
from samenspel.sharing import policy

# Multipart framing around the file; a body beyond the limit plus this is refused unread.
_MULTIPART_ALLOWANCE = 64 * 1024


def attachments_visible_to(user) -> QuerySet[Attachment]:
    """Attachment.objects.visible_to(user), annotated `in_triage_scope` for the serializer."""
    in_scope = ExpressionWrapper(policy.triage_q(user, "signal__"), output_field=BooleanField())
    return (
        Attachment.objects.visible_to(user)
        .select_related("signal")
        .annotate(in_triage_scope=in_scope)
        .order_by("signal_id", "uploaded_at", "pk")
    )


def _too_large() -> serializers.ValidationError:
    # The same words as intake.attachments.check.
    message = _("Een bijlage mag hoogstens %(max)s MB zijn.") % {"max": settings.SAMENSPEL_ATTACHMENT_MAX_MB}
    return serializers.ValidationError({"file": [message]})


def upload_attachment(request, signal: Signal, *, context: dict) -> Attachment:
    """Validate the multipart body and add its one file through the service. A body that
    announces more than the limit is refused before it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > files.max_bytes() + _MULTIPART_ALLOWANCE:
        raise _too_large()
    if len(request.FILES.getlist("file")) > 1:
        raise serializers.ValidationError({"file": [_("Stuur één bestand per aanvraag.")]})
    serializer = AttachmentUploadSerializer(data=request.data, context=context)
    serializer.is_valid(raise_exception=True)
    attachment = None
    try:
        # The service removes its file when it fails; this removes it too when the commit
        # itself fails after the service returned.
        with transaction.atomic(), service_errors({"status": "non_field_errors"}):
            attachment = services.add_attachment(request.user, signal, serializer.validated_data["file"])
    except BaseException:
        if attachment is not None:
            files.delete_stored(attachment.stored_name)
        raise
    return attachment


class FileRenderer(renderers.BaseRenderer):
    """Lets the download answer whatever the client accepts; the body is the file itself."""

    media_type = "*/*"
    format = "file"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class AttachmentFilter(django_filters.FilterSet):
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")

    class Meta:
        model = Attachment
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Bijlagen",
        description="De bijlagen van de meldingen die u ziet (als melder: van uw eigen meldingen); filter op "
        "`signal` voor die van één melding. Een melder ziet de naam alleen van de bestanden die hij zelf "
        "toevoegde. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén bijlage", description="Elke opvraging wordt gelogd."),
    content=extend_schema(
        summary="Bijlage downloaden",
        description="Het bestand zelf, als download, met het vastgestelde type. Elke download wordt gelogd.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het bestand (Content-Disposition: attachment)."
            )
        },
    ),
)
@extend_schema(tags=["Meldingen"])
class AttachmentViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = Attachment
    capability = Capability.READ_CASE_CONTENT  # as the web download
    object_type = "attachment"
    action_names = {"list": "attachment.list", "retrieve": "attachment.view", "content": "attachment.download"}
    # "content" is audited by intake.selectors.open_attachment, like the web download.
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = AttachmentSerializer
    filterset_class = AttachmentFilter

    def scoped_queryset(self, user):
        return attachments_visible_to(user)

    def list_audit_fields(self):
        triages = self.request.user.has_capability(Capability.TRIAGE_SIGNALS)
        return {"purpose": PURPOSE_TRIAGE if triages else PURPOSE_INTAKE}

    def retrieve_audit_fields(self, attachment):
        purpose = PURPOSE_TRIAGE if attachment.in_triage_scope else PURPOSE_INTAKE
        return {"subject_id": attachment.signal.subject_id or "", "purpose": purpose}

    @action(detail=True, methods=["get"], renderer_classes=[FileRenderer])
    def content(self, request, *args, **kwargs):
        attachment, handle = selectors.open_attachment(request.user, kwargs[self.lookup_field])
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=files.display_name(attachment.original_name),
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
