"""/api/v1/actions/: actions agreed on an agenda item. They are follow-up work: the owner
organisation, the meeting's chair and whoever sees the case (team, directing coordinator) see
them without the confidentiality confirmation, as on the start page, and an action carries
nothing of the case but its item and meeting. Agreed by the chair or the directing coordinator
(after confirming); completed also by the owner organisation; cancelled with a reason."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Organisation, User
from samenspel.cases.api.common import IdFilter, boolean_filter, created, date_range, service_errors
from samenspel.meetings import services
from samenspel.meetings.api.common import MeetingWorkViewSet
from samenspel.meetings.api.serializers import ActionCancelSerializer, ActionSerializer, ActionUpdateSerializer
from samenspel.meetings.models import Action
from samenspel.meetings.workflow import ActionStatus
from samenspel.sharing import policy

_MANAGERS = "Door de voorzitter of de dossierhouder die de casus regisseert."


def _person(pk: int | None, organisation: Organisation | None) -> User | None:
    if pk is None:
        return None
    person = User.objects.filter(pk=pk, organisation=organisation).first() if organisation is not None else None
    if person is None:
        raise serializers.ValidationError(
            {"owner_person": [_("Kies een actieve medewerker van deze organisatie die aan casussen werkt.")]}
        )
    return person


class ActionFilter(django_filters.FilterSet):
    item = IdFilter(field_name="item_id", help_text="Id van het agendapunt.")
    meeting = IdFilter(field_name="item__meeting_id", help_text="Id van het casusoverleg.")
    owner_organisation = IdFilter(field_name="owner_organisation_id", help_text="Id van de uitvoerende organisatie.")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, help_text="Status.")
    mine = boolean_filter(
        "filter_mine", "Alleen mijn actiepunten: aan mij toegewezen, of aan mijn organisatie zonder vaste persoon."
    )
    overdue = boolean_filter("filter_overdue", "Alleen (of juist geen) actiepunten die open en over de datum zijn.")
    due_from, due_to = date_range("due_date", "Uiterlijk klaar op")

    class Meta:
        model = Action
        fields: list[str] = []

    def filter_mine(self, queryset, name, value):
        mine = policy.action_owner_q(self.request.user)
        return queryset.filter(mine) if value == "true" else queryset.exclude(mine)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(is_overdue=value == "true")


@extend_schema_view(
    list=extend_schema(
        summary="Actiepunten",
        description="De actiepunten van uw organisatie, van de overleggen die u voorzit en van de casussen die u "
        "ziet; `mine=true` geeft de lijst van uw startpagina. Eerst wat het eerst klaar moet zijn. Elke "
        "opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén actiepunt", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Actiepunt afspreken",
        description="Wie doet wat, uiterlijk wanneer: een organisatie uit het casusteam of een uitgenodigde, "
        "eventueel één medewerker ervan. " + _MANAGERS + " Na de geheimhoudingsverklaring.",
    ),
    partial_update=extend_schema(
        summary="Actiepunt wijzigen",
        description="Omschrijving, organisatie, uitvoerder of datum van een open actiepunt. " + _MANAGERS,
        request=ActionUpdateSerializer,
        responses={200: ActionSerializer},
    ),
    complete=extend_schema(
        summary="Actiepunt afronden",
        description="Door de uitvoerende organisatie, de voorzitter of de dossierhouder die de casus regisseert.",
        request=None,
        responses={200: ActionSerializer},
    ),
    cancel=extend_schema(
        summary="Actiepunt laten vervallen",
        description="Met een reden. " + _MANAGERS,
        request=ActionCancelSerializer,
        responses={200: ActionSerializer},
    ),
)
@extend_schema(tags=["Casusoverleg"])
class ActionViewSet(MeetingWorkViewSet):
    model = Action
    object_type = "action"
    action_names = {
        "list": "action.list",
        "retrieve": "action.view",
        "create": "action.create",
        "partial_update": "action.update",
        "complete": "action.change_status",
        "cancel": "action.change_status",
    }
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    http_method_names = ["get", "post", "patch", "head"]

    def scoped_queryset(self, user):
        return Action.objects.visible_to(user).with_overdue().select_related("item__case").order_by("due_date", "pk")

    def subject_of(self, action_obj):
        return action_obj.item.case.subject_id

    def _fresh(self, action_obj: Action) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=action_obj.pk)).data

    def _managed(self) -> Action:
        found = self.get_object()
        if not policy.may_manage_item(self.request.user, found.item):
            raise self.refuse("action", found.pk)
        return found

    def create(self, request, *args, **kwargs):
        data = self.input(ActionSerializer)
        item = self.reachable_item(data["item_id"], manage=True)
        organisation = Organisation.objects.filter(pk=data["owner_organisation_id"]).first()
        person = _person(data.get("owner_person_id"), organisation)
        with service_errors():
            created_action = services.create_action(
                request.user,
                item,
                description=data["description"],
                owner_organisation=organisation,
                owner_person=person,
                due_date=data["due_date"],
            )
        return created(self._fresh(created_action))

    def partial_update(self, request, *args, **kwargs):
        found = self._managed()
        changes = self.input(ActionUpdateSerializer)
        if "owner_organisation" in changes:
            changes["owner_organisation"] = Organisation.objects.filter(pk=changes["owner_organisation"]).first()
        if changes.get("owner_person") is not None:
            organisation = changes.get("owner_organisation", found.owner_organisation)
            changes["owner_person"] = _person(changes["owner_person"], organisation)
        with service_errors():
            services.update_action(request.user, found, **changes)
        return Response(self._fresh(found))

    @action(detail=True, methods=["post"])
    def complete(self, request, *args, **kwargs):
        found = self.get_object()
        with service_errors():
            services.complete_action(request.user, found)
        return Response(self._fresh(found))

    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        found = self._managed()
        reason = self.input(ActionCancelSerializer)["reason"]
        with service_errors():
            services.cancel_action(request.user, found, reason=reason)
        return Response(self._fresh(found))
