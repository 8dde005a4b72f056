"""Forms that change a case: its phase, its flags, the persons around the subject, the
information on it and the assessments per life domain. Each form page shows the case (one
audit entry per look); each save goes through one service call, which writes its own entry.
Invalid input re-renders the form with the errors next to the fields and nothing saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.cases import services
from samenspel.cases.forms import AssessmentForm, FlagsForm, InformationItemForm, PhaseForm, RelatedPersonForm
from samenspel.cases.views.common import GET_POST, apply_errors, reachable_case, render_case_page
from samenspel.core.exceptions import NotAllowed
from samenspel.sharing import policy

FORM_TEMPLATE = "cases/form.html"


def _form_page(request, case, form, *, title, intro="", submit=None):
    context = {"form": form, "title": title, "intro": intro, "submit": submit or gettext_lazy("Opslaan")}
    status = 400 if form.is_bound and form.errors else 200
    return render_case_page(request, FORM_TEMPLATE, case, context, status=status)


def _saved(request, case, message):
    messages.success(request, message)
    return redirect("cases:detail", pk=case.pk)


@GET_POST
def change_phase(request, pk: int):
    case = reachable_case(request, pk, "case.change_phase", direct=True)
    form = PhaseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_phase(request.user, case, form.cleaned_data["phase"], reason=form.cleaned_data["reason"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _saved(request, case, _("De fase van de casus is gewijzigd."))
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Fase wijzigen"),
        intro=gettext_lazy("Alleen de fasen waar de casus vanuit de huidige fase naartoe kan, staan hier."),
    )


@GET_POST
def change_flags(request, pk: int):
    case = reachable_case(request, pk, "case.update", direct=True)
    form = FlagsForm(request.POST or None, initial=FlagsForm.initial_for(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case_flags(request.user, case, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _saved(request, case, _("De kenmerken van de casus zijn opgeslagen."))
    return _form_page(request, case, form, title=gettext_lazy("Kenmerken wijzigen"))


@GET_POST
def add_related_person(request, pk: int):
    case = reachable_case(request, pk, "case.related_person_add", direct=True)
    if not policy.receivable_categories(request.user).filter(code=policy.RELATED_PERSONS_CATEGORY).exists():
        raise NotAllowed("case.related_person_add", object_type="case", object_id=case.pk, purpose="case_work")
    form = RelatedPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_related_person(
                request.user, case, relation=form.cleaned_data["relation"], identity=form.identity()
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _saved(request, case, _("De persoon is toegevoegd."))
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Verwante persoon toevoegen"),
        intro=gettext_lazy("Een gezinslid of iemand anders dicht bij de betrokkene. Vul in wat u weet."),
    )


@GET_POST
def add_information_item(request, pk: int):
    case = reachable_case(request, pk, "information_item.add")
    form = InformationItemForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_information_item(
                request.user, case, category=data["category"], text=data["text"], date=data["date"]
            )
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _saved(request, case, _("De informatie is vastgelegd."))
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Informatie toevoegen"),
        intro=gettext_lazy(
            "Wat uw organisatie weet, in een categorie die zij volgens het convenant mag verstrekken. "
            "Alleen organisaties die deze categorie mogen ontvangen, zien het."
        ),
    )


@GET_POST
def add_assessment(request, pk: int):
    case = reachable_case(request, pk, "case.assessment_add")
    form = AssessmentForm(request.POST or None, initial={"life_domain": request.GET.get("leefgebied", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(request.user, case, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return _saved(request, case, _("De duiding is vastgelegd."))
    return _form_page(
        request,
        case,
        form,
        title=gettext_lazy("Duiding per leefgebied"),
        intro=gettext_lazy(
            "Beschrijf risicofactoren, beschermende factoren en uw oordeel in woorden. Een nieuwe duiding "
            "vervangt de vorige van hetzelfde leefgebied; de vorige blijft bewaard."
        ),
    )
