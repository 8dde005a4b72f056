"""Signals (meldingen) and their triage: transitions, assessment notes, decisions,
information requests and attachments."""

from samenspel.intake.models.attachments import Attachment
from samenspel.intake.models.signals import Channel, Signal, SignalTransition, Urgency
from samenspel.intake.models.triage import (
    AssessmentNote,
    DecisionOutcome,
    InformationRequest,
    RequestStatus,
    TriageDecision,
)

__all__ = [
    "AssessmentNote",
    "Attachment",
    "Channel",
    "DecisionOutcome",
    "InformationRequest",
    "RequestStatus",
    "Signal",
    "SignalTransition",
    "TriageDecision",
    "Urgency",
]
