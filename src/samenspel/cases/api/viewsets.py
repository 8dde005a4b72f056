"""/api/v1/subjects/, /api/v1/cases/, /api/v1/case-team-members/,
/api/v1/information-items/ and /api/v1/life-domain-assessments/.

Each viewset reads through one `visible_to` queryset (applied by api.viewsets.ScopedViewSet),
so a partner sees a case only while their organisation is on its team, and of its
information only the categories the agreement gives their organisation: the same querysets
the web pages use. Writes go only through cases.services. Every read writes one audit entry."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.api.viewsets import ScopedListMixin, ScopedViewSet
from samenspel.cases import services
from samenspel.cases.api.common import (
    AuditedRetrieveMixin,
    IdFilter,
    boolean_filter,
    created,
    date_range,
    service_errors,
    visible_or_404,
)
from samenspel.cases.api.serializers import (
    PERSON_FIELDS,
    AssessmentSerializer,
    CaseFlagsSerializer,
    CaseSerializer,
    InformationItemSerializer,
    PhaseChangeSerializer,
    SubjectSerializer,
    TeamMemberSerializer,
)
from samenspel.cases.models import Case, CaseTeamMember, InformationItem, LifeDomain, LifeDomainAssessment, Subject
from samenspel.cases.services.common import PURPOSE_CASE_WORK
from samenspel.cases.workflow import Phase
from samenspel.core.exceptions import NotAllowed
from samenspel.intake.models import Signal
from samenspel.sharing.models import InformationCategory


class CaseWorkViewSet(AuditedRetrieveMixin, ScopedListMixin, ScopedViewSet):
    capability = Capability.READ_CASE_CONTENT
    audited_reads = frozenset({"list", "retrieve"})

    def list_audit_fields(self):
        return {"purpose": PURPOSE_CASE_WORK}

    def subject_of(self, obj) -> object:
        return obj.case.subject_id

    def retrieve_audit_fields(self, obj):
        return {"subject_id": self.subject_of(obj) or "", "purpose": PURPOSE_CASE_WORK}

    def require_direction(self, case_id: int) -> None:
        """Before reading a body: a case the user sees but does not direct is a 403 (the
        service checks again under its lock)."""
        if not Case.objects.directed_by(self.request.user).filter(pk=case_id).exists():
            raise NotAllowed(self.audit_action(), object_type="case", object_id=case_id, purpose=PURPOSE_CASE_WORK)

    def visible_case(self, pk: int) -> Case:
        return visible_or_404(Case.objects.visible_to(self.request.user), pk, self.audit_action(), "case")


def _organisation(pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise serializers.ValidationError({field: [_("Kies een bestaande organisatie.")]})
    return organisation


# Subjects -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Betrokkenen",
        description="De personen van de casussen die u ziet en van de meldingen die u duidt. Elke opvraging "
        "wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén betrokkene", description="Elke opvraging wordt gelogd."),
)
@extend_schema(tags=["Casussen"])
class SubjectViewSet(CaseWorkViewSet):
    model = Subject
    object_type = "subject"
    action_names = {"list": "subject.list", "retrieve": "subject.view"}
    serializer_class = SubjectSerializer

    def scoped_queryset(self, user):
        return Subject.objects.visible_to(user).order_by("pk")

    def subject_of(self, subject):
        return subject.pk


# Cases ----------------------------------------------------------------------------------


class CaseFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(choices=Phase.choices, help_text="Fase.")
    municipality = IdFilter(field_name="municipality_id", help_text="Id van de gemeente.")
    subject = IdFilter(field_name="subject_id", help_text="Id van de betrokkene.")
    opened_from, opened_to = date_range("opened_at", "Geopend")

    class Meta:
        model = Case
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Casussen",
        description="De casussen die u regisseert, of waarvan uw organisatie in het casusteam zit. Nieuwste "
        "eerst. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén casus", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Casus openen",
        description="Door de dossierhouder, over een bekende betrokkene (`subject`) of een nieuwe (`person`).",
    ),
    partial_update=extend_schema(
        summary="Kenmerken van een casus wijzigen",
        description="Minderjarig, terugkeerder, detentie, ideologische context.",
        request=CaseFlagsSerializer,
        responses={200: CaseSerializer},
    ),
    phase=extend_schema(
        summary="Fase van een casus wijzigen",
        description="Volgens de overgangstabel; afsluiten en teruggaan vragen een reden.",
        request=PhaseChangeSerializer,
        responses={200: CaseSerializer},
    ),
)
@extend_schema(tags=["Casussen"])
class CaseViewSet(CaseWorkViewSet):
    model = Case
    object_type = "case"
    action_names = {
        "list": "case.list",
        "retrieve": "case.view",
        "create": "case.open",
        "partial_update": "case.update",
        "phase": "case.change_phase",
    }
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def scoped_queryset(self, user):
        return Case.objects.visible_to(user).select_related("subject").order_by("-opened_at", "-pk")

    def subject_of(self, case):
        return case.subject_id

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        subject_id, person = data.pop("subject_id", None), data.pop("subject", None)
        subject = None
        if subject_id is not None:
            subject = visible_or_404(Subject.objects.visible_to(request.user), subject_id, "case.open", "subject")
        elif not person:
            raise serializers.ValidationError({"person": [_("Kies een bekende betrokkene of vul de persoon in.")]})
        with service_errors(PERSON_FIELDS):
            case = services.open_case(request.user, subject=subject, identity=None if subject else person, **data)
        return created(self.get_serializer(self.get_queryset().get(pk=case.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        case = self.get_object()
        self.require_direction(case.pk)
        serializer = CaseFlagsSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            services.update_case_flags(request.user, case, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=case.pk)).data)

    @action(detail=True, methods=["post"])
    def phase(self, request, *args, **kwargs):
        case = self.get_object()
        self.require_direction(case.pk)
        serializer = PhaseChangeSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            services.change_phase(request.user, case, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=case.pk)).data)


# The case team --------------------------------------------------------------------------


class TeamMemberFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    organisation = IdFilter(field_name="organisation_id", help_text="Id van de organisatie.")

    class Meta:
        model = CaseTeamMember
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Casusteams",
        description="De organisaties op de casussen die u ziet, met contactpersoon en leidende partner.",
    ),
    retrieve=extend_schema(summary="Eén teamlid"),
    create=extend_schema(summary="Organisatie aan het casusteam toevoegen", description="Door de dossierhouder."),
    destroy=extend_schema(summary="Organisatie uit het casusteam halen", description="Door de dossierhouder."),
    lead=extend_schema(summary="Leidende partner maken", request=None, responses={200: TeamMemberSerializer}),
)
@extend_schema(tags=["Casussen"])
class TeamMemberViewSet(CaseWorkViewSet):
    model = CaseTeamMember
    object_type = "case_team_member"
    action_names = {
        "list": "case_team.list",
        "retrieve": "case_team.view",
        "create": "case.team_add",
        "destroy": "case.team_remove",
        "lead": "case.team_lead",
    }
    serializer_class = TeamMemberSerializer
    filterset_class = TeamMemberFilter

    def scoped_queryset(self, user):
        return CaseTeamMember.objects.visible_to(user).select_related("case").order_by("case_id", "-is_lead", "pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case_id"])
        organisation = _organisation(data["organisation_id"], "organisation")
        contact = None
        if data.get("contact_id") is not None:
            contact = User.objects.filter(pk=data["contact_id"], organisation=organisation).first()
            if contact is None:
                raise serializers.ValidationError(
                    {"contact": [_("De contactpersoon moet een medewerker van deze organisatie zijn.")]}
                )
        with service_errors():
            member = services.add_team_member(
                request.user, case, organisation, contact=contact, is_lead=data.get("is_lead", False)
            )
        return created(self.get_serializer(member).data)

    def destroy(self, request, *args, **kwargs):
        member = self.get_object()
        self.require_direction(member.case_id)
        with service_errors():
            services.remove_team_member(request.user, member.case, member.organisation)
        return Response(status=204)

    @action(detail=True, methods=["post"])
    def lead(self, request, *args, **kwargs):
        member = self.get_object()
        self.require_direction(member.case_id)
        with service_errors():
            member = services.set_lead(request.user, member.case, member.organisation)
        return Response(self.get_serializer(member).data)


# Information items ----------------------------------------------------------------------


class InformationItemFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    signal = IdFilter(field_name="signal_id", help_text="Id van de melding.")
    category = IdFilter(field_name="category_id", help_text="Id van de gegevenscategorie.")
    source_organisation = IdFilter(field_name="source_organisation_id", help_text="Id van de bron.")
    date_from, date_to = date_range("date", "Datum")

    class Meta:
        model = InformationItem
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Informatie over betrokkenen",
        description="Alleen de categorieën die het convenant uw organisatie geeft, en wat uw organisatie zelf "
        "aanleverde; precies wat de webinterface toont. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén informatie-item", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Informatie vastleggen",
        description="Op een casus (dossierhouder of teamlid) of een melding in duiding (dossierhouder).",
    ),
)
@extend_schema(tags=["Casussen"])
class InformationItemViewSet(CaseWorkViewSet):
    model = InformationItem
    object_type = "information_item"
    action_names = {
        "list": "information_item.list",
        "retrieve": "information_item.view",
        "create": "information_item.add",
    }
    serializer_class = InformationItemSerializer
    filterset_class = InformationItemFilter

    def scoped_queryset(self, user):
        return InformationItem.objects.visible_to(user).select_related("case", "signal").order_by("-date", "-pk")

    def subject_of(self, item):
        return item.case.subject_id if item.case_id else item.signal.subject_id

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        if data.get("case_id") is not None:
            target = self.visible_case(data["case_id"])
        else:
            target = visible_or_404(Signal.objects.visible_to(user), data["signal_id"], self.audit_action(), "signal")
        category = InformationCategory.objects.filter(pk=data["category_id"], is_active=True).first()
        if category is None:
            raise serializers.ValidationError({"category": [_("Kies een categorie uit de lijst.")]})
        source = _organisation(data.get("source_organisation_id"), "source_organisation")
        with service_errors({"status": "signal", "phase": "case"}):
            item = services.add_information_item(
                user, target, category=category, text=data["text"], date=data.get("date"), source_organisation=source
            )
        return created(self.get_serializer(item).data)


# Life-domain assessments ----------------------------------------------------------------


class AssessmentFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    life_domain = django_filters.ChoiceFilter(choices=LifeDomain.choices, help_text="Leefgebied.")
    current = boolean_filter("filter_current", "Alleen de nieuwste duiding per casus en leefgebied.")

    class Meta:
        model = LifeDomainAssessment
        fields: list[str] = []

    def filter_current(self, queryset, name, value):
        return queryset.current() if value == "true" else queryset


@extend_schema_view(
    list=extend_schema(
        summary="Duidingen per leefgebied",
        description="Risico- en beschermende factoren en het professionele oordeel, in woorden; het systeem "
        "berekent geen score. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén duiding", description="Elke opvraging wordt gelogd."),
    create=extend_schema(summary="Duiding vastleggen", description="Door de dossierhouder of een teamlid."),
)
@extend_schema(tags=["Casussen"])
class AssessmentViewSet(CaseWorkViewSet):
    model = LifeDomainAssessment
    object_type = "life_domain_assessment"
    action_names = {
        "list": "case.assessment_list",
        "retrieve": "case.assessment_view",
        "create": "case.assessment_add",
    }
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def scoped_queryset(self, user):
        return LifeDomainAssessment.objects.visible_to(user).select_related("case").order_by("-recorded_at", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = self.visible_case(data.pop("case_id"))
        with service_errors({"phase": "case"}):
            assessment = services.record_assessment(request.user, case, **data)
        return created(self.get_serializer(assessment).data)
