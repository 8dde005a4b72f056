"""/api/v1/organisations/: application managers manage the partner organisations in their
municipality or region. Organisations hold no personal data, so reads are not audited; every
write is (by the accounts services)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region
from samenspel.accounts.roles import Capability
from samenspel.accounts.services import create_organisation, update_organisation
from samenspel.api.fields import BooleanField, IdRelatedField, TextField
from samenspel.api.viewsets import InputSerializer, ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet


class OrganisationSerializer(InputSerializer):
    id = serializers.IntegerField(read_only=True)
    name = TextField(max_length=200)
    type = serializers.ChoiceField(choices=OrganisationType.choices)
    region = IdRelatedField(queryset=Region.objects.all())
    municipality = IdRelatedField(queryset=Municipality.objects.all(), allow_null=True, required=False)
    is_active = BooleanField(required=False, default=True)

    def validate(self, attrs):
        """The municipality lies in the region, and the result lies within the manager's
        scope: a clear field error rather than a refusal after the fact."""
        region = attrs.get("region", getattr(self.instance, "region", None))
        municipality = attrs.get("municipality", getattr(self.instance, "municipality", None))
        if municipality is not None and municipality.region_id != region.pk:
            raise serializers.ValidationError({"municipality": _("Deze gemeente hoort niet bij de gekozen regio.")})
        candidate = Organisation(region=region, municipality=municipality)
        actor = self.context["request"].user
        if not any(a.covers(candidate) for a in actor.assignments_with(Capability.MANAGE_ACCOUNTS)):
            field = "municipality" if municipality is not None else "region"
            raise serializers.ValidationError({field: _("Dit valt buiten de gemeente of regio die u beheert.")})
        return attrs


@extend_schema_view(
    list=extend_schema(summary="Organisaties", description="De organisaties in de gemeente of regio die u beheert."),
    retrieve=extend_schema(summary="Eén organisatie"),
    create=extend_schema(summary="Organisatie toevoegen", description="Binnen uw eigen gemeente of regio."),
    partial_update=extend_schema(summary="Organisatie wijzigen", description="Alleen de meegestuurde velden."),
)
@extend_schema(tags=["Organisaties"])
class OrganisationViewSet(ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet):
    model = Organisation
    capability = Capability.MANAGE_ACCOUNTS
    object_type = "organisation"
    action_names = {
        "list": "organisation.list",
        "retrieve": "organisation.view",
        "create": "organisation.create",
        "partial_update": "organisation.update",
    }
    serializer_class = OrganisationSerializer

    def scoped_queryset(self, user):
        return Organisation.objects.manageable_by(user).select_related("region", "municipality")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = create_organisation(request.user, **serializer.validated_data)
        return Response(self.get_serializer(organisation).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organisation = update_organisation(request.user, organisation, **serializer.validated_data)
        return Response(self.get_serializer(organisation).data)
