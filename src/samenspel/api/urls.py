"""/api/v1/: the resources, the OpenAPI schema and its docs page, and a problem+json 404 for
every other path below /api/v1/."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from samenspel.api.docs import DocsView, PublicJSONSchemaView, PublicSchemaView
from samenspel.api.endpoints.audit_entries import AuditEntryViewSet
from samenspel.api.endpoints.organisations import OrganisationViewSet
from samenspel.api.endpoints.users import UserViewSet
from samenspel.api.views import not_found
from samenspel.cases.api import plan_routes
from samenspel.cases.api.history import CasePhaseChangeViewSet
from samenspel.cases.api.related_persons import RelatedPersonViewSet
from samenspel.cases.api.viewsets import (
    AssessmentViewSet,
    CaseViewSet,
    InformationItemViewSet,
    SubjectViewSet,
    TeamMemberViewSet,
)
from samenspel.intake.api.attachments import AttachmentViewSet
from samenspel.intake.api.signals import SignalViewSet
from samenspel.intake.api.viewsets import (
    AssessmentNoteViewSet,
    InformationRequestViewSet,
    SignalTransitionViewSet,
    TriageDecisionViewSet,
)
from samenspel.meetings.api import routes as meeting_routes
from samenspel.restricted.api.viewsets import RestrictedDocumentViewSet

app_name = "api"

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("users", UserViewSet, basename="user")
router.register("audit-entries", AuditEntryViewSet, basename="audit-entry")
router.register("signals", SignalViewSet, basename="signal")
router.register("triage-decisions", TriageDecisionViewSet, basename="triage-decision")
router.register("assessment-notes", AssessmentNoteViewSet, basename="assessment-note")
router.register("information-requests", InformationRequestViewSet, basename="information-request")
router.register("signal-transitions", SignalTransitionViewSet, basename="signal-transition")
router.register("attachments", AttachmentViewSet, basename="attachment")
router.register("subjects", SubjectViewSet, basename="subject")
router.register("cases", CaseViewSet, basename="case")
router.register("case-phase-changes", CasePhaseChangeViewSet, basename="case-phase-change")
router.register("related-persons", RelatedPersonViewSet, basename="related-person")
router.register("case-team-members", TeamMemberViewSet, basename="case-team-member")
router.register("information-items", InformationItemViewSet, basename="information-item")
router.register("life-domain-assessments", AssessmentViewSet, basename="life-domain-assessment")
plan_routes.register(router)  # plans, interventions, catalogue, reviews, closures, transfers
meeting_routes.register(router)  # meetings, agenda items, minutes, decisions, actions, disclosures
router.register("restricted-documents", RestrictedDocumentViewSet, basename="restricted-document")

urlpatterns = [
    *router.urls,
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("openapi.json", PublicJSONSchemaView.as_view(), name="openapi-json"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found, name="not-found"),
]
