"""The application manager's pages for the agreement (convenant), under /beheer/convenant/:
the sharing matrix and the managed lists of information and concern categories.

Reading needs MANAGE_AGREEMENT (others get an audited 403). Every change goes through
sharing.services (audited, effective at once) and asks for a recent second factor (step-up),
like role changes do. A matrix save is one transaction: all changed cells or none."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samenspel.accounts.roles import Capability
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.cases.services.common import parse_id
from samenspel.core.access import capability_required
from samenspel.core.exceptions import NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.sharing import services
from samenspel.sharing.forms import CatalogueEntryForm, MatrixForm
from samenspel.sharing.models import ConcernCategory, InformationCategory

GET = require_http_methods(["GET"])
GET_POST = require_http_methods(["GET", "POST"])

KINDS = {
    "information": {
        "model": InformationCategory,
        "create": services.create_information_category,
        "title": gettext_lazy("Gegevenscategorieën"),
        "intro": gettext_lazy(
            "De soorten informatie over een persoon waarin het convenant is uitgedrukt. Een nieuwe categorie "
            "wordt door niemand verstrekt of ontvangen tot u dat in het convenant aanzet."
        ),
        "list": "sharing:information_categories",
        "new": "sharing:information_category_create",
        "status": "sharing:information_category_status",
    },
    "concern": {
        "model": ConcernCategory,
        "create": services.create_concern_category,
        "title": gettext_lazy("Soorten zorg"),
        "intro": gettext_lazy("De soorten zorg waaruit een melder kiest bij het melden van een signaal."),
        "list": "sharing:concern_categories",
        "new": "sharing:concern_category_create",
        "status": "sharing:concern_category_status",
    },
}


@capability_required(Capability.MANAGE_AGREEMENT, "sharing_rule.list")
@GET
def matrix(request):
    form = MatrixForm()
    return render(request, "sharing/matrix.html", {"form": form, "editing": False})


@capability_required(Capability.MANAGE_AGREEMENT, "sharing_rule.set")
@require_recent_second_factor
@GET_POST
def matrix_edit(request):
    form = MatrixForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            with transaction.atomic():
                for organisation_type, category, provide, receive in changes:
                    services.set_rule(
                        request.user,
                        organisation_type=organisation_type,
                        category=category,
                        may_provide=provide,
                        may_receive=receive,
                    )
        except (ValidationError, IntegrityError) as error:
            _failed(form, error)
        else:
            if changes:
                messages.success(request, _("Het convenant is gewijzigd. De wijziging geldt direct."))
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("sharing:matrix")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "sharing/matrix.html", {"form": form, "editing": True}, status=status)


def _failed(form, error) -> None:
    if isinstance(error, ValidationError):
        apply_service_errors(form, error)
    else:
        form.add_error(None, _("Dit kon niet worden opgeslagen, omdat tegelijk een wijziging is gedaan."))


@capability_required(Capability.MANAGE_AGREEMENT, "catalogue.list")
@GET
def category_list(request, kind: str):
    config = KINDS[kind]
    entries = config["model"].objects.order_by("position", "name")
    return render(request, "sharing/category_list.html", {"entries": entries, "config": config})


@capability_required(Capability.MANAGE_AGREEMENT, "catalogue.create")
@require_recent_second_factor
@GET_POST
def category_create(request, kind: str):
    config = KINDS[kind]
    form = CatalogueEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                config["create"](request.user, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            _failed(form, error)
        else:
            messages.success(request, _("De categorie is toegevoegd."))
            return redirect(config["list"])
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "sharing/category_form.html", {"form": form, "config": config}, status=status)


@capability_required(Capability.MANAGE_AGREEMENT, "catalogue.set_active")
@require_recent_second_factor
@GET_POST
def category_status(request, kind: str, pk: int):
    """Withdraw an entry from new use, or bring it back: a confirmation page and its POST."""
    config = KINDS[kind]
    entry = config["model"].objects.filter(pk=parse_id(pk)).first()
    if entry is None:
        raise NotVisible("catalogue.set_active", object_type=config["model"]._meta.model_name, object_id=pk)
    if request.method == "POST":
        services.set_category_active(request.user, entry, not entry.is_active)
        if entry.is_active:
            messages.success(request, _("De categorie is niet meer in gebruik voor nieuwe gegevens."))
        else:
            messages.success(request, _("De categorie is weer in gebruik."))
        return redirect(config["list"])
    return render(request, "sharing/category_status.html", {"entry": entry, "config": config})
