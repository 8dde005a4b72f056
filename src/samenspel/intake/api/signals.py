"""/api/v1/signals/: reporting, reading, and the coordinator's actions on one signal (the
person's identity, the link to a known subject, taking it into triage) and adding a file.

The viewset reads through `Signal.objects.visible_to` (applied by api.viewsets.ScopedViewSet)
and writes only through intake.services, which check, validate, lock and audit in one
transaction. Reads of personal data write one audit entry per response."""

from __future__ import annotations

import django_filters
from django.db.models import BooleanField, ExpressionWrapper
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.audit.services import record
from samenspel.cases.api.common import AuditedRetrieveMixin, boolean_filter, created, date_range, service_errors
from samenspel.cases.api.serializers import SubjectSerializer
from samenspel.cases.identity import Identity
from samenspel.cases.models import Subject
from samenspel.cases.services.common import PURPOSE_INTAKE, PURPOSE_TRIAGE
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake import selectors, services
from samenspel.intake.api.attachments import attachments_visible_to, upload_attachment
from samenspel.intake.api.serializers import (
    PERSON_FIELDS,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    IdentityInputSerializer,
    LinkSubjectSerializer,
    SignalCreateSerializer,
    SignalSerializer,
    StartTriageSerializer,
)
from samenspel.intake.models import Signal, Urgency
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing import policy

# As many as the signal page offers.
MAX_MATCHES = 10
# A closed signal is refused as a whole, not one of its fields.
CLOSED = {"status": "non_field_errors"}


class SignalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=SignalStatus.choices,
        method="filter_status",
        help_text="Status van de duiding (alleen voor wie de melding duidt).",
    )
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, help_text="Urgentie.")
    reported_by_me = boolean_filter("filter_mine", "Alleen mijn eigen meldingen.")
    received_from, received_to = date_range("received_at", "Ontvangen")

    class Meta:
        model = Signal
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        # A reporter must not learn the triage status by filtering on it.
        return queryset.filter(policy.triage_q(self.request.user), status=value)

    def filter_mine(self, queryset, name, value):
        mine = {"reporter_id": self.request.user.pk}
        return queryset.filter(**mine) if value == "true" else queryset.exclude(**mine)


_COORDINATOR_ONLY = "Alleen de dossierhouder die de melding duidt; de melding moet nog open zijn."


@extend_schema_view(
    list=extend_schema(
        summary="Meldingen",
        description="De dossierhouder ziet alle meldingen van zijn gemeenten; een melder ziet de eigen "
        "meldingen met alleen `reporter_status` (de duidingsvelden zijn leeg). Nieuwste eerst. "
        "Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén melding", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Zorg melden",
        description="Bij acuut gevaar of een strafbaar feit: bel 112, de politie (0900-8844) of "
        "Meld Misdaad Anoniem (0800-7000), niet deze API. Bijlagen daarna via "
        "`POST /api/v1/signals/{id}/attachments/`.",
        request=SignalCreateSerializer,
        responses={201: SignalSerializer},
    ),
    identity=extend_schema(
        summary="Persoonsgegevens van een melding aanvullen of corrigeren",
        description="Weggelaten velden blijven zoals ze zijn; een lege tekst of null wist een veld. "
        + _COORDINATOR_ONLY,
        request=IdentityInputSerializer,
        responses={200: SignalSerializer},
    ),
    link_subject=extend_schema(
        summary="Melding koppelen aan een bekende betrokkene",
        description="Aan een betrokkene die u ziet (`subject`), of `null` om de koppeling op te heffen. "
        + _COORDINATOR_ONLY,
        request=LinkSubjectSerializer,
        responses={200: SignalSerializer},
    ),
    start_triage=extend_schema(
        summary="Melding in duiding nemen",
        description="Een nieuwe melding, of een gemonitorde bij herbeoordeling. " + _COORDINATOR_ONLY,
        request=StartTriageSerializer,
        responses={200: SignalSerializer},
    ),
    matching_subjects=extend_schema(
        summary="Bekende betrokkenen die op de persoon van de melding lijken",
        description="Wat de webinterface aanbiedt om te koppelen: betrokkenen die u ziet, met dezelfde naam "
        "en geboortedatum (hoogstens 10). " + _COORDINATOR_ONLY.split(";")[0] + ". Elke opvraging wordt gelogd.",
        responses={200: SubjectSerializer(many=True)},
    ),
    attachments=extend_schema(
        summary="Bijlage toevoegen aan een melding",
        description="Als `multipart/form-data` met één bestand in het veld `file`. Door de melder zolang de "
        "melding open is, of door de dossierhouder die haar duidt. Het type wordt aan de inhoud "
        "vastgesteld; te grote of andere bestanden worden geweigerd (400).",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    ),
)
@extend_schema(tags=["Meldingen"])
class SignalViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = Signal
    capability = Capability.REPORT_SIGNALS
    object_type = "signal"
    action_names = {
        "list": "signal.list",
        "retrieve": "signal.view",
        "create": "signal.report",
        "identity": "signal.identity_update",
        "link_subject": "signal.link_subject",
        "start_triage": "signal.start_triage",
        "matching_subjects": "signal.matching_subjects",
        "attachments": "signal.attachment_add",
    }
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = SignalSerializer
    filterset_class = SignalFilter

    def scoped_queryset(self, user):
        in_scope = ExpressionWrapper(policy.triage_q(user), output_field=BooleanField())
        return (
            Signal.objects.visible_to(user)
            .with_overdue()
            .annotate(in_triage_scope=in_scope)
            .prefetch_related("concern_categories")
            .order_by("-received_at", "-pk")
        )

    def _purpose(self) -> str:
        return PURPOSE_TRIAGE if self.request.user.has_capability(Capability.TRIAGE_SIGNALS) else PURPOSE_INTAKE

    def list_audit_fields(self):
        return {"purpose": self._purpose()}

    def retrieve_audit_fields(self, signal):
        purpose = PURPOSE_TRIAGE if signal.in_triage_scope else PURPOSE_INTAKE
        return {"subject_id": signal.subject_id or "", "purpose": purpose}

    def create(self, request, *args, **kwargs):
        serializer = SignalCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        with service_errors(PERSON_FIELDS):
            signal = services.report_signal(request.user, identity=data.pop("person", None), **data)
        return created(self.get_serializer(self.get_queryset().get(pk=signal.pk)).data)

    # The coordinator's actions ------------------------------------------------------------

    def triaged_signal(self) -> Signal:
        """The signal for a triage write: 403 without the capability (whatever the id), 404
        out of reach, 403 for a signal the user sees but does not triage (their own report
        elsewhere). The service locks and checks again."""
        require_capability(self.request.user, Capability.TRIAGE_SIGNALS, self.audit_action())
        signal = self.get_object()
        if not signal.in_triage_scope:
            raise NotAllowed(self.audit_action(), object_type="signal", object_id=signal.pk, purpose=PURPOSE_TRIAGE)
        return signal

    def _fresh(self, signal: Signal) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=signal.pk)).data)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @action(detail=True, methods=["post"])
    def identity(self, request, *args, **kwargs):
        signal = self.triaged_signal()
        changes = self._input(IdentityInputSerializer)
        current = {name: getattr(signal, name) for name in Identity.field_names()}
        identity = Identity.coerce({**current, **changes})
        with service_errors(CLOSED):
            services.update_signal_identity(request.user, signal, identity)
        return self._fresh(signal)

    @action(detail=True, methods=["post"], url_path="link-subject")
    def link_subject(self, request, *args, **kwargs):
        signal = self.triaged_signal()
        subject_id = self._input(LinkSubjectSerializer)["subject"]
        subject = None
        if subject_id is not None:
            subject = Subject.objects.visible_to(request.user).filter(pk=subject_id).first()
            if subject is None:
                raise NotVisible(
                    self.audit_action(), object_type="subject", object_id=subject_id, purpose=PURPOSE_TRIAGE
                )
        with service_errors(CLOSED):
            services.link_signal_to_subject(request.user, signal, subject)
        return self._fresh(signal)

    @action(detail=True, methods=["post"], url_path="start-triage")
    def start_triage(self, request, *args, **kwargs):
        signal = self.triaged_signal()
        reason = self._input(StartTriageSerializer)["reason"]
        with service_errors(CLOSED):
            services.start_triage(request.user, signal, reason=reason)
        return self._fresh(signal)

    @action(detail=True, methods=["get"], url_path="matching-subjects", pagination_class=None)
    def matching_subjects(self, request, *args, **kwargs):
        signal = self.triaged_signal()
        matches = list(
            selectors.matching_subjects_for(request.user, signal)
            .exclude(pk=signal.subject_id or 0)
            .order_by("pk")[:MAX_MATCHES]
        )
        data = SubjectSerializer(matches, many=True).data
        record(
            self.audit_action(),
            object_type="signal",
            object_id=signal.pk,
            subject_id=signal.subject_id or "",
            purpose=PURPOSE_TRIAGE,
            role=self.audit_role,
        )
        return Response(data)

    # Files --------------------------------------------------------------------------------

    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, *args, **kwargs):
        signal = self.get_object()
        attachment = upload_attachment(request, signal, context=self.get_serializer_context())
        shown = attachments_visible_to(request.user).get(pk=attachment.pk)
        return created(AttachmentSerializer(shown, context=self.get_serializer_context()).data)
