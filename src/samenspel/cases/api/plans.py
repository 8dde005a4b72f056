"""/api/v1/plans/, /api/v1/plan-goals/ and /api/v1/interventions/: the plan of approach of a
case with its goals and the interventions carried out by the organisations on the team.

Read through the `visible_to` querysets (applied by api.viewsets.ScopedViewSet): whoever
sees the case (its directing coordinator and the organisations on its team) sees its plans,
as on the case page. Only the directing coordinator draws up plans and adds goals and
interventions; the status of an intervention is changed by the coordinator or by a person of
the responsible organisation. Writes go only through cases.services; every read writes one
audit entry with the subject."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Organisation
from samenspel.cases import services
from samenspel.cases.api.common import IdFilter, boolean_filter, created, date_range, service_errors, visible_or_404
from samenspel.cases.api.plan_common import STATE_ERRORS_ON_CASE, STATE_ERRORS_ON_DETAIL, first_or_none
from samenspel.cases.api.plan_serializers import (
    GoalSerializer,
    InterventionSerializer,
    InterventionStatusSerializer,
    PlanSerializer,
)
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import Goal, Intervention, InterventionType, Plan
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.cases.workflow import InterventionStatus
from samenspel.core.exceptions import NotAllowed
from samenspel.sharing import policy


class PlanWorkViewSet(CaseWorkViewSet):
    def visible_plan(self, pk: int) -> Plan:
        return visible_or_404(Plan.objects.visible_to(self.request.user), pk, self.audit_action(), "plan")


# Plans ------------------------------------------------------------------------------------


class PlanFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    current = boolean_filter("filter_current", "Alleen het huidige plan (true) of alleen eerdere plannen (false).")

    class Meta:
        model = Plan
        fields: list[str] = []

    def filter_current(self, queryset, name, value):
        return queryset.filter(is_current=value == "true")


@extend_schema_view(
    list=extend_schema(
        summary="Plannen van aanpak",
        description="De plannen van de casussen die u ziet (als dossierhouder of als organisatie in het "
        "casusteam), nieuwste eerst; eerdere plannen blijven als geschiedenis. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén plan van aanpak", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Plan van aanpak opstellen",
        description="Door de dossierhouder die de casus regisseert. Het nieuwe plan wordt het huidige; dat kan "
        "pas als de interventies van het huidige plan zijn afgerond of gestopt.",
    ),
)
@extend_schema(tags=["Plan van aanpak"])
class PlanViewSet(PlanWorkViewSet):
    model = Plan
    object_type = "plan"
    action_names = {"list": "plan.list", "retrieve": "plan.view", "create": "plan.create"}
    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def scoped_queryset(self, user):
        return Plan.objects.visible_to(user).select_related("case").order_by("-created_at", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case_id"])
        self.require_direction(case.pk)
        with service_errors({**STATE_ERRORS_ON_CASE, "plan": "case"}):
            plan = services.create_plan(request.user, case, summary=data["summary"])
        return created(self.get_serializer(plan).data)


# Goals ------------------------------------------------------------------------------------


class GoalFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id", help_text="Id van het plan.")
    case = IdFilter(field_name="plan__case_id", help_text="Id van de casus.")

    class Meta:
        model = Goal
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Doelen van plannen van aanpak",
        description="De doelen van de plannen die u ziet, per plan in volgorde. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén doel", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Doel toevoegen",
        description="Aan het huidige plan, door de dossierhouder die de casus regisseert.",
    ),
)
@extend_schema(tags=["Plan van aanpak"])
class GoalViewSet(PlanWorkViewSet):
    model = Goal
    object_type = "goal"
    action_names = {"list": "plan_goal.list", "retrieve": "plan_goal.view", "create": "plan.goal_add"}
    serializer_class = GoalSerializer
    filterset_class = GoalFilter

    def scoped_queryset(self, user):
        return Goal.objects.visible_to(user).select_related("plan__case").order_by("plan_id", "position", "pk")

    def subject_of(self, goal):
        return goal.plan.case.subject_id

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = self.visible_plan(data["plan_id"])
        self.require_direction(plan.case_id)
        with service_errors({"phase": "plan"}):
            goal = services.add_goal(request.user, plan, text=data["text"])
        return created(self.get_serializer(goal).data)


# Interventions ----------------------------------------------------------------------------


class InterventionFilter(django_filters.FilterSet):
    case = IdFilter(field_name="plan__case_id", help_text="Id van de casus.")
    plan = IdFilter(field_name="plan_id", help_text="Id van het plan.")
    goal = IdFilter(field_name="goal_id", help_text="Id van het doel.")
    intervention_type = IdFilter(field_name="intervention_type_id", help_text="Id van de soort interventie.")
    responsible_organisation = IdFilter(
        field_name="responsible_organisation_id", help_text="Id van de uitvoerende organisatie."
    )
    status = django_filters.ChoiceFilter(choices=InterventionStatus.choices, help_text="Status.")
    mine = boolean_filter("filter_mine", "Alleen (true) of juist niet (false) die van uw eigen organisatie.")
    planned_end_from, planned_end_to = date_range("planned_end_date", "Gepland einde")

    class Meta:
        model = Intervention
        fields: list[str] = []

    def filter_mine(self, queryset, name, value):
        mine = {"responsible_organisation_id": self.request.user.organisation_id}
        return queryset.filter(**mine) if value == "true" else queryset.exclude(**mine)


@extend_schema_view(
    list=extend_schema(
        summary="Interventies",
        description="De interventies van de plannen die u ziet, met status en resultaat. Met `mine=true` de "
        "interventies waarvoor uw organisatie verantwoordelijk is. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén interventie", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Interventie toevoegen",
        description="Aan het huidige plan, door de dossierhouder die de casus regisseert: een actieve soort uit "
        "het aanbod, uitgevoerd door een organisatie uit het casusteam (of uw eigen). Begint als gepland.",
    ),
    status=extend_schema(
        summary="Status van een interventie wijzigen",
        description="Door de dossierhouder of door iemand van de uitvoerende organisatie. Afronden en stoppen "
        "vragen het resultaat (`outcome`, `outcome_text`).",
        request=InterventionStatusSerializer,
        responses={200: InterventionSerializer},
    ),
)
@extend_schema(tags=["Plan van aanpak"])
class InterventionViewSet(PlanWorkViewSet):
    model = Intervention
    object_type = "intervention"
    action_names = {
        "list": "intervention.list",
        "retrieve": "intervention.view",
        "create": "intervention.add",
        "status": "intervention.status",
    }
    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter

    def scoped_queryset(self, user):
        return Intervention.objects.visible_to(user).select_related("plan__case").order_by("start_date", "pk")

    def subject_of(self, intervention):
        return intervention.plan.case.subject_id

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = self.visible_plan(data["plan_id"])
        self.require_direction(plan.case_id)
        goal = None
        if data.get("goal_id") is not None:
            goal = Goal.objects.visible_to(request.user).filter(pk=data["goal_id"], plan=plan).first()
            if goal is None:
                raise serializers.ValidationError({"goal": [_("Kies een doel van dit plan.")]})
        with service_errors({"phase": "plan"}):
            intervention = services.add_intervention(
                request.user,
                plan,
                intervention_type=first_or_none(InterventionType.objects.all(), data["intervention_type_id"]),
                responsible_organisation=first_or_none(Organisation.objects.all(), data["responsible_organisation_id"]),
                start_date=data["start_date"],
                planned_end_date=data["planned_end_date"],
                goal=goal,
                description=data["description"],
            )
        return created(self.get_serializer(intervention).data)

    @action(detail=True, methods=["post"])
    def status(self, request, *args, **kwargs):
        intervention = self.get_object()
        user = request.user
        if intervention.responsible_organisation_id != user.organisation_id and not policy.may_direct(
            user, intervention.plan.case
        ):
            raise NotAllowed(
                self.audit_action(), object_type="intervention", object_id=intervention.pk, purpose=PURPOSE_CASE_WORK
            )
        serializer = InterventionStatusSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors(STATE_ERRORS_ON_DETAIL):
            intervention = services.change_intervention_status(
                user,
                intervention,
                data["status"],
                outcome=data["outcome"],
                outcome_text=data["outcome_text"],
                reason=data["reason"],
            )
        return Response(self.get_serializer(intervention).data)
