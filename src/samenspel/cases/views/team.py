"""The case team: who works on the case, with one lead partner. Only the coordinator who
directs the case changes it; partners on the team see it on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from samenspel.cases import selectors, services
from samenspel.cases.forms import TeamMemberForm
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.cases.views.common import GET_POST, POST_ONLY, apply_errors, reachable_case, render_case_page
from samenspel.core.exceptions import NotVisible


@GET_POST
def team(request, pk: int):
    """The team with its lead partner, and the form to add an organisation."""
    case = reachable_case(request, pk, "case.team_add", direct=True)
    form = TeamMemberForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_team_member(
                request.user, case, data["organisation"], contact=data["contact"], is_lead=data["is_lead"]
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De organisatie is aan het casusteam toegevoegd."))
            return redirect("cases:team", pk=case.pk)
    context = {"form": form, "team": list(selectors.team_for(request.user, case))}
    status = 400 if form.is_bound and form.errors else 200
    return render_case_page(request, "cases/team.html", case, context, status=status)


def _member(request, case, organisation_pk, action):
    member = selectors.team_for(request.user, case).filter(organisation_id=parse_id(organisation_pk)).first()
    if member is None:
        raise NotVisible(action, object_type="case", object_id=case.pk, purpose=PURPOSE_CASE_WORK)
    return member


def _change(request, pk, organisation_pk, action, change, success):
    case = reachable_case(request, pk, action, direct=True)
    member = _member(request, case, organisation_pk, action)
    try:
        change(request.user, case, member.organisation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("cases:team", pk=case.pk)


@POST_ONLY
def set_lead(request, pk: int, organisation_pk: int):
    return _change(
        request, pk, organisation_pk, "case.team_lead", services.set_lead, _("De leidende partner is gewijzigd.")
    )


@POST_ONLY
def remove_member(request, pk: int, organisation_pk: int):
    return _change(
        request,
        pk,
        organisation_pk,
        "case.team_remove",
        services.remove_team_member,
        _("De organisatie is uit het casusteam gehaald. Haar medewerkers zien de casus niet meer."),
    )
