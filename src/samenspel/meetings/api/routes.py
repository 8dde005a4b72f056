"""The case-conference resources under /api/v1/ (registered by samenspel.api.urls)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from samenspel.meetings.api.actions import ActionViewSet
from samenspel.meetings.api.agenda import AgendaItemViewSet, ItemDisclosureViewSet
from samenspel.meetings.api.meetings import (
    ConfidentialityConfirmationViewSet,
    MeetingInvitationViewSet,
    MeetingViewSet,
)
from samenspel.meetings.api.records import MeetingDecisionViewSet, MinutesViewSet


def register(router: SimpleRouter) -> None:
    """Register every case-conference viewset on the API router."""
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("meeting-invitations", MeetingInvitationViewSet, basename="meeting-invitation")
    router.register(
        "confidentiality-confirmations", ConfidentialityConfirmationViewSet, basename="confidentiality-confirmation"
    )
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("minutes", MinutesViewSet, basename="minutes")
    router.register("meeting-decisions", MeetingDecisionViewSet, basename="meeting-decision")
    router.register("actions", ActionViewSet, basename="action")
    router.register("item-disclosures", ItemDisclosureViewSet, basename="item-disclosure")
