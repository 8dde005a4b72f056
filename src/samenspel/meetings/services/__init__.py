"""The one write path of the case conference. Every function checks that the actor may do it
(NotAllowed / NotVisible / ConfidentialityNotConfirmed), validates (ValidationError with Dutch
messages keyed by field), locks, writes and appends one audit entry (purpose "meeting"), all
in one transaction."""

from samenspel.meetings.services.actions import (
    cancel_action,
    change_action_status,
    complete_action,
    create_action,
    update_action,
)
from samenspel.meetings.services.agenda import add_agenda_item, remove_agenda_item, reorder_agenda, share_for_item
from samenspel.meetings.services.meetings import (
    change_meeting_status,
    confirm_confidentiality,
    create_meeting,
    invite,
    update_meeting,
)
from samenspel.meetings.services.records import record_decision, write_minutes

__all__ = [
    "add_agenda_item",
    "cancel_action",
    "change_action_status",
    "change_meeting_status",
    "complete_action",
    "confirm_confidentiality",
    "create_action",
    "create_meeting",
    "invite",
    "record_decision",
    "remove_agenda_item",
    "reorder_agenda",
    "share_for_item",
    "update_action",
    "update_meeting",
    "write_minutes",
]
