"""The case conference (casusoverleg): meetings with their invitations and confidentiality
confirmations, agenda items with minutes, decisions, actions and the chair's disclosure
decisions."""

from samenspel.meetings.models.actions import Action, ActionStatusChange
from samenspel.meetings.models.agenda import (
    AgendaItem,
    AgendaItemKind,
    DisclosureDecision,
    MeetingDecision,
    Minutes,
    MinutesRevision,
)
from samenspel.meetings.models.meetings import (
    ConfidentialityConfirmation,
    Meeting,
    MeetingInvitation,
    MeetingStatusChange,
)

__all__ = [
    "Action",
    "ActionStatusChange",
    "AgendaItem",
    "AgendaItemKind",
    "ConfidentialityConfirmation",
    "DisclosureDecision",
    "Meeting",
    "MeetingDecision",
    "MeetingInvitation",
    "MeetingStatusChange",
    "Minutes",
    "MinutesRevision",
]
