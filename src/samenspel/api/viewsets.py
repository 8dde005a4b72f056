"""The base of every API viewset: one capability, one scoped queryset, audited reads.

A viewset names the capability it needs and implements `scoped_queryset(user)`, which must
return one of the `visible_to`-style querysets of its app. Defining `queryset`,
`get_queryset` or `get_object` in a subclass is refused when the class is created, so a new
endpoint cannot bypass the scope by accident.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.serializer_helpers import ReturnDict

from samenspel.accounts.roles import Capability
from samenspel.api.parsers import JSONParser
from samenspel.audit.services import record
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotVisible

# Ids in URLs are positive integers that fit a bigint; anything else is a 404 from the URL
# resolver (the API's catch-all answers it as problem+json), never a database error.
ID_PATTERN = r"[0-9]{1,18}"


class ScopedViewSet(viewsets.GenericViewSet):
    model: ClassVar[type[models.Model]]
    capability: ClassVar[Capability]
    object_type: ClassVar[str]
    # DRF action -> audit action, used for allowed reads and for refusals.
    action_names: ClassVar[dict[str, str]] = {}
    # DRF actions that show personal data and therefore write one audit entry each.
    audited_reads: ClassVar[frozenset[str]] = frozenset()

    lookup_value_regex = ID_PATTERN
    parser_classes = [JSONParser]
    metadata_class = None  # no OPTIONS introspection: the schema documents the API

    _FORBIDDEN = ("queryset", "get_queryset", "get_object")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in cls._FORBIDDEN:
            if name in cls.__dict__:
                raise TypeError(f"{cls.__name__} must not define {name}; implement scoped_queryset(user) instead.")

    # Scope --------------------------------------------------------------------------------

    def scoped_queryset(self, user) -> models.QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> models.QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return self.model._default_manager.none()
        return self.scoped_queryset(self.request.user)

    def get_object(self) -> models.Model:
        """Only ever from the scoped queryset. Unknown and unreachable ids look the same (404,
        audited as denied)."""
        pk = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = self.get_queryset().filter(pk=pk).first()
        if obj is None:
            raise NotVisible(self.audit_action(), object_type=self.object_type, object_id=pk)
        self.check_object_permissions(self.request, obj)
        return obj

    # Capability and audit -----------------------------------------------------------------

    def audit_action(self) -> str:
        action = self.action or self.request.method.lower()
        return self.action_names.get(action, f"{self.object_type}.{action}")

    def initial(self, request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication, IsAuthenticated, throttles
        self.audit_role = require_capability(request.user, self.capability, self.audit_action())

    def audit_read(self, obj: models.Model | None = None, **fields: Any) -> None:
        if self.action in self.audited_reads:
            fields.setdefault("object_type", self.object_type)
            if obj is not None:
                fields.setdefault("object_id", obj.pk)
            record(self.audit_action(), role=self.audit_role, **fields)

    def list_audit_fields(self) -> dict[str, Any]:
        """Extra fields for the entry a list writes (e.g. the subject filtered on)."""
        return {}


class ScopedListMixin:
    # The audit entry is written after the page was read and before it is sent: no data
    # leaves without its entry, and a failed write sends no data.

    def list(self, request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        self.audit_read(None, **self.list_audit_fields())
        return self.get_paginated_response(data)


class ScopedRetrieveMixin:
    def retrieve(self, request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        data = self.get_serializer(obj).data
        self.audit_read(obj)
        return Response(data)


class InputSerializer(serializers.Serializer):
    """Serializers validate and present; they never write. Writes go through the app's
    service functions, called by the viewset with `validated_data`."""

    @property
    def errors(self):
        errors = super().errors
        key = api_settings.NON_FIELD_ERRORS_KEY
        if [getattr(e, "code", None) for e in errors.get(key, [])] == ["null"]:
            # DRF's "No data provided" for a JSON null body has no translation.
            errors = ReturnDict(
                {key: [ErrorDetail(str(_("Stuur een JSON-object mee.")), code="null")]}, serializer=self
            )
        return errors

    def create(self, validated_data):
        raise NotImplementedError("Write through the service layer, not the serializer.")

    def update(self, instance, validated_data):
        raise NotImplementedError("Write through the service layer, not the serializer.")
