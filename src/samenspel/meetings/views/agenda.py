"""The meeting page: the confidentiality confirmation until the user confirmed it, then the
agenda as the user may see it; building the agenda (add, remove, move)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.accounts.roles import Capability
from samenspel.cases.services.common import parse_id
from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import selectors, services
from samenspel.meetings.exceptions import PURPOSE_MEETING, ConfidentialityNotConfirmed
from samenspel.meetings.forms import AgendaItemForm
from samenspel.meetings.models import AgendaItem
from samenspel.meetings.views.common import (
    GET_POST,
    POST_ONLY,
    IntegrityError,
    ValidationError,
    apply_errors,
    case_work,
    form_page,
    reachable_item,
    reachable_meeting,
)
from samenspel.meetings.workflow import MeetingStatus
from samenspel.sharing import policy


def may_bring_cases(user, meeting) -> bool:
    """The meeting's chair brings cases it sees; coordinators the cases they direct."""
    return policy.is_meeting_chair(user, meeting) or user.has_capability(Capability.DIRECT_CASES)


def meeting_detail(request, pk: int):
    """GET: the confirmation page (header only) or the agenda. One "meeting.view" entry per
    look at the agenda (written by get_meeting_for)."""
    if request.method not in ("GET", "HEAD"):
        return confirm(request, pk)
    case_work(request, "meeting.view")
    user = request.user
    try:
        meeting = selectors.get_meeting_for(user, pk)
    except ConfidentialityNotConfirmed as refusal:
        return render(request, "meetings/confirm.html", {"meeting": refusal.meeting, "error": ""})
    manages = policy.may_manage_meeting(user, meeting)
    agenda = selectors.agenda_for(user, meeting)
    planned = meeting.status == MeetingStatus.PLANNED
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "manages": manages,
        "planned": planned,
        "invitations": list(selectors.invitations_for(user, meeting)),
        "may_add": planned and may_bring_cases(user, meeting),
    }
    return render(request, "meetings/detail.html", context)


def confirm(request, pk: int):
    """POST: confirm the confidentiality statement (the checkbox must be ticked)."""
    meeting = reachable_meeting(request, pk, "meeting.confirm_confidentiality")
    if request.POST.get("statement") != "on":
        context = {"meeting": meeting, "error": _("Vink de verklaring aan om het overleg te openen.")}
        return render(request, "meetings/confirm.html", context, status=400)
    try:
        services.confirm_confidentiality(request.user, meeting)
    except ValidationError as error:
        return render(
            request, "meetings/confirm.html", {"meeting": meeting, "error": " ".join(error.messages)}, status=400
        )
    return redirect("meetings:detail", pk=meeting.pk)


meeting_detail = GET_POST(meeting_detail)


@GET_POST
def agenda_add(request, pk: int):
    meeting = reachable_meeting(request, pk, "agenda_item.add")
    if not may_bring_cases(request.user, meeting):
        raise NotAllowed("agenda_item.add", object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING)
    form = AgendaItemForm(request.POST or None, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_item(request.user, meeting, form.cleaned_data["case"], kind=form.cleaned_data["kind"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De casus staat op de agenda."))
            return redirect("meetings:detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=gettext_lazy("Casus agenderen"),
        intro=gettext_lazy("Open casussen van de gemeente of regio van dit overleg die u mag agenderen."),
        back=reverse("meetings:detail", args=[meeting.pk]),
        submit=gettext_lazy("Agenderen"),
        context={"meeting": meeting},
    )


@POST_ONLY
def agenda_remove(request, pk: int):
    item = reachable_item(request, pk, "agenda_item.remove", manage=True)
    try:
        services.remove_agenda_item(request.user, item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Het agendapunt is van de agenda gehaald."))
    return redirect("meetings:detail", pk=item.meeting_id)


@POST_ONLY
def agenda_move(request, pk: int):
    """Move one item up or down (field "richting": "op" or "neer")."""
    meeting = reachable_meeting(request, pk, "meeting.reorder_agenda", manage=True)
    ids = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk").values_list("pk", flat=True))
    moving = parse_id(request.POST.get("agendapunt"))
    direction = request.POST.get("richting")
    if moving not in ids or direction not in ("op", "neer"):
        messages.error(request, _("Kies een agendapunt en een richting."))
        return redirect("meetings:detail", pk=meeting.pk)
    index = ids.index(moving)
    other = index - 1 if direction == "op" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        try:
            services.reorder_agenda(request.user, meeting, ids)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect("meetings:detail", pk=meeting.pk)
