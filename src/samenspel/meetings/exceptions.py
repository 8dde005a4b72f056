"""The refusal the confirmation page is made of."""

from __future__ import annotations

from samenspel.core.exceptions import NotAllowed

# The purpose of every audit entry of the case conference.
PURPOSE_MEETING = "meeting"


class ConfidentialityNotConfirmed(NotAllowed):
    """The user may attend the meeting but has not confirmed the confidentiality statement
    for it yet. Carries the meeting (header fields only: date, place, chair, status) so the UI
    can show the confirmation page; uncaught, it is an audited 403 like any NotAllowed."""

    def __init__(self, meeting, action: str = "meeting.view") -> None:
        super().__init__(action, object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING)
        self.meeting = meeting
