"""/api/v1/case-reviews/: the reviews of a case (the professionals' judgement of the trend:
better, unchanged or worse, with a reason) and its next review date.

Seen by whoever sees the case (`CaseReview.objects.visible_to`), as on the case page;
recorded and scheduled only by the directing coordinator, on behalf of the professionals who
discussed the case, through cases.services. Every read writes one audit entry."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response

from samenspel.cases import services
from samenspel.cases.api.common import IdFilter, created, date_range, service_errors
from samenspel.cases.api.followup_serializers import CaseReviewSerializer, ReviewScheduleSerializer
from samenspel.cases.api.plan_common import STATE_ERRORS_ON_CASE
from samenspel.cases.api.viewsets import CaseWorkViewSet
from samenspel.cases.models import CaseReview, Trend


class CaseReviewFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Id van de casus.")
    trend = django_filters.ChoiceFilter(choices=Trend.choices, help_text="Ontwikkeling.")
    review_from, review_to = date_range("review_date", "Besproken")

    class Meta:
        model = CaseReview
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Herbeoordelingen",
        description="De herbeoordelingen van de casussen die u ziet, nieuwste eerst: het oordeel over de "
        "ontwikkeling in één woord met een reden. Samenspel berekent geen score. Elke opvraging wordt gelogd.",
    ),
    retrieve=extend_schema(summary="Eén herbeoordeling", description="Elke opvraging wordt gelogd."),
    create=extend_schema(
        summary="Herbeoordeling vastleggen",
        description="Door de dossierhouder die de casus regisseert, namens de professionals die de casus "
        "bespraken. De volgende bespreking wordt die van de casus.",
    ),
    schedule=extend_schema(
        summary="Volgende bespreking plannen",
        description="Verzet de datum van de volgende bespreking van een casus, zonder herbeoordeling; door de "
        "dossierhouder die de casus regisseert.",
        request=ReviewScheduleSerializer,
        responses={200: ReviewScheduleSerializer},
    ),
)
@extend_schema(tags=["Plan van aanpak"])
class CaseReviewViewSet(CaseWorkViewSet):
    model = CaseReview
    object_type = "case_review"
    action_names = {
        "list": "case_review.list",
        "retrieve": "case_review.view",
        "create": "case.review_add",
        "schedule": "case.review_schedule",
    }
    serializer_class = CaseReviewSerializer
    filterset_class = CaseReviewFilter

    def scoped_queryset(self, user):
        return CaseReview.objects.visible_to(user).select_related("case").order_by("-review_date", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = self.visible_case(data.pop("case_id"))
        self.require_direction(case.pk)
        with service_errors(STATE_ERRORS_ON_CASE):
            review = services.record_review(request.user, case, **data)
        return created(self.get_serializer(review).data)

    @action(detail=False, methods=["post"])
    def schedule(self, request, *args, **kwargs):
        serializer = ReviewScheduleSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = self.visible_case(data["case"])
        self.require_direction(case.pk)
        with service_errors(STATE_ERRORS_ON_CASE):
            case = services.schedule_review(request.user, case, next_review_date=data["next_review_date"])
        return Response({"case": case.pk, "next_review_date": case.next_review_date.isoformat()})
