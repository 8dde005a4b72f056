"""/api/v1/triage-decisions/, /api/v1/assessment-notes/, /api/v1/information-requests/ and
/api/v1/signal-transitions/ (signals are in intake.api.signals, files in .attachments).

Each viewset reads through one `visible_to` queryset (applied by api.viewsets.ScopedViewSet)
and writes only through intake.services, which check, validate, lock and audit in one
transaction. Reads of personal data write one audit entry per response."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.cases.api.common import (
    AuditedRetrieveMixin,
    IdFilter,
    boolean_filter,
    created,
    date_range,
    service_errors,
    visible_or_404,
)
from samenspel.cases.models import Case
from samenspel.cases.services.common import PURPOSE_CASE_WORK, PURPOSE_TRIAGE
from samenspel.core.exceptions import NotAllowed
from samenspel.intake import services
from samenspel.intake.api.serializers import (
    AnswerSerializer,
    AssessmentNoteSerializer,
    InformationRequestSerializer,
    SignalTransitionSerializer,
    TriageDecisionSerializer,
)
from samenspel.intake.models import (
    AssessmentNote,
    DecisionOutcome,
    InformationRequest,
    RequestStatus,
    Signal,
    SignalTransition,
    TriageDecision,
)
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory

# Triage decisions -----------------------------------------------------------------------


class TriageDecisionFilter(django_filters.FilterSet):
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")
    outcome = django_filters.ChoiceFilter(choices=DecisionOutcome.choices, help_text="Het besluit.")
    decided_from, decided_to = date_range("decided_at", "Besloten")

    class Meta:
        model = TriageDecision
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Besluiten na duiding",
        description="De besluitgeschiedenis van de meldingen die u duidt, oudste eerst; filter op "
        "`signal` voor die van één melding. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén besluit"),
    create=extend_schema(
        summary="Besluiten over een melding",
        description="Geen zorg (sluiten), monitoren (met `review_date`), doorverwijzen (`referred_to` of "
        "`referred_to_name`), overdragen aan politie, of casus openen (nieuw, of `case` aanvullen).",
    ),
)
@extend_schema(tags=["Duiding"])
class TriageDecisionViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = TriageDecision
    capability = Capability.TRIAGE_SIGNALS
    object_type = "triage_decision"
    action_names = {"list": "triage_decision.list", "retrieve": "triage_decision.view", "create": "signal.decide"}
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = TriageDecisionSerializer
    filterset_class = TriageDecisionFilter

    def scoped_queryset(self, user):
        return TriageDecision.objects.visible_to(user).select_related("signal").order_by("decided_at", "pk")

    def list_audit_fields(self):
        return {"purpose": PURPOSE_TRIAGE}

    def retrieve_audit_fields(self, decision):
        return {"subject_id": decision.signal.subject_id or "", "purpose": PURPOSE_TRIAGE}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        signal = visible_or_404(Signal.objects.visible_to(user), data["signal_id"], "signal.decide", "signal")
        case = None
        if data.get("case_id") is not None:
            case = visible_or_404(Case.objects.visible_to(user), data["case_id"], "signal.decide", "case")
        referred_to = None
        if data.get("referred_to_id") is not None:
            referred_to = Organisation.objects.filter(pk=data["referred_to_id"]).first()
            if referred_to is None:
                raise serializers.ValidationError({"referred_to": [_("Kies een bestaande organisatie.")]})
        with service_errors({"status": "signal"}):
            decision = services.decide(
                user,
                signal,
                outcome=data["outcome"],
                reason=data["reason"],
                review_date=data.get("review_date"),
                referred_to=referred_to,
                referred_to_name=data.get("referred_to_name", ""),
                case=case,
            )
        return created(self.get_serializer(decision).data)


# Assessment notes -----------------------------------------------------------------------


class AssessmentNoteFilter(django_filters.FilterSet):
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")

    class Meta:
        model = AssessmentNote
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Duidingsnotities",
        description="De notities bij de meldingen die u duidt, oudste eerst; filter op `signal` voor die "
        "van één melding. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén duidingsnotitie"),
    create=extend_schema(summary="Een notitie toevoegen aan een melding in duiding"),
)
@extend_schema(tags=["Duiding"])
class AssessmentNoteViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = AssessmentNote
    capability = Capability.TRIAGE_SIGNALS
    object_type = "assessment_note"
    action_names = {"list": "assessment_note.list", "retrieve": "assessment_note.view", "create": "signal.note_add"}
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = AssessmentNoteSerializer
    filterset_class = AssessmentNoteFilter

    def scoped_queryset(self, user):
        return AssessmentNote.objects.visible_to(user).select_related("signal").order_by("created_at", "pk")

    def list_audit_fields(self):
        return {"purpose": PURPOSE_TRIAGE}

    def retrieve_audit_fields(self, note):
        return {"subject_id": note.signal.subject_id or "", "purpose": PURPOSE_TRIAGE}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        signal = visible_or_404(Signal.objects.visible_to(user), data["signal_id"], "signal.note_add", "signal")
        with service_errors({"status": "signal"}):
            note = services.add_assessment_note(user, signal, text=data["text"])
        return created(self.get_serializer(note).data)


# Information requests -------------------------------------------------------------------


class InformationRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, help_text="Open of beantwoord.")
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    addressed_to_me = boolean_filter("filter_addressed", "Alleen verzoeken aan mijn organisatie (om te beantwoorden).")
    requested_from, requested_to = date_range("requested_at", "Gevraagd")

    class Meta:
        model = InformationRequest
        fields: list[str] = []

    def filter_addressed(self, queryset, name, value):
        addressed = policy.addressed_request_q(self.request.user)
        return queryset.filter(addressed) if value == "true" else queryset.exclude(addressed)


@extend_schema_view(
    list=extend_schema(
        summary="Informatieverzoeken",
        description="Verzoeken die uw dossierhouders deden en verzoeken aan uw organisatie, nieuwste eerst. "
        "Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén informatieverzoek", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Informatie vragen",
        description="De dossierhouder vraagt een ketenpartner wat die weet over de persoon van een melding "
        "(`signal`) of casus (`case`), in categorieën die het convenant toestaat.",
    ),
    answer=extend_schema(
        summary="Informatieverzoek beantwoorden",
        description="Alleen de gevraagde organisatie. Elk item wordt informatie in zijn categorie; "
        "een lege lijst betekent: niets te delen.",
        request=AnswerSerializer,
        responses={200: InformationRequestSerializer},
    ),
)
@extend_schema(tags=["Informatieverzoeken"])
class InformationRequestViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = InformationRequest
    capability = Capability.READ_CASE_CONTENT
    object_type = "information_request"
    action_names = {
        "list": "information_request.list",
        "retrieve": "information_request.view",
        "create": "information_request.create",
        "answer": "information_request.answer",
    }
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = InformationRequestSerializer
    filterset_class = InformationRequestFilter

    def scoped_queryset(self, user):
        return (
            InformationRequest.objects.visible_to(user)
            .select_related("signal", "case__subject")
            .prefetch_related("categories")
            .order_by("-requested_at", "-pk")
        )

    def retrieve_audit_fields(self, request_):
        subject_id = request_.signal.subject_id if request_.signal_id else request_.case.subject_id
        return {"subject_id": subject_id or "", "purpose": PURPOSE_TRIAGE if request_.signal_id else PURPOSE_CASE_WORK}

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        if data.get("signal_id") is not None:
            target = visible_or_404(Signal.objects.visible_to(user), data["signal_id"], self.audit_action(), "signal")
        else:
            target = visible_or_404(Case.objects.visible_to(user), data["case_id"], self.audit_action(), "case")
        organisation = Organisation.objects.filter(pk=data["organisation_id"]).first()
        if organisation is None:
            raise serializers.ValidationError({"organisation": [_("Kies een bestaande organisatie.")]})
        with service_errors({"status": "signal" if isinstance(target, Signal) else "case", "phase": "case"}):
            made = services.request_information(
                user, target, organisation=organisation, categories=data["categories"], question=data["question"]
            )
        return created(self.get_serializer(self.get_queryset().get(pk=made.pk)).data)

    @action(detail=True, methods=["post"])
    def answer(self, request, *args, **kwargs):
        information_request = self.get_object()
        if not InformationRequest.objects.addressed_to(request.user).filter(pk=information_request.pk).exists():
            raise NotAllowed(self.audit_action(), object_type=self.object_type, object_id=information_request.pk)
        serializer = AnswerSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        entries = serializer.validated_data["items"]
        categories = InformationCategory.objects.in_bulk([entry["category"] for entry in entries])
        items = [{**entry, "category": categories.get(entry["category"])} for entry in entries]
        with service_errors({"status": "non_field_errors"}):
            services.answer_information_request(request.user, information_request, items)
        return Response(self.get_serializer(self.get_queryset().get(pk=information_request.pk)).data)


# Status history -------------------------------------------------------------------------


class SignalTransitionFilter(django_filters.FilterSet):
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")
    to_status = django_filters.ChoiceFilter(choices=SignalStatus.choices, help_text="Naar status.")
    at_from, at_to = date_range("at", "Gewijzigd", is_datetime=True)

    class Meta:
        model = SignalTransition
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Statusgeschiedenis van meldingen",
        description="De statuswijzigingen van de meldingen die u duidt, oudste eerst; filter op `signal` voor "
        "die van één melding. Alleen-lezen: de geschiedenis wordt nooit gewijzigd. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén statuswijziging", description="Elke opvraging wordt gelogd."),
)
@extend_schema(tags=["Duiding"])
class SignalTransitionViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    model = SignalTransition
    capability = Capability.TRIAGE_SIGNALS
    object_type = "signal_transition"
    action_names = {"list": "signal_transition.list", "retrieve": "signal_transition.view"}
    audited_reads = frozenset({"list", "retrieve"})
    serializer_class = SignalTransitionSerializer
    filterset_class = SignalTransitionFilter

    def scoped_queryset(self, user):
        return SignalTransition.objects.visible_to(user).select_related("signal").order_by("at", "pk")

    def list_audit_fields(self):
        return {"purpose": PURPOSE_TRIAGE}

    def retrieve_audit_fields(self, transition):
        return {"subject_id": transition.signal.subject_id or "", "purpose": PURPOSE_TRIAGE}
