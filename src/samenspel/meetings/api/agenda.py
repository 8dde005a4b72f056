"""/api/v1/agenda-items/ and /api/v1/item-disclosures/.

Agenda items are agenda content: only after the confidentiality confirmation (before it, an
item of a meeting the user sees answers 403 with the hint), and each is presented as
selectors.agenda_item_view shows it to the user: participants of the item (the chair, the
case team, the directing coordinator) see the case's information as the agreement gives their
organisation; any other attendee only what the chair disclosed to their organisation for that
item and what their own organisation provided, and the person's name only with identificatie."""

from __future__ import annotations

from collections import defaultdict

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Capability
from samenspel.cases.api.common import IdFilter, created, service_errors
from samenspel.cases.models import Case
from samenspel.meetings import selectors, services
from samenspel.meetings.api.common import ContentFilter, MeetingContentFilter, MeetingWorkViewSet
from samenspel.meetings.api.serializers import (
    AgendaItemCreateSerializer,
    AgendaItemDetailSerializer,
    AgendaItemSerializer,
    ItemDisclosureSerializer,
)
from samenspel.meetings.models import AgendaItem, AgendaItemKind, DisclosureDecision
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory

# Agenda items -----------------------------------------------------------------------------------


class AgendaItemFilter(MeetingContentFilter):
    kind = django_filters.ChoiceFilter(choices=AgendaItemKind.choices, help_text="Soort bespreking.")
    meeting_lookup = "meeting_id"

    class Meta:
        model = AgendaItem
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Agendapunten",
        description="De agendapunten van de overleggen waarvoor u de geheimhoudingsverklaring bevestigde, per "
        "overleg in agendavolgorde. Filter op `meeting` voor één agenda; vóór de bevestiging geeft dat 403 "
        "met de aanwijzing hoe te bevestigen. De naam van de betrokkene alleen als u identificatie hier mag "
        "zien. Elke opvraging wordt gelogd.",
        responses={200: AgendaItemSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Eén agendapunt",
        description="Met de informatie die u hier mag zien: als deelnemer (voorzitter, casusteam, dossierhouder) "
        "wat het convenant uw organisatie geeft; anders alleen wat de voorzitter met uw organisatie deelde en "
        "wat uw organisatie zelf vastlegde. Elke opvraging wordt gelogd, met de betrokkene.",
        responses={200: AgendaItemDetailSerializer},
    ),
    create=extend_schema(
        summary="Casus agenderen",
        description="Een open casus van de gemeente of regio van een gepland overleg, als laatste agendapunt: door "
        "de dossierhouder die de casus regisseert, of door de voorzitter van het overleg.",
        request=AgendaItemCreateSerializer,
        responses={201: AgendaItemCreateSerializer},
    ),
    destroy=extend_schema(
        summary="Agendapunt van de agenda halen",
        description="Zolang het overleg gepland is en er voor het agendapunt nog niets is vastgelegd: door de "
        "voorzitter of de dossierhouder die de casus regisseert. De andere punten schuiven op.",
    ),
)
@extend_schema(tags=["Casusoverleg"])
class AgendaItemViewSet(MeetingWorkViewSet):
    model = AgendaItem
    object_type = "agenda_item"
    meeting_path = "meeting"
    action_names = {
        "list": "agenda_item.list",
        "retrieve": "agenda_item.view",
        "create": "agenda_item.add",
        "destroy": "agenda_item.remove",
    }
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    http_method_names = ["get", "post", "delete", "head"]

    def scoped_queryset(self, user):
        return (
            AgendaItem.objects.visible_to(user)
            .select_related("meeting", "case")
            .order_by("-meeting__starts_at", "meeting_id", "order", "pk")
        )

    def pending_q(self, user):
        return policy.meeting_q(user, "meeting__")

    def subject_of(self, item):
        return item.case.subject_id

    def get_serializer_class(self):
        return AgendaItemDetailSerializer if self.action == "retrieve" else AgendaItemSerializer

    def present(self, item):
        return self.get_serializer(selectors.agenda_item_view(self.request.user, item)).data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
        for item in page:
            by_meeting[item.meeting_id].append(item)
        views = {}
        for items in by_meeting.values():
            wanted = {item.pk for item in items}
            for view in selectors.agenda_for(request.user, items[0].meeting):
                if view.item.pk in wanted:
                    views[view.item.pk] = view
        data = self.get_serializer([views[item.pk] for item in page if item.pk in views], many=True).data
        self.audit_read(None, **self.list_audit_fields())
        return self.get_paginated_response(data)

    def create(self, request, *args, **kwargs):
        data = self.input(AgendaItemCreateSerializer)
        user = request.user
        meeting = self.reachable_meeting(data["meeting_id"])
        if not (policy.is_meeting_chair(user, meeting) or user.has_capability(Capability.DIRECT_CASES)):
            raise self.refuse("meeting", meeting.pk)
        case = Case.objects.visible_to(user).filter(pk=data["case_id"]).first()
        if case is None:
            raise self.not_visible("case", data["case_id"])
        with service_errors():
            item = services.add_agenda_item(user, meeting, case, kind=data["kind"])
        return created(AgendaItemCreateSerializer(item).data)

    def destroy(self, request, *args, **kwargs):
        item = self.content_object()
        if not policy.may_manage_item(request.user, item):
            raise self.refuse("agenda_item", item.pk)
        with service_errors():
            services.remove_agenda_item(request.user, item)
        return Response(status=204)


# The chair's disclosures -------------------------------------------------------------------------


class DisclosureFilter(ContentFilter):
    organisation = IdFilter(field_name="organisation_id", help_text="Id van de ontvangende organisatie.")
    category = IdFilter(field_name="category_id", help_text="Id van de gegevenscategorie.")

    class Meta:
        model = DisclosureDecision
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Besluiten tot delen",
        description="De besluiten van de voorzitter dat een uitgenodigde organisatie een categorie van een "
        "agendapunt te zien krijgt: alle voor de voorzitter en de dossierhouder, en die voor uw eigen "
        "organisatie. Pas na de geheimhoudingsverklaring. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén besluit tot delen", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Informatie delen met een organisatie",
        description="Alleen de voorzitter van het overleg, na de geheimhoudingsverklaring. Een uitgenodigde "
        "organisatie buiten het casusteam ziet van dit agendapunt daarna ook deze categorie, alleen in dit "
        "overleg. Niet voor categorieën die het convenant niemand geeft (inlichtingen). Het besluit en de "
        "reden worden vastgelegd.",
    ),
)
@extend_schema(tags=["Casusoverleg"])
class ItemDisclosureViewSet(MeetingWorkViewSet):
    model = DisclosureDecision
    object_type = "disclosure_decision"
    meeting_path = "item__meeting"
    action_names = {
        "list": "disclosure_decision.list",
        "retrieve": "disclosure_decision.view",
        "create": "agenda_item.share",
    }
    serializer_class = ItemDisclosureSerializer
    filterset_class = DisclosureFilter

    def scoped_queryset(self, user):
        return (
            DisclosureDecision.objects.visible_to(user)
            .select_related("item__case")
            .order_by("item_id", "decided_at", "pk")
        )

    def pending_q(self, user):
        organisation = policy.organisation_of(user)
        if organisation is None:
            return policy.NOTHING
        who = policy.item_manager_q(user, "item__") | Q(organisation_id=organisation.pk)
        return policy.meeting_q(user, "item__meeting__") & who

    def subject_of(self, disclosure):
        return disclosure.item.case.subject_id

    def create(self, request, *args, **kwargs):
        data = self.input(ItemDisclosureSerializer)
        item = self.reachable_item(data["item_id"], chair=True)
        organisation = Organisation.objects.filter(pk=data["organisation_id"]).first()
        category = InformationCategory.objects.filter(pk=data["category_id"]).first()
        with service_errors():
            disclosure = services.share_for_item(request.user, item, organisation, category, data["reason"])
        return created(self.get_serializer(disclosure).data)
