"""The two state machines of the case conference: a meeting's status and an action's status.
Services move them only through `transition_meeting()` / `transition_action()`, which append
the change to the history; history is never edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samenspel.accounts.models import User
    from samenspel.meetings.models import Action, ActionStatusChange, Meeting, MeetingStatusChange


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Geannuleerd")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


# A planned meeting is held or cancelled; both are final (a new date is a new meeting).
MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}
MEETING_INITIAL = MeetingStatus.PLANNED

# An open action is done or cancelled; both are final (new work is a new action).
ACTION_TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.CANCELLED: frozenset(),
}
ACTION_INITIAL = ActionStatus.OPEN


class IllegalTransition(ValidationError):
    pass


def can_transition_meeting(current: str, target: str) -> bool:
    return target in MeetingStatus.values and MeetingStatus(target) in MEETING_TRANSITIONS[MeetingStatus(current)]


def can_transition_action(current: str, target: str) -> bool:
    return target in ActionStatus.values and ActionStatus(target) in ACTION_TRANSITIONS[ActionStatus(current)]


def _label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


def transition_meeting(meeting: Meeting, target: str, actor: User | None, reason: str = "") -> MeetingStatusChange:
    """Move a locked meeting to the target status and append the change. Services only."""
    from samenspel.meetings.models import MeetingStatusChange

    if not can_transition_meeting(meeting.status, target):
        raise IllegalTransition(
            {
                "status": _('Een overleg met status "%(current)s" kan niet naar status "%(target)s".')
                % {"current": _label(MeetingStatus, meeting.status), "target": _label(MeetingStatus, target)}
            },
            code="illegal_transition",
        )
    change = MeetingStatusChange.objects.create(
        meeting=meeting, from_status=meeting.status, to_status=target, reason=reason, changed_by=actor
    )
    meeting.status = target
    meeting.save(update_fields=["status"])
    return change


def transition_action(action: Action, target: str, actor: User | None, reason: str = "") -> ActionStatusChange:
    """Move a locked action to the target status and append the change. Services only."""
    from samenspel.meetings.models import ActionStatusChange

    if not can_transition_action(action.status, target):
        raise IllegalTransition(
            {
                "status": _('Een actiepunt met status "%(current)s" kan niet naar status "%(target)s".')
                % {"current": _label(ActionStatus, action.status), "target": _label(ActionStatus, target)}
            },
            code="illegal_transition",
        )
    change = ActionStatusChange.objects.create(
        action=action, from_status=action.status, to_status=target, reason=reason, changed_by=actor
    )
    action.status = target
    action.closed_at = timezone.now()
    action.save(update_fields=["status", "closed_at"])
    return change
