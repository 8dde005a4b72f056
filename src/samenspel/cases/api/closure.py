"""/api/v1/case-closures/ and /api/v1/case-reopenings/: closing a case with a reason and an
outcome (and optionally aftercare), ending the aftercare, and taking a closed case up again.

Seen by whoever sees the case (`visible_to`), as on the case page; decided only by the
directing coordinator, through cases.services (the case page's "Afsluiten", "Nazorg
beëindigen" and "Heropenen"). Every read writes one audit entry."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.api.problems import NON_FIELD_NAME
from samenspel.cases import services
from samenspel.cases.api.common import IdFilter, boolean_filter, created, service_errors
from samenspel.cases.api.followup_serializers import (
    CaseClosureSerializer,
    CaseReopeningSerializer,
    EndAftercareSerializer,
)
from samenspel.cases.api.plan_common import STATE_ERRORS_ON_CASE, STATE_ERRORS_ON_DETAIL
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import CaseClosure, CaseReopening, ClosureReason

# Closures ---------------------------------------------------------------------------------


class CaseClosureFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    reason = django_filters.ChoiceFilter(choices=ClosureReason.choices, help_text="Reden van afsluiten.")
    pending = boolean_filter("filter_pending", "Alleen (true) of juist niet (false) die met lopende nazorg.")

    class Meta:
        model = CaseClosure
        fields: list[str] = []

    def filter_pending(self, queryset, name, value):
        pending = queryset.pending()
        return pending if value == "true" else queryset.exclude(pk__in=pending.values("pk"))


@extend_schema_view(
    list=extend_schema(
        summary="Afsluitingen van casussen",
        description="De afsluitingen van de casussen die u ziet, nieuwste eerst, met reden, resultaat en "
        "nazorg. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén afsluiting", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Casus afsluiten",
        description="Door de dossierhouder die de casus regisseert, met reden en resultaat. Zonder nazorg sluit "
        "de casus meteen; met nazorg (`aftercare_until` en `aftercare_review_date`, alleen vanuit de "
        "uitvoering) gaat hij naar de fase nazorg.",
    ),
    end_aftercare=extend_schema(
        summary="Nazorg beëindigen",
        description="Door de dossierhouder: de casus met deze lopende nazorg wordt gesloten.",
        request=EndAftercareSerializer,
        responses={200: CaseClosureSerializer},
    ),
)
@extend_schema(tags=["Casussen"])
class CaseClosureViewSet(CaseWorkViewSet):
    model = CaseClosure
    object_type = "case_closure"
    action_names = {
        "list": "case_closure.list",
        "retrieve": "case_closure.view",
        "create": "case.close",
        "end_aftercare": "case.aftercare_end",
    }
    serializer_class = CaseClosureSerializer
    filterset_class = CaseClosureFilter

    def scoped_queryset(self, user):
        return CaseClosure.objects.visible_to(user).select_related("case").order_by("-decided_at", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = self.visible_case(data.pop("case_id"))
        self.require_direction(case.pk)
        with service_errors(STATE_ERRORS_ON_CASE):
            closure = services.close_case(request.user, case, **data)
        return created(self.get_serializer(closure).data)

    @action(detail=True, methods=["post"], url_path="end-aftercare", url_name="end-aftercare")
    def end_aftercare(self, request, *args, **kwargs):
        closure = self.get_object()
        self.require_direction(closure.case_id)
        serializer = EndAftercareSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        if not closure.is_pending:
            # The service ends the case's pending aftercare, whichever it is: not this one.
            raise serializers.ValidationError(
                {NON_FIELD_NAME: [_("Deze casus heeft geen lopende nazorg om af te ronden.")]}
            )
        with service_errors(STATE_ERRORS_ON_DETAIL):
            closure = services.end_aftercare(request.user, closure.case, note=serializer.validated_data["note"])
        return Response(self.get_serializer(closure).data)


# Reopenings -------------------------------------------------------------------------------


class CaseReopeningFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")

    class Meta:
        model = CaseReopening
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Heropeningen van casussen",
        description="De heropeningen van de casussen die u ziet, nieuwste eerst, met reden. Elke opvraging wordt "
        "gelogd.",
    ),
    retrieve=extend_schema(summary="Eén heropening", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Casus heropenen",
        description="Door de dossierhouder die de casus regisseert, met een reden: de afgesloten casus gaat terug "
        "naar de fase in duiding. Niet als er al een andere open casus voor de betrokkene in de gemeente is.",
    ),
)
@extend_schema(tags=["Casussen"])
class CaseReopeningViewSet(CaseWorkViewSet):
    model = CaseReopening
    object_type = "case_reopening"
    action_names = {"list": "case_reopening.list", "retrieve": "case_reopening.view", "create": "case.reopen"}
    serializer_class = CaseReopeningSerializer
    filterset_class = CaseReopeningFilter

    def scoped_queryset(self, user):
        return CaseReopening.objects.visible_to(user).select_related("case").order_by("-reopened_at", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case_id"])
        self.require_direction(case.pk)
        with service_errors(STATE_ERRORS_ON_CASE):
            reopening = services.reopen_case(request.user, case, reason=data["reason"])
        return created(self.get_serializer(reopening).data)
