"""/api/v1/related-persons/: family and others close to a subject, with their relation.

Read through `RelatedPerson.objects.visible_to` (applied by api.viewsets.ScopedViewSet): the
subjects a user sees, and only when their organisation may receive the "family" category,
as on the case page. Added only by the coordinator directing the case, through
cases.services.add_related_person. Every read writes one audit entry."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from samenspel.cases import services
from samenspel.cases.api.common import IdFilter, created, service_errors
from samenspel.cases.api.serializers import PERSON_FIELDS, RelatedPersonCreateSerializer, RelatedPersonSerializer
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import RelatedPerson, Relation


class RelatedPersonFilter(django_filters.FilterSet):
    subject = IdFilter(field_name="subject_id", help_text="Id van de betrokkene.")
    case = IdFilter(method="filter_case", help_text="Id van een casus: de verwante personen van haar betrokkene.")
    relation = django_filters.ChoiceFilter(choices=Relation.choices, help_text="Relatie.")

    class Meta:
        model = RelatedPerson
        fields: list[str] = []

    def filter_case(self, queryset, name, value):
        return queryset.filter(subject__cases__id=value)


@extend_schema_view(
    list=extend_schema(
        summary="Verwante personen",
        description="Gezinsleden en anderen dicht bij de betrokkenen die u ziet, alleen als uw organisatie "
        "gezinsinformatie mag ontvangen (convenant). Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén verwante persoon", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Verwante persoon vastleggen",
        description="Door de dossierhouder die de casus regisseert en gezinsinformatie mag ontvangen; de "
        "casus moet open zijn. Ten minste een naam.",
        request=RelatedPersonCreateSerializer,
        responses={201: RelatedPersonSerializer},
    ),
)
@extend_schema(tags=["Casussen"])
class RelatedPersonViewSet(CaseWorkViewSet):
    model = RelatedPerson
    object_type = "related_person"
    action_names = {
        "list": "related_person.list",
        "retrieve": "related_person.view",
        "create": "case.related_person_add",
    }
    serializer_class = RelatedPersonSerializer
    filterset_class = RelatedPersonFilter

    def scoped_queryset(self, user):
        return RelatedPerson.objects.visible_to(user).order_by("subject_id", "relation", "pk")

    def subject_of(self, person):
        return person.subject_id

    def create(self, request, *args, **kwargs):
        serializer = RelatedPersonCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case_id"])
        self.require_direction(case.pk)
        with service_errors({**PERSON_FIELDS, "phase": "case"}):
            person = services.add_related_person(request.user, case, relation=data["relation"], identity=data["person"])
        return created(self.get_serializer(person).data)
