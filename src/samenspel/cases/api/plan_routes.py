"""The plan, follow-up, closure and transfer resources under /api/v1/ (registered by
samenspel.api.urls)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from samenspel.cases.api.catalogue import InterventionTypeViewSet
from samenspel.cases.api.closure import CaseClosureViewSet, CaseReopeningViewSet
from samenspel.cases.api.plans import GoalViewSet, InterventionViewSet, PlanViewSet
from samenspel.cases.api.reviews import CaseReviewViewSet
from samenspel.cases.api.transfers import CaseTransferViewSet


def register(router: SimpleRouter) -> None:
    """Register every plan, review, closure and transfer viewset on the API router."""
    router.register("intervention-types", InterventionTypeViewSet, basename="intervention-type")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("plan-goals", GoalViewSet, basename="plan-goal")
    router.register("interventions", InterventionViewSet, basename="intervention")
    router.register("case-reviews", CaseReviewViewSet, basename="case-review")
    router.register("case-closures", CaseClosureViewSet, basename="case-closure")
    router.register("case-reopenings", CaseReopeningViewSet, basename="case-reopening")
    router.register("case-transfers", CaseTransferViewSet, basename="case-transfer")
