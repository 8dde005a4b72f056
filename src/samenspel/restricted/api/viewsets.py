"""/api/v1/restricted-documents/: restricted documents for the named people only.

Unlike other endpoints, access is not a capability alone: the endpoints exist only for users
who hold RECEIVE_RESTRICTED_DOCUMENTS or a current grant, and answer 404 (problem+json,
audited as denied) to everyone else, so that not even a 403 hints that restricted documents
exist. A document the user is not named for is a 404 too. The file itself is uploaded through
the web page only (see docs/domain/restricted-documents.md)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Municipality
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.cases.api.common import created, service_errors
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import attachments as files
from samenspel.intake.api.attachments import FileRenderer
from samenspel.restricted import policy, selectors, services
from samenspel.restricted.api.serializers import (
    GrantCreateSerializer,
    GrantSerializer,
    ReleaseDecisionCreateSerializer,
    ReleaseDecisionSerializer,
    RestrictedDocumentCreateSerializer,
    RestrictedDocumentDetailSerializer,
    RestrictedDocumentSerializer,
)
from samenspel.restricted.models import RestrictedDocument
from samenspel.restricted.services import OBJECT_TYPE, PURPOSE


@extend_schema_view(
    list=extend_schema(
        summary="Vertrouwelijke stukken",
        description="De stukken die u registreerde of waarvoor u nu toegang hebt. Voor ieder ander bestaat "
        "dit endpoint niet (404). Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(
        summary="Eén vertrouwelijk stuk",
        description="Toon `classification_label` altijd bij het stuk. Elke opvraging wordt gelogd.",
        responses={200: RestrictedDocumentDetailSerializer},
    ),
    create=extend_schema(
        summary="Vertrouwelijk stuk registreren",
        description="Voor het kabinet van de burgemeester. Het bestand voegt u toe via de webpagina.",
        request=RestrictedDocumentCreateSerializer,
        responses={201: RestrictedDocumentDetailSerializer},
    ),
    content=extend_schema(
        summary="Bestand downloaden",
        description="Het bestand zelf, als download. Elke download wordt gelogd.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het bestand (Content-Disposition: attachment)."
            )
        },
    ),
    grants=extend_schema(
        summary="Toegang geven",
        description="Alleen wie het stuk registreerde: geeft één persoon toegang tot `ends_at`.",
        request=GrantCreateSerializer,
        responses={201: GrantSerializer},
    ),
    revoke=extend_schema(
        summary="Toegang intrekken",
        description="Alleen wie het stuk registreerde.",
        request=None,
        responses={200: GrantSerializer},
    ),
    release_decisions=extend_schema(
        summary="Besluit tot vrijgave vastleggen",
        description="Alleen wie het stuk registreerde. Zonder zo'n besluit komt het stuk nooit in een "
        "verslag, export of rapportage.",
        request=ReleaseDecisionCreateSerializer,
        responses={201: ReleaseDecisionSerializer},
    ),
)
@extend_schema(tags=["Vertrouwelijke stukken"])
class RestrictedDocumentViewSet(ScopedListMixin, ScopedViewSet):
    model = RestrictedDocument
    capability = policy.CAPABILITY
    object_type = OBJECT_TYPE
    action_names = {
        "list": "restricted_document.list",
        "retrieve": "restricted_document.view",
        "create": "restricted_document.create",
        "content": "restricted_document.download",
        "grants": "restricted_document.grant",
        "revoke": "restricted_document.revoke",
        "release_decisions": "restricted_document.release",
    }
    audited_reads = frozenset({"list"})  # retrieve and content are audited below / by the selector
    serializer_class = RestrictedDocumentSerializer

    def initial(self, request, *args: Any, **kwargs: Any) -> None:
        # Authentication and throttles as every endpoint, then the area rule instead of the
        # capability check: 404 for whoever is neither mayor's office nor a current grantee.
        viewsets.GenericViewSet.initial(self, request, *args, **kwargs)
        if not policy.may_use_area(request.user):
            raise NotVisible(self.audit_action(), object_type=OBJECT_TYPE, purpose=PURPOSE)
        self.audit_role = ""

    def scoped_queryset(self, user):
        return selectors.documents_for(user).order_by("-received_on", "-pk")

    def audit_read(self, obj=None, **fields: Any) -> None:
        fields.setdefault("purpose", PURPOSE)
        super().audit_read(obj, **fields)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, document: RestrictedDocument) -> dict:
        user = self.request.user
        context = {
            **self.get_serializer_context(),
            "grants": list(selectors.grants_for(user, document)) if policy.may_manage(user, document) else [],
            "decisions": list(selectors.release_decisions_for(user, document)),
        }
        return RestrictedDocumentDetailSerializer(document, context=context).data

    def managed_object(self) -> RestrictedDocument:
        """The document for a write: 404 when not named for it, 403 for a named person who
        does not manage it, before the body is looked at (the service checks again)."""
        document = self.get_object()
        if not policy.may_manage(self.request.user, document):
            raise NotAllowed(self.audit_action(), object_type=OBJECT_TYPE, object_id=document.pk, purpose=PURPOSE)
        return document

    def retrieve(self, request, *args: Any, **kwargs: Any) -> Response:
        document = selectors.get_document_for(request.user, kwargs[self.lookup_field])
        return Response(self._detail(document))

    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        if not policy.may_register(request.user):
            raise NotVisible(self.audit_action(), object_type=OBJECT_TYPE, purpose=PURPOSE)
        data = dict(self._input(RestrictedDocumentCreateSerializer))
        data["municipality"] = Municipality.objects.filter(pk=data["municipality"]).first()
        with service_errors():
            document = services.register_document(request.user, **data)
        return created(self._detail(document))

    @action(detail=True, methods=["get"], renderer_classes=[FileRenderer])
    def content(self, request, *args: Any, **kwargs: Any):
        document, handle = selectors.open_document_file(request.user, kwargs[self.lookup_field])
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=files.display_name(document.file_name),
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    @action(detail=True, methods=["post"], pagination_class=None)
    def grants(self, request, *args: Any, **kwargs: Any) -> Response:
        document = self.managed_object()
        data = self._input(GrantCreateSerializer)
        with service_errors():
            grant = services.grant_access(request.user, document, grantee=data["grantee"], ends_at=data["ends_at"])
        return created(GrantSerializer(grant).data)

    @action(detail=True, methods=["post"], url_path=r"grants/(?P<grant_pk>[0-9]{1,18})/revoke")
    def revoke(self, request, *args: Any, **kwargs: Any) -> Response:
        document = self.managed_object()
        with service_errors():
            grant = services.revoke_access(request.user, document, kwargs["grant_pk"])
        return Response(GrantSerializer(grant).data)

    @action(detail=True, methods=["post"], url_path="release-decisions")
    def release_decisions(self, request, *args: Any, **kwargs: Any) -> Response:
        document = self.managed_object()
        data = self._input(ReleaseDecisionCreateSerializer)
        with service_errors():
            decision = services.record_release(request.user, document, **data)
        return created(ReleaseDecisionSerializer(decision).data)
