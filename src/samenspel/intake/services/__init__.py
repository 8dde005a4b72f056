"""The one write path for signals and their triage. Every function checks that the actor may
do it (NotAllowed / NotVisible), validates (ValidationError with Dutch messages keyed by
field), locks, writes and appends its audit entry, all in one transaction."""

from samenspel.intake.services.reporting import add_attachment, report_citizen_concern, report_signal
from samenspel.intake.services.requests import answer_information_request, request_information
from samenspel.intake.services.triage import (
    add_assessment_note,
    decide,
    link_signal_to_subject,
    start_triage,
    update_signal_identity,
)

__all__ = [
    "add_assessment_note",
    "add_attachment",
    "answer_information_request",
    "decide",
    "link_signal_to_subject",
    "report_citizen_concern",
    "report_signal",
    "request_information",
    "start_triage",
    "update_signal_identity",
]
