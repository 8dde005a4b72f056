"""/api/v1/minutes/ and /api/v1/meeting-decisions/: the minutes (with every version) and the
decisions of an agenda item. For participants of the item (the chair, the case team, the
directing coordinator) after the confidentiality confirmation; written by the chair or the
directing coordinator. A write from a stale version of the minutes answers 409."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.audit.services import record
from samenspel.cases.api.common import created, service_errors
from samenspel.meetings import selectors, services
from samenspel.meetings.api.common import Conflict, ContentFilter, MeetingWorkViewSet
from samenspel.meetings.api.serializers import (
    MeetingDecisionSerializer,
    MinutesRevisionSerializer,
    MinutesSerializer,
    MinutesUpdateSerializer,
)
from samenspel.meetings.exceptions import PURPOSE_MEETING
from samenspel.meetings.models import AgendaItem, MeetingDecision, Minutes
from samenspel.sharing import policy

_WRITERS = "Door de voorzitter of de dossierhouder die de casus regisseert, na de geheimhoudingsverklaring."
_READERS = (
    "Voor wie deelneemt aan de bespreking (voorzitter, casusteam, dossierhouder), na de geheimhoudingsverklaring. "
    "Elke opvraging wordt gelogd."
)
_CONFLICT = OpenApiResponse(description="Het verslag is intussen gewijzigd: haal het opnieuw op en vul het aan.")


def _participant_q(user, prefix: str):
    return policy.meeting_q(user, f"{prefix}meeting__") & policy.item_participant_q(user, prefix)


def _stale_message() -> str:
    # The service's own message (meetings.services.records.write_minutes) for a version mismatch.
    return _("Het verslag is intussen door iemand anders gewijzigd; laad het opnieuw en vul het aan.")


def write_minutes(actor, item: AgendaItem, *, text: str, expected_version: int) -> Minutes:
    """services.write_minutes, with a stale version answered as 409 naming the current one."""
    with service_errors():
        try:
            return services.write_minutes(actor, item, text=text, expected_version=expected_version)
        except DjangoValidationError as error:
            if _stale_message() not in getattr(error, "message_dict", {}).get("text", []):
                raise
        current = Minutes.objects.filter(item=item).first()
        raise Conflict(
            _stale_message(),
            current_version=current.version if current else 0,
            minutes=current.pk if current else None,
        )


class RecordFilter(ContentFilter):
    class Meta:
        model = Minutes
        fields: list[str] = []


class DecisionFilter(ContentFilter):
    class Meta:
        model = MeetingDecision
        fields: list[str] = []


class ItemRecordViewSet(MeetingWorkViewSet):
    meeting_path = "item__meeting"

    def pending_q(self, user):
        return _participant_q(user, "item__")

    def subject_of(self, obj):
        return obj.item.case.subject_id


# Minutes -----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Verslagen", description="Het huidige verslag per agendapunt. " + _READERS),
    retrieve=extend_schema(summary="Eén verslag", description=_READERS),
    create=extend_schema(
        summary="Verslag schrijven",
        description="De eerste versie van het verslag van een agendapunt. Heeft het al een verslag, dan volgt 409 "
        "met `current_version`: schrijf dan een nieuwe versie met PUT. Neem geen informatie op die niet met "
        "alle deelnemers mag worden gedeeld. " + _WRITERS,
        responses={201: MinutesSerializer, 409: _CONFLICT},
    ),
    update=extend_schema(
        summary="Nieuwe versie van het verslag",
        description="De tekst vervangt de huidige versie; elke versie blijft bewaard. Geef de versie mee waarvan u "
        "uitging (`expected_version`); is het verslag intussen door iemand anders gewijzigd, dan volgt 409 en "
        "blijft het ongewijzigd. " + _WRITERS,
        request=MinutesUpdateSerializer,
        responses={200: MinutesSerializer, 409: _CONFLICT},
    ),
    revisions=extend_schema(
        summary="Alle versies van een verslag",
        description="Oudste eerst. " + _READERS,
        responses={200: MinutesRevisionSerializer(many=True)},
    ),
)
@extend_schema(tags=["Casusoverleg"])
class MinutesViewSet(ItemRecordViewSet):
    model = Minutes
    object_type = "minutes"
    action_names = {
        "list": "minutes.list",
        "retrieve": "minutes.view",
        "create": "minutes.write",
        "update": "minutes.write",
        "revisions": "minutes.history",
    }
    serializer_class = MinutesSerializer
    filterset_class = RecordFilter
    http_method_names = ["get", "post", "put", "head"]

    def scoped_queryset(self, user):
        return Minutes.objects.visible_to(user).select_related("item__case").order_by("item_id")

    def create(self, request, *args, **kwargs):
        data = self.input(MinutesSerializer)
        item = self.reachable_item(data["item_id"], manage=True)
        minutes = write_minutes(request.user, item, text=data["text"], expected_version=0)
        return created(self.get_serializer(minutes).data)

    def update(self, request, *args, **kwargs):
        minutes = self.content_object()
        self.reachable_item(minutes.item_id, manage=True)
        data = self.input(MinutesUpdateSerializer)
        minutes = write_minutes(
            request.user, minutes.item, text=data["text"], expected_version=data["expected_version"]
        )
        return Response(self.get_serializer(minutes).data)

    @action(detail=True, methods=["get"], pagination_class=None)
    def revisions(self, request, *args, **kwargs):
        minutes = self.content_object()
        data = MinutesRevisionSerializer(selectors.minutes_history_for(request.user, minutes.item), many=True).data
        record(
            self.audit_action(),
            object_type="minutes",
            object_id=minutes.pk,
            subject_id=minutes.item.case.subject_id,
            purpose=PURPOSE_MEETING,
            role=self.audit_role,
        )
        return Response(data)


# Decisions ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Besluiten in het overleg", description="Oudste eerst. " + _READERS),
    retrieve=extend_schema(summary="Eén besluit in het overleg", description=_READERS),
    create=extend_schema(
        summary="Besluit vastleggen",
        description="Een besluit over een agendapunt; besluiten worden toegevoegd, nooit gewijzigd. " + _WRITERS,
    ),
)
@extend_schema(tags=["Casusoverleg"])
class MeetingDecisionViewSet(ItemRecordViewSet):
    model = MeetingDecision
    object_type = "meeting_decision"
    action_names = {
        "list": "meeting_decision.list",
        "retrieve": "meeting_decision.view",
        "create": "meeting_decision.add",
    }
    serializer_class = MeetingDecisionSerializer
    filterset_class = DecisionFilter

    def scoped_queryset(self, user):
        return (
            MeetingDecision.objects.visible_to(user)
            .select_related("item__case")
            .order_by("item_id", "recorded_at", "pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.input(MeetingDecisionSerializer)
        item = self.reachable_item(data["item_id"], manage=True)
        with service_errors():
            decision = services.record_decision(request.user, item, text=data["text"])
        return created(self.get_serializer(decision).data)
