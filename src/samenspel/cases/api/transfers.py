"""/api/v1/case-transfers/: handing a case to another municipality when the person moves.

Read through `CaseTransfer.objects.visible_to` (applied by api.viewsets.ScopedViewSet): the
coordinators of the sending and of the receiving municipality, as on the case page and the
page of incoming transfers. The directing coordinator asks; a coordinator of the receiving
municipality accepts or declines. Before accepting, the receiving coordinator sees the
request, its reason and the person's identity, never the case itself (`/cases/{id}/` stays a
404 until the transfer is accepted). Writes go only through cases.services; every read
writes one audit entry with the subject."""

from __future__ import annotations

import django_filters
from django.db.models import BooleanField, Exists, OuterRef, Q, Value, When
from django.db.models import Case as Choose
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Municipality, User
from samenspel.accounts.roles import Capability
from samenspel.api.problems import NON_FIELD_NAME
from samenspel.cases import services
from samenspel.cases.api.common import IdFilter, boolean_filter, created, service_errors
from samenspel.cases.api.followup_serializers import (
    CaseTransferSerializer,
    TransferAcceptSerializer,
    TransferDeclineSerializer,
)
from samenspel.cases.api.plan_common import STATE_ERRORS_ON_CASE, first_or_none
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import Case, CaseTransfer
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.cases.workflow import TransferStatus
from samenspel.core.exceptions import NotAllowed
from samenspel.sharing import policy

# The decision's state errors: the transfer was decided already ("status"), or the case
# closed or moved meanwhile ("case"); neither is a field of the request.
DECISION_ERRORS = {"status": NON_FIELD_NAME, "case": NON_FIELD_NAME}


def _flag(condition: Q) -> Choose:
    """A boolean annotation (a condition that matches nothing is simply false)."""
    return Choose(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


class CaseTransferFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, help_text="Status.")
    incoming = boolean_filter("filter_incoming", "Alleen (true) of juist niet (false) die naar uw gemeente.")

    class Meta:
        model = CaseTransfer
        fields: list[str] = []

    def filter_incoming(self, queryset, name, value):
        return queryset.filter(is_incoming=value == "true")


@extend_schema_view(
    list=extend_schema(
        summary="Overdrachten van casussen",
        description="De overdrachten van en naar de gemeenten waarin u casussen regisseert, nieuwste eerst. Met "
        "`incoming=true&status=requested` de verzoeken waarover u beslist. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén overdracht", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Overdracht aanvragen",
        description="Door de dossierhouder die de casus regisseert, naar een andere gemeente, met een reden. "
        "Eén lopend verzoek per casus.",
    ),
    accept=extend_schema(
        summary="Overdracht accepteren",
        description="Door een dossierhouder van de ontvangende gemeente: de casus gaat naar die gemeente met "
        "`coordinator` (standaard uzelf) als dossierhouder; het casusteam stopt.",
        request=TransferAcceptSerializer,
        responses={200: CaseTransferSerializer},
    ),
    decline=extend_schema(
        summary="Overdracht weigeren",
        description="Door een dossierhouder van de ontvangende gemeente, met een reden; de casus blijft waar hij is.",
        request=TransferDeclineSerializer,
        responses={200: CaseTransferSerializer},
    ),
)
@extend_schema(tags=["Casussen"])
class CaseTransferViewSet(CaseWorkViewSet):
    model = CaseTransfer
    capability = Capability.DIRECT_CASES
    object_type = "case_transfer"
    action_names = {
        "list": "case_transfer.list",
        "retrieve": "case_transfer.view",
        "create": "case_transfer.request",
        "accept": "case_transfer.accept",
        "decline": "case_transfer.decline",
    }
    serializer_class = CaseTransferSerializer
    filterset_class = CaseTransferFilter

    def scoped_queryset(self, user):
        incoming = policy.incoming_transfer_q(user)
        sees_case = Exists(Case.objects.visible_to(user).filter(pk=OuterRef("case_id")))
        return (
            CaseTransfer.objects.visible_to(user)
            .annotate(
                is_incoming=_flag(incoming),
                shows_person=_flag((incoming & Q(status=TransferStatus.REQUESTED)) | Q(sees_case)),
            )
            .select_related("case__subject")
            .order_by("-requested_at", "-pk")
        )

    def fresh(self, transfer: CaseTransfer) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=transfer.pk)).data

    def require_receiving(self, transfer: CaseTransfer) -> None:
        """Before reading a body: the sending side sees the transfer but does not decide (403;
        the service checks again under its lock)."""
        if not transfer.is_incoming:
            raise NotAllowed(
                self.audit_action(), object_type="case_transfer", object_id=transfer.pk, purpose=PURPOSE_CASE_WORK
            )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case_id"])
        self.require_direction(case.pk)
        with service_errors(STATE_ERRORS_ON_CASE):
            transfer = services.request_transfer(
                request.user,
                case,
                to_municipality=first_or_none(Municipality.objects.all(), data["to_municipality_id"]),
                reason=data["reason"],
            )
        return created(self.fresh(transfer))

    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        transfer = self.get_object()
        self.require_receiving(transfer)
        serializer = TransferAcceptSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        coordinator = None
        if data.get("coordinator") is not None:
            coordinator = User.objects.filter(pk=data["coordinator"], is_active=True).first()
            if coordinator is None:
                raise serializers.ValidationError(
                    {"coordinator": [_("Kies een dossierhouder van de ontvangende gemeente.")]}
                )
        with service_errors(DECISION_ERRORS):
            transfer = services.accept_transfer(request.user, transfer, coordinator=coordinator, note=data["note"])
        return Response(self.fresh(transfer))

    @action(detail=True, methods=["post"])
    def decline(self, request, *args, **kwargs):
        transfer = self.get_object()
        self.require_receiving(transfer)
        serializer = TransferDeclineSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors(DECISION_ERRORS):
            transfer = services.decline_transfer(request.user, transfer, reason=serializer.validated_data["reason"])
        return Response(self.fresh(transfer))
