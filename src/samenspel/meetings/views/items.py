"""An agenda item as the user may see it (one "agenda_item.view" entry per look), and the
forms the chair and the directing coordinator use there: minutes, decisions, actions, and for
the chair the disclosure decision. Actions are completed by their owner organisation too."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import selectors, services
from samenspel.meetings.exceptions import PURPOSE_MEETING
from samenspel.meetings.forms import ActionForm, CancelActionForm, DecisionForm, DisclosureForm, MinutesForm
from samenspel.meetings.views.common import (
    GET_POST,
    POST_ONLY,
    IntegrityError,
    ValidationError,
    apply_errors,
    form_page,
    reachable_action,
    reachable_item,
    to_confirmation,
)
from samenspel.meetings.workflow import ActionStatus, MeetingStatus
from samenspel.sharing import policy


def _viewed(request, item):
    """The item fetched again through the audited selector (the page's one entry) and the
    user's view of it."""
    audited = selectors.get_agenda_item_for(request.user, item.pk)
    return audited, selectors.agenda_item_view(request.user, audited)


@require_safe
@to_confirmation
def item_detail(request, pk: int):
    item = reachable_item(request, pk, "agenda_item.view")
    item, view = _viewed(request, item)
    user = request.user
    manages = policy.may_manage_item(user, item)
    open_meeting = item.meeting.status != MeetingStatus.CANCELLED
    context = {
        "item": item,
        "meeting": item.meeting,
        "view": view,
        "manages": manages and open_meeting,
        "is_chair": policy.is_meeting_chair(user, item.meeting) and open_meeting,
        "history": list(selectors.minutes_history_for(user, item)) if view.is_participant else [],
        "organisation_id": user.organisation_id,
    }
    return render(request, "meetings/item.html", context)


def _item_form(request, item, view, form, *, title, intro=""):
    return form_page(
        request,
        form,
        title=title,
        intro=intro,
        back=reverse("meetings:item", args=[item.pk]),
        context={"meeting": item.meeting, "item": item, "view": view},
    )


def _back(request, item, message):
    messages.success(request, message)
    return redirect("meetings:item", pk=item.pk)


@GET_POST
@to_confirmation
def minutes_write(request, pk: int):
    item = reachable_item(request, pk, "minutes.write", manage=True)
    current = selectors.agenda_item_view(request.user, item).minutes
    initial = {"text": current.text if current else "", "expected_version": current.version if current else 0}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_minutes(
                request.user,
                item,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _back(request, item, _("Het verslag is opgeslagen."))
    item, view = _viewed(request, item)
    return _item_form(
        request,
        item,
        view,
        form,
        title=gettext_lazy("Verslag schrijven"),
        intro=gettext_lazy("Neem geen informatie op die niet met alle deelnemers mag worden gedeeld."),
    )


@GET_POST
@to_confirmation
def decision_add(request, pk: int):
    item = reachable_item(request, pk, "meeting_decision.add", manage=True)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(request.user, item, text=form.cleaned_data["text"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _back(request, item, _("Het besluit is vastgelegd."))
    item, view = _viewed(request, item)
    return _item_form(request, item, view, form, title=gettext_lazy("Besluit vastleggen"))


@GET_POST
@to_confirmation
def action_add(request, pk: int):
    item = reachable_item(request, pk, "action.create", manage=True)
    form = ActionForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_action(
                request.user,
                item,
                description=data["description"],
                owner_organisation=data["owner_organisation"],
                owner_person=data["owner_person"],
                due_date=data["due_date"],
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _back(request, item, _("Het actiepunt is vastgelegd."))
    item, view = _viewed(request, item)
    return _item_form(
        request,
        item,
        view,
        form,
        title=gettext_lazy("Actiepunt toevoegen"),
        intro=gettext_lazy("Een organisatie uit het casusteam of een uitgenodigde organisatie."),
    )


@GET_POST
@to_confirmation
def disclose(request, pk: int):
    item = reachable_item(request, pk, "agenda_item.share", chair=True)
    form = DisclosureForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.share_for_item(request.user, item, data["organisation"], data["category"], data["reason"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _back(request, item, _("Het besluit om te delen is vastgelegd."))
    item, view = _viewed(request, item)
    return _item_form(
        request,
        item,
        view,
        form,
        title=gettext_lazy("Informatie delen met een organisatie"),
        intro=gettext_lazy(
            "Een uitgenodigde organisatie buiten het casusteam ziet van dit agendapunt alleen wat u hier deelt, "
            "alleen in dit overleg. Uw besluit en de reden worden vastgelegd."
        ),
    )


def _after_action(request, action):
    if policy.has_confirmed(request.user, action.item.meeting):
        return redirect("meetings:item", pk=action.item_id)
    return redirect("core:start")


@POST_ONLY
def action_complete(request, pk: int):
    action = reachable_action(request, pk, "action.change_status")
    try:
        services.complete_action(request.user, action)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Het actiepunt is afgerond."))
    return _after_action(request, action)


@GET_POST
def action_cancel(request, pk: int):
    action = reachable_action(request, pk, "action.change_status")
    if not policy.may_manage_item(request.user, action.item):
        raise NotAllowed("action.change_status", object_type="action", object_id=action.pk, purpose=PURPOSE_MEETING)
    form = CancelActionForm(request.POST or None)
    if action.status != ActionStatus.OPEN and request.method == "POST":
        form.is_valid()
        form.add_error(None, _("Dit actiepunt is al afgerond of geannuleerd."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.cancel_action(request.user, action, reason=form.cleaned_data["reason"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het actiepunt is geannuleerd."))
            return _after_action(request, action)
    return form_page(
        request,
        form,
        title=gettext_lazy("Actiepunt annuleren"),
        back=reverse("core:start"),
        submit=gettext_lazy("Annuleren van het actiepunt vastleggen"),
        context={"action": action},
    )
