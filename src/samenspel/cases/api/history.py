"""/api/v1/case-phase-changes/: the phase history of the cases a user sees (the directing
coordinator and the organisations on the team), read-only: history is appended by
cases.workflow and never edited. Every read writes one audit entry."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from samenspel.cases.api.common import IdFilter, date_range
from samenspel.cases.api.serializers import CasePhaseChangeSerializer
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import CasePhaseChange
from samenspel.cases.workflow import Phase


class CasePhaseChangeFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    to_phase = django_filters.ChoiceFilter(choices=Phase.choices, help_text="Naar fase.")
    changed_from, changed_to = date_range("changed_at", "Gewijzigd")

    class Meta:
        model = CasePhaseChange
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Fasegeschiedenis van casussen",
        description="De faseovergangen van de casussen die u ziet, oudste eerst; filter op `case` voor die van "
        "één casus. Alleen-lezen. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén faseovergang", description="Elke opvraging wordt gelogd."),
)
@extend_schema(tags=["Casussen"])
class CasePhaseChangeViewSet(CaseWorkViewSet):
    model = CasePhaseChange
    object_type = "case_phase_change"
    action_names = {"list": "case_phase_change.list", "retrieve": "case_phase_change.view"}
    serializer_class = CasePhaseChangeSerializer
    filterset_class = CasePhaseChangeFilter

    def scoped_queryset(self, user):
        return CasePhaseChange.objects.visible_to(user).select_related("case").order_by("changed_at", "pk")
