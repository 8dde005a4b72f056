"""/api/v1/meetings/, /api/v1/meeting-invitations/ and /api/v1/confidentiality-confirmations/.

A meeting's header (date, place, chair, status) is seen by everyone who sees the meeting, as
on the confirmation page; its agenda only after the confidentiality confirmation (see
agenda.py). Writes go only through meetings.services, with the checks of the pages first:
404 out of reach, 403 for who sees the meeting but does not run it."""

from __future__ import annotations

import django_filters
from django.db.models import BooleanField, ExpressionWrapper
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Municipality, Organisation, Region, User
from samenspel.accounts.roles import Capability
from samenspel.cases.api.common import IdFilter, created, date_range, service_errors
from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import services
from samenspel.meetings.api.common import MeetingWorkViewSet, require_true
from samenspel.meetings.api.serializers import (
    AgendaOrderSerializer,
    ConfidentialityConfirmationSerializer,
    MeetingInvitationSerializer,
    MeetingSerializer,
    MeetingStatusChangeSerializer,
    MeetingUpdateSerializer,
)
from samenspel.meetings.exceptions import PURPOSE_MEETING
from samenspel.meetings.forms import chairs_in, run_regions
from samenspel.meetings.models import ConfidentialityConfirmation, Meeting, MeetingInvitation
from samenspel.meetings.workflow import MeetingStatus
from samenspel.sharing import policy

_RUNNERS = "Door wie het overleg beheert: de voorzitter, of een dossierhouder van de gemeente of regio ervan."


def _choose_chair(pk: int | None, region_ids: list[int]) -> User | None:
    """A chair from those the page offers (active chairs and coordinators of the region)."""
    if pk is None:
        return None
    chair = chairs_in(region_ids).filter(pk=pk).first()
    if chair is None:
        raise serializers.ValidationError({"chair": [_("Kies een actieve voorzitter.")]})
    return chair


def _region_of(meeting: Meeting) -> int:
    return meeting.region_id if meeting.region_id is not None else meeting.municipality.region_id


# Meetings ---------------------------------------------------------------------------------------


class MeetingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, help_text="Status.")
    municipality = IdFilter(field_name="municipality_id", help_text="Id van de gemeente.")
    region = IdFilter(field_name="region_id", help_text="Id van de regio.")
    starts_from, starts_to = date_range("starts_at", "Begint")

    class Meta:
        model = Meeting
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Casusoverleggen",
        description="De overleggen die u voorzit, waarvoor u of uw organisatie is uitgenodigd, en voor dossierhouders "
        "die van hun gemeente en regio: alleen datum, plaats, voorzitter en status. Nieuwste eerst. Elke "
        "opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(
        summary="Eén casusoverleg",
        description="De kop van het overleg, ook vóór de geheimhoudingsverklaring; `confidentiality_confirmed` zegt "
        "of u de agenda al kunt openen. Elke opvraging wordt gelogd.",
    ),
    create=extend_schema(
        summary="Casusoverleg plannen",
        description="Door een voorzitter of dossierhouder, voor een gemeente of regio die zijn rol omvat "
        "(`municipality` of `region`). Een plaats of een https-link, of allebei.",
    ),
    partial_update=extend_schema(
        summary="Casusoverleg wijzigen",
        description="Datum, tijd, plaats, link of voorzitter van een gepland overleg. " + _RUNNERS,
        request=MeetingUpdateSerializer,
        responses={200: MeetingSerializer},
    ),
    change_status=extend_schema(
        summary="Overleg als gehouden vastleggen of annuleren",
        description="Gehouden kan pas na de aanvang; annuleren vraagt een reden. Beide zijn definitief. " + _RUNNERS,
        request=MeetingStatusChangeSerializer,
        responses={200: MeetingSerializer},
    ),
    agenda_order=extend_schema(
        summary="Agenda in een nieuwe volgorde zetten",
        description="Alle agendapunten van een gepland overleg, elk precies één keer. " + _RUNNERS,
        request=AgendaOrderSerializer,
        responses={200: AgendaOrderSerializer},
    ),
)
@extend_schema(tags=["Casusoverleg"])
class MeetingViewSet(MeetingWorkViewSet):
    model = Meeting
    object_type = "meeting"
    action_names = {
        "list": "meeting.list",
        "retrieve": "meeting.header_view",
        "create": "meeting.create",
        "partial_update": "meeting.update",
        "change_status": "meeting.change_status",
        "agenda_order": "meeting.reorder_agenda",
    }
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    http_method_names = ["get", "post", "patch", "head"]

    def scoped_queryset(self, user):
        return (
            Meeting.objects.visible_to(user)
            .annotate(
                confidentiality_confirmed=ExpressionWrapper(policy.confirmed_q(user), output_field=BooleanField()),
                may_manage=ExpressionWrapper(policy.meeting_manager_q(user), output_field=BooleanField()),
            )
            .order_by("-starts_at", "-pk")
        )

    def _fresh(self, meeting: Meeting) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data

    def create(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_capability(Capability.CHAIR_MEETINGS) or user.has_capability(Capability.DIRECT_CASES)):
            raise NotAllowed("meeting.create", object_type="meeting", purpose=PURPOSE_MEETING)
        data = self.input(MeetingSerializer)
        municipality_id, region_id = data.pop("municipality_id", None), data.pop("region_id", None)
        if (municipality_id is None) == (region_id is None):
            raise serializers.ValidationError({"municipality": [_("Kies een gemeente of een regio (niet allebei).")]})
        scope = {}
        if municipality_id is not None:
            scope["municipality"] = Municipality.objects.filter(pk=municipality_id).first()
            if scope["municipality"] is None:
                raise serializers.ValidationError({"municipality": [_("Kies een bestaande gemeente.")]})
        else:
            scope["region"] = Region.objects.filter(pk=region_id).first()
            if scope["region"] is None:
                raise serializers.ValidationError({"region": [_("Kies een bestaande regio.")]})
        chair = _choose_chair(data.pop("chair_id", None), run_regions(user))
        with service_errors():
            meeting = services.create_meeting(user, chair=chair, **scope, **data)
        return created(self._fresh(meeting))

    def partial_update(self, request, *args, **kwargs):
        meeting = self.get_object()
        if not meeting.may_manage:
            raise self.refuse("meeting", meeting.pk)
        changes = self.input(MeetingUpdateSerializer)
        if "chair" in changes:
            changes["chair"] = _choose_chair(changes["chair"], [_region_of(meeting)])
        with service_errors():
            services.update_meeting(request.user, meeting, **changes)
        return Response(self._fresh(meeting))

    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, *args, **kwargs):
        meeting = self.get_object()
        if not meeting.may_manage:
            raise self.refuse("meeting", meeting.pk)
        data = self.input(MeetingStatusChangeSerializer)
        with service_errors():
            services.change_meeting_status(request.user, meeting, data["status"], reason=data["reason"])
        return Response(self._fresh(meeting))

    @action(detail=True, methods=["post"], url_path="agenda-order")
    def agenda_order(self, request, *args, **kwargs):
        meeting = self.get_object()
        if not meeting.may_manage:
            raise self.refuse("meeting", meeting.pk)
        items = self.input(AgendaOrderSerializer)["items"]
        with service_errors({"order": "items"}):
            ordered = services.reorder_agenda(request.user, meeting, items)
        return Response({"items": [item.pk for item in ordered]})


# Invitations ------------------------------------------------------------------------------------


class InvitationFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id", help_text="Id van het casusoverleg.")
    organisation = IdFilter(field_name="organisation_id", help_text="Id van de organisatie.")

    class Meta:
        model = MeetingInvitation
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Uitnodigingen",
        description="Wie voor een overleg is uitgenodigd: voor wie het overleg beheert, en voor de anderen na hun "
        "geheimhoudingsverklaring (zoals op de pagina van het overleg). Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén uitnodiging", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Uitnodigen",
        description="Een organisatie uit de regio van het overleg (iedereen ervan die aan casussen werkt, mag "
        "aansluiten), of één medewerker ervan (`person`). Alleen zolang het overleg gepland is. " + _RUNNERS,
    ),
)
@extend_schema(tags=["Casusoverleg"])
class MeetingInvitationViewSet(MeetingWorkViewSet):
    model = MeetingInvitation
    object_type = "meeting_invitation"
    action_names = {
        "list": "meeting_invitation.list",
        "retrieve": "meeting_invitation.view",
        "create": "meeting.invite",
    }
    serializer_class = MeetingInvitationSerializer
    filterset_class = InvitationFilter

    def scoped_queryset(self, user):
        shown = policy.meeting_manager_q(user, "meeting__") | policy.confirmed_q(user, "meeting__")
        return MeetingInvitation.objects.visible_to(user).filter(shown).order_by("meeting_id", "invited_at", "pk")

    def create(self, request, *args, **kwargs):
        data = self.input(MeetingInvitationSerializer)
        meeting = self.reachable_meeting(data["meeting_id"], manage=True)
        organisation = Organisation.objects.filter(pk=data["organisation_id"]).first()
        person = None
        if data.get("person_id") is not None:
            person = User.objects.filter(pk=data["person_id"], organisation=organisation).first()
            if person is None:
                raise serializers.ValidationError(
                    {"person": [_("Kies een actieve medewerker van deze organisatie die aan casussen werkt.")]}
                )
        with service_errors():
            invitation = services.invite(request.user, meeting, organisation, person=person)
        return created(self.get_serializer(invitation).data)


# Confidentiality confirmations ----------------------------------------------------------------


class ConfirmationFilter(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id", help_text="Id van het casusoverleg.")

    class Meta:
        model = ConfidentialityConfirmation
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Geheimhoudingsverklaringen",
        description="Uw eigen bevestigingen, en alle bevestigingen van de overleggen die u beheert. Elke opvraging "
        "wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén geheimhoudingsverklaring", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Geheimhoudingsverklaring bevestigen",
        description="Voordat u de agenda van een overleg opent, bevestigt u dat u vertrouwelijk omgaat met wat erin "
        "wordt besproken (`statement`: true). Uw bevestiging wordt vastgelegd (wie, van welke organisatie, "
        "wanneer). Een tweede keer geeft de bestaande bevestiging terug (200).",
        responses={201: ConfidentialityConfirmationSerializer, 200: ConfidentialityConfirmationSerializer},
    ),
)
@extend_schema(tags=["Casusoverleg"])
class ConfidentialityConfirmationViewSet(MeetingWorkViewSet):
    model = ConfidentialityConfirmation
    object_type = "confidentiality_confirmation"
    action_names = {
        "list": "confidentiality_confirmation.list",
        "retrieve": "confidentiality_confirmation.view",
        "create": "meeting.confirm_confidentiality",
    }
    serializer_class = ConfidentialityConfirmationSerializer
    filterset_class = ConfirmationFilter

    def scoped_queryset(self, user):
        return ConfidentialityConfirmation.objects.visible_to(user).order_by("meeting_id", "confirmed_at", "pk")

    def create(self, request, *args, **kwargs):
        data = self.input(ConfidentialityConfirmationSerializer)
        require_true(data["statement"], "statement", _("Bevestig de verklaring met true om het overleg te openen."))
        meeting = self.reachable_meeting(data["meeting_id"])
        existed = ConfidentialityConfirmation.objects.filter(meeting=meeting, user=request.user).exists()
        with service_errors():
            confirmation = services.confirm_confidentiality(request.user, meeting)
        data = self.get_serializer(confirmation).data
        return Response(data) if existed else created(data)
