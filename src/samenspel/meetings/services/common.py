"""Helpers shared by the meeting services: the audit purpose, locking through the access
querysets, and the checks every write repeats."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings.exceptions import PURPOSE_MEETING, ConfidentialityNotConfirmed
from samenspel.meetings.models import Action, AgendaItem, Meeting
from samenspel.meetings.workflow import MeetingStatus
from samenspel.sharing import policy

# Running a meeting needs one of these (checked first, then the meeting's own rules).
RUN_CAPABILITIES = (Capability.CHAIR_MEETINGS, Capability.DIRECT_CASES)


def audit(action: str, object_type: str, object_id: object, actor, *, subject_id: object = "") -> None:
    """The one audit entry of a meeting write, in the caller's transaction."""
    record(
        action,
        object_type=object_type,
        object_id=object_id,
        subject_id=subject_id,
        purpose=PURPOSE_MEETING,
        actor=actor,
    )


def role_for(actor, action: str, capabilities=RUN_CAPABILITIES) -> str:
    """The role granting the first of the capabilities the actor holds (for the audit
    entry), or NotAllowed."""
    if getattr(actor, "is_authenticated", False):
        for capability in capabilities:
            assignments = actor.assignments_with(capability)
            if assignments:
                actor._audit_role = assignments[0].role
                return assignments[0].role
    raise NotAllowed(action, purpose=PURPOSE_MEETING)


def lock_meeting(actor, meeting: Meeting, action: str, *, manage: bool = True) -> Meeting:
    """The meeting, locked, if the actor runs it (manage=True) or sees it. Out of reach: 404;
    seen but not run: 403."""
    pk = getattr(meeting, "pk", None)
    queryset = Meeting.objects.managed_by(actor) if manage else Meeting.objects.visible_to(actor)
    locked = queryset.select_for_update(of=("self",)).filter(pk=pk).first() if pk else None
    if locked is None:
        if manage and pk and Meeting.objects.visible_to(actor).filter(pk=pk).exists():
            raise NotAllowed(action, object_type="meeting", object_id=pk, purpose=PURPOSE_MEETING)
        raise NotVisible(action, object_type="meeting", object_id=pk or "", purpose=PURPOSE_MEETING)
    return locked


def lock_item(actor, item: AgendaItem, action: str, *, manage: bool = True, content: bool = True) -> AgendaItem:
    """The agenda item, locked. The actor must see the meeting (else 404); with content=True
    have confirmed confidentiality for it (else ConfidentialityNotConfirmed); with
    manage=True record for the item: the meeting's chair or the coordinator directing the
    case (else 403)."""
    pk = getattr(item, "pk", None)
    found = (
        AgendaItem.objects.filter(policy.meeting_q(actor, "meeting__"), pk=pk).select_related("meeting").first()
        if pk
        else None
    )
    if found is None:
        raise NotVisible(action, object_type="agenda_item", object_id=pk or "", purpose=PURPOSE_MEETING)
    if content and not policy.has_confirmed(actor, found.meeting):
        raise ConfidentialityNotConfirmed(found.meeting, action)
    queryset = AgendaItem.objects.managed_by(actor) if manage else AgendaItem.objects.all()
    locked = queryset.select_for_update(of=("self",)).select_related("meeting", "case").filter(pk=pk).first()
    if locked is None:
        raise NotAllowed(action, object_type="agenda_item", object_id=pk, purpose=PURPOSE_MEETING)
    return locked


def lock_action(actor, action_obj: Action, action: str) -> Action:
    pk = getattr(action_obj, "pk", None)
    locked = (
        Action.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("item__meeting", "item__case")
        .filter(pk=pk)
        .first()
        if pk
        else None
    )
    if locked is None:
        raise NotVisible(action, object_type="action", object_id=pk or "", purpose=PURPOSE_MEETING)
    return locked


def ensure_planned(meeting: Meeting, field: str = "status") -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({field: _("Dit overleg is niet meer gepland; de agenda en gegevens liggen vast.")})


def ensure_not_cancelled(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": _("Dit overleg is geannuleerd; er kan niets meer worden vastgelegd.")})
