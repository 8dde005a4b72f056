"""/api/v1/intervention-types/: the managed catalogue of interventions (mentoring, exit
programme, ...). Reference data, not personal data: read by everyone who works on cases and
by the application manager, who alone manages it (MANAGE_AGREEMENT, as the service asks).
Reads are not audited; every change is, by cases.services."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import OrganisationType
from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet
from samenspel.cases import selectors, services
from samenspel.cases.api.common import boolean_filter, created, service_errors
from samenspel.cases.api.plan_serializers import InterventionTypeSerializer, InterventionTypeUpdateSerializer
from samenspel.cases.models import InterventionType

READS = frozenset({"list", "retrieve"})


class InterventionTypeFilter(django_filters.FilterSet):
    active = boolean_filter("filter_active", "Alleen actieve (true) of alleen niet-actieve (false) soorten.")
    provider_type = django_filters.ChoiceFilter(choices=OrganisationType.choices, help_text="Soort aanbieder.")

    class Meta:
        model = InterventionType
        fields: list[str] = []

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


@extend_schema_view(
    list=extend_schema(
        summary="Aanbod van interventies",
        description="De soorten interventies waaruit een plan van aanpak kiest, ook de niet-actieve (die "
        "bestaande interventies houden). Referentiegegevens, geen persoonsgegevens.",
    ),
    retrieve=extend_schema(summary="Eén soort interventie"),
    create=extend_schema(
        summary="Soort interventie toevoegen",
        description="Door de functioneel beheerder. De code is vast en uniek.",
    ),
    partial_update=extend_schema(
        summary="Soort interventie wijzigen",
        description="Door de functioneel beheerder; alleen de meegestuurde velden. De code blijft gelijk.",
        request=InterventionTypeUpdateSerializer,
        responses={200: InterventionTypeSerializer},
    ),
    activate=extend_schema(
        summary="Soort interventie weer aanbieden",
        description="Door de functioneel beheerder: weer te kiezen voor nieuwe interventies.",
        request=None,
        responses={200: InterventionTypeSerializer},
    ),
    deactivate=extend_schema(
        summary="Soort interventie niet meer aanbieden",
        description="Door de functioneel beheerder: niet meer te kiezen voor nieuwe interventies; bestaande "
        "interventies houden hem.",
        request=None,
        responses={200: InterventionTypeSerializer},
    ),
)
@extend_schema(tags=["Plan van aanpak"])
class InterventionTypeViewSet(ScopedListMixin, ScopedRetrieveMixin, ScopedViewSet):
    model = InterventionType
    object_type = "intervention_type"
    action_names = {
        "list": "intervention_type.list",
        "retrieve": "intervention_type.view",
        "create": "intervention_type.create",
        "partial_update": "intervention_type.update",
        "activate": "intervention_type.set_active",
        "deactivate": "intervention_type.set_active",
    }
    serializer_class = InterventionTypeSerializer
    filterset_class = InterventionTypeFilter

    @property
    def capability(self) -> Capability:
        """Reading for case work or for managing; changing only for managing."""
        if self.action in READS and self.request.user.assignments_with(Capability.READ_CASE_CONTENT):
            return Capability.READ_CASE_CONTENT
        return Capability.MANAGE_AGREEMENT

    def scoped_queryset(self, user):
        return selectors.intervention_types(active_only=False).order_by("position", "name", "pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            intervention_type = services.create_intervention_type(request.user, **serializer.validated_data)
        return created(self.get_serializer(intervention_type).data)

    def partial_update(self, request, *args, **kwargs):
        intervention_type = self.get_object()
        serializer = InterventionTypeUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            intervention_type = services.update_intervention_type(
                request.user, intervention_type, **serializer.validated_data
            )
        return Response(self.get_serializer(intervention_type).data)

    def _set_active(self, is_active: bool) -> Response:
        intervention_type = self.get_object()
        with service_errors():
            intervention_type = services.set_intervention_type_active(self.request.user, intervention_type, is_active)
        return Response(self.get_serializer(intervention_type).data)

    @action(detail=True, methods=["post"])
    def activate(self, request, *args, **kwargs):
        return self._set_active(True)

    @action(detail=True, methods=["post"])
    def deactivate(self, request, *args, **kwargs):
        return self._set_active(False)
