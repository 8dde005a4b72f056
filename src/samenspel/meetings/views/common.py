"""What every meeting view shares: finding the meeting, agenda item or action for the user
(404 out of reach, 403 seen but not allowed), and the form page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from samenspel.accounts.roles import Capability
from samenspel.cases.services.common import parse_id
from samenspel.cases.views.common import GET_POST, POST_ONLY, apply_errors
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings import selectors
from samenspel.meetings.exceptions import PURPOSE_MEETING, ConfidentialityNotConfirmed
from samenspel.meetings.models import Action, AgendaItem, Meeting
from samenspel.sharing import policy

__all__ = ["GET_POST", "POST_ONLY", "IntegrityError", "ValidationError", "apply_errors"]

FORM_TEMPLATE = "meetings/form.html"


def case_work(request, action: str) -> None:
    require_capability(request.user, Capability.READ_CASE_CONTENT, action)


def reachable_meeting(request, pk: object, action: str, *, manage: bool = False) -> Meeting:
    """The meeting's header. Without case work 403; out of reach 404; with manage=True, a
    meeting the user sees but does not run 403."""
    case_work(request, action)
    meeting = selectors.meetings_for(request.user).filter(pk=parse_id(pk)).first()
    if meeting is None:
        raise NotVisible(action, object_type="meeting", object_id=pk, purpose=PURPOSE_MEETING)
    if manage and not policy.may_manage_meeting(request.user, meeting):
        raise NotAllowed(action, object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING)
    return meeting


def reachable_item(request, pk: object, action: str, *, manage: bool = False, chair: bool = False) -> AgendaItem:
    """An agenda item of a meeting the user sees (not yet audited). Before confirming:
    ConfidentialityNotConfirmed (the views send the user to the confirmation page)."""
    case_work(request, action)
    item = (
        AgendaItem.objects.filter(policy.meeting_q(request.user, "meeting__"), pk=parse_id(pk))
        .select_related("meeting", "case")
        .first()
    )
    if item is None:
        raise NotVisible(action, object_type="agenda_item", object_id=pk, purpose=PURPOSE_MEETING)
    if not policy.has_confirmed(request.user, item.meeting):
        raise ConfidentialityNotConfirmed(item.meeting, action)
    allowed = (
        policy.is_meeting_chair(request.user, item.meeting) if chair else policy.may_manage_item(request.user, item)
    )
    if (manage or chair) and not allowed:
        raise NotAllowed(action, object_type="agenda_item", object_id=item.pk, purpose=PURPOSE_MEETING)
    return item


def reachable_action(request, pk: object, action: str) -> Action:
    case_work(request, action)
    found = Action.objects.visible_to(request.user).filter(pk=parse_id(pk)).select_related("item__meeting").first()
    if found is None:
        raise NotVisible(action, object_type="action", object_id=pk, purpose=PURPOSE_MEETING)
    return found


def to_confirmation(view):
    """Send a user who has not confirmed the meeting's confidentiality to its confirmation page."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ConfidentialityNotConfirmed as refusal:
            return redirect("meetings:detail", pk=refusal.meeting.pk)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def form_page(request, form, *, title, back, intro="", submit=None, context=None):
    status = 400 if form.is_bound and form.errors else 200
    page = {
        "form": form,
        "title": title,
        "intro": intro,
        "back": back,
        "submit": submit or gettext_lazy("Opslaan"),
        **(context or {}),
    }
    return render(request, FORM_TEMPLATE, page, status=status)
