"""The meeting list, planning a meeting, changing it and inviting to it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from samenspel.accounts.roles import Capability
from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import selectors, services
from samenspel.meetings.exceptions import PURPOSE_MEETING
from samenspel.meetings.forms import InviteForm, MeetingForm, MeetingStatusForm
from samenspel.meetings.views.common import (
    GET_POST,
    IntegrityError,
    ValidationError,
    apply_errors,
    case_work,
    form_page,
    reachable_meeting,
)

LIST_LENGTH = 50


def may_plan(user) -> bool:
    return user.has_capability(Capability.CHAIR_MEETINGS) or user.has_capability(Capability.DIRECT_CASES)


@require_safe
def meeting_list(request):
    """Upcoming meetings (soonest first) and earlier ones (newest first) the user sees:
    headers only (date, place, chair, status), so no audit entry."""
    case_work(request, "meeting.list")
    now = timezone.now()
    meetings = selectors.meetings_for(request.user)
    context = {
        "upcoming": list(selectors.upcoming_meetings_for(request.user, now)[:LIST_LENGTH]),
        "past": list(
            meetings.exclude(pk__in=selectors.upcoming_meetings_for(request.user, now).values("pk"))[:LIST_LENGTH]
        ),
        "may_plan": may_plan(request.user),
    }
    return render(request, "meetings/list.html", context)


@GET_POST
def meeting_create(request):
    case_work(request, "meeting.create")
    if not may_plan(request.user):
        raise NotAllowed("meeting.create", object_type="meeting", purpose=PURPOSE_MEETING)
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(request.user, **form.scope_kwargs(), **form.meeting_fields())
        except (ValidationError, IntegrityError) as error:
            if hasattr(error, "error_dict") and "municipality" in error.error_dict:
                error = ValidationError({"scope": error.error_dict["municipality"]})
            apply_errors(form, error)
        else:
            messages.success(request, _("Het casusoverleg is gepland."))
            return redirect("meetings:detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=gettext_lazy("Casusoverleg plannen"),
        back=reverse("meetings:list"),
        submit=gettext_lazy("Plannen"),
    )


@GET_POST
def meeting_edit(request, pk: int):
    meeting = reachable_meeting(request, pk, "meeting.update", manage=True)
    form = MeetingForm(
        request.POST or None, user=request.user, meeting=meeting, initial=MeetingForm.initial_for(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(request.user, meeting, **form.meeting_fields())
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het casusoverleg is gewijzigd."))
            return redirect("meetings:detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=gettext_lazy("Casusoverleg wijzigen"),
        back=reverse("meetings:detail", args=[meeting.pk]),
        context={"meeting": meeting},
    )


@GET_POST
def meeting_invite(request, pk: int):
    meeting = reachable_meeting(request, pk, "meeting.invite", manage=True)
    form = InviteForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                request.user, meeting, form.cleaned_data["organisation"], person=form.cleaned_data["person"]
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De uitnodiging is vastgelegd."))
            return redirect("meetings:invite", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=gettext_lazy("Uitnodigen"),
        intro=gettext_lazy("Organisaties en personen uit de regio van dit overleg."),
        back=reverse("meetings:detail", args=[meeting.pk]),
        submit=gettext_lazy("Uitnodigen"),
        context={"meeting": meeting, "invitations": list(selectors.invitations_for(request.user, meeting))},
    )


@GET_POST
def meeting_status(request, pk: int):
    """Mark a planned meeting held (once started) or cancelled (with a reason)."""
    meeting = reachable_meeting(request, pk, "meeting.change_status", manage=True)
    form = MeetingStatusForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_meeting_status(
                request.user, meeting, form.cleaned_data["status"], reason=form.cleaned_data["reason"]
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De status van het casusoverleg is gewijzigd."))
            return redirect("meetings:detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=gettext_lazy("Status wijzigen"),
        back=reverse("meetings:detail", args=[meeting.pk]),
        context={"meeting": meeting},
    )
