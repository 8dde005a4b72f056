"""The plan of approach and the reviews on the case page: drawing up a plan, adding goals
and interventions, moving an intervention along its status table, and recording a review.
Each form page shows the case (one audit entry per look); each save is one service call,
which writes its own entry. Invalid input re-renders the form with the errors next to the
fields and nothing saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.cases import selectors, services
from samenspel.cases.forms import GoalForm, InterventionForm, InterventionStatusForm, PlanForm, ReviewForm
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.cases.views.common import GET_POST, apply_errors, reachable_case, render_case_page
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.sharing import policy

FORM_TEMPLATE = "cases/form.html"


def form_page(request, case, form, *, title, intro="", submit=None, extra=None):
    context = {"form": form, "title": title, "intro": intro, "submit": submit or gettext_lazy("Opslaan")}
    context.update(extra or {})
    status = 400 if form.is_bound and form.errors else 200
    return render_case_page(request, FORM_TEMPLATE, case, context, status=status)


def saved(request, case, message, anchor: str = ""):
    messages.success(request, message)
    response = redirect("cases:detail", pk=case.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _current_plan(request, case, action):
    plan = selectors.current_plan_for(request.user, case)
    if plan is None:
        raise NotVisible(action, object_type="plan", object_id=None, purpose=PURPOSE_CASE_WORK)
    return plan


@GET_POST
def create_plan(request, pk: int):
    case = reachable_case(request, pk, "plan.create", direct=True)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_plan(request.user, case, summary=form.cleaned_data["summary"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("Het plan van aanpak is vastgelegd."), "plan")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Plan van aanpak opstellen"),
        intro=gettext_lazy("Een nieuw plan kan pas als de interventies van het huidige plan zijn afgerond of gestopt."),
    )


@GET_POST
def add_goal(request, pk: int):
    case = reachable_case(request, pk, "plan.goal_add", direct=True)
    plan = _current_plan(request, case, "plan.goal_add")
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_goal(request.user, plan, text=form.cleaned_data["text"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("Het doel is toegevoegd."), "plan")
    return form_page(request, case, form, title=gettext_lazy("Doel toevoegen"))


@GET_POST
def add_intervention(request, pk: int):
    case = reachable_case(request, pk, "intervention.add", direct=True)
    plan = _current_plan(request, case, "intervention.add")
    form = InterventionForm(request.POST or None, plan=plan, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_intervention(request.user, plan, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("De interventie is toegevoegd."), "plan")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Interventie toevoegen"),
        intro=gettext_lazy("Uit het aanbod van interventies, uitgevoerd door een organisatie uit het casusteam."),
    )


@GET_POST
def change_intervention_status(request, pk: int, intervention_pk: int):
    """The directing coordinator, or a person of the responsible organisation on the team."""
    action = "intervention.status"
    case = reachable_case(request, pk, action)
    intervention = (
        selectors.interventions_for(request.user, case)
        .select_related("intervention_type", "responsible_organisation")
        .filter(pk=parse_id(intervention_pk))
        .first()
    )
    if intervention is None:
        raise NotVisible(action, object_type="intervention", object_id=intervention_pk, purpose=PURPOSE_CASE_WORK)
    if intervention.responsible_organisation_id != request.user.organisation_id and not policy.may_direct(
        request.user, case
    ):
        raise NotAllowed(action, object_type="intervention", object_id=intervention.pk, purpose=PURPOSE_CASE_WORK)
    form = InterventionStatusForm(request.POST or None, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_intervention_status(
                request.user,
                intervention,
                data["status"],
                outcome=data["outcome"],
                outcome_text=data["outcome_text"],
                reason=data["reason"],
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("De status van de interventie is gewijzigd."), "plan")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Status van de interventie wijzigen"),
        intro=_("%(type)s door %(organisation)s, nu: %(status)s.")
        % {
            "type": intervention.intervention_type.name,
            "organisation": intervention.responsible_organisation.name,
            "status": intervention.get_status_display(),
        },
    )


@GET_POST
def record_review(request, pk: int):
    case = reachable_case(request, pk, "case.review_add", direct=True)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_review(request.user, case, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("De herbeoordeling is vastgelegd."), "herbeoordeling")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Herbeoordeling vastleggen"),
        intro=gettext_lazy(
            "Het oordeel van de professionals over de ontwikkeling, met een korte reden. "
            "Samenspel berekent geen score over een persoon."
        ),
    )
