"""Closing a case (with or without aftercare), ending the aftercare, reopening, and
transferring a case to another municipality: the request on the case page, and the page of
incoming transfers where the receiving coordinator accepts or declines. Only the directing
coordinator closes, reopens and requests; only a coordinator of the receiving municipality
decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases import selectors, services
from samenspel.cases.forms import CloseForm, EndAftercareForm, ReasonForm, TransferRequestForm
from samenspel.cases.models import CaseTransfer
from samenspel.cases.services.common import PURPOSE_CASE_WORK, parse_id
from samenspel.cases.views.common import GET_POST, POST_ONLY, apply_errors, reachable_case
from samenspel.cases.views.plans import form_page, saved
from samenspel.cases.workflow import TransferStatus
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible


@GET_POST
def close_case(request, pk: int):
    case = reachable_case(request, pk, "case.close", direct=True)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_case(request.user, case, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("Het afsluiten van de casus is vastgelegd."), "afsluiten")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Casus afsluiten"),
        intro=gettext_lazy("Met nazorg gaat de casus naar de fase nazorg; zonder nazorg sluit hij meteen."),
        submit=gettext_lazy("Afsluiten"),
    )


@GET_POST
def end_aftercare(request, pk: int):
    case = reachable_case(request, pk, "case.aftercare_end", direct=True)
    form = EndAftercareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_aftercare(request.user, case, note=form.cleaned_data["note"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("De nazorg is beëindigd en de casus is gesloten."), "afsluiten")
    return form_page(
        request, case, form, title=gettext_lazy("Nazorg beëindigen"), submit=gettext_lazy("Nazorg beëindigen")
    )


@GET_POST
def reopen_case(request, pk: int):
    case = reachable_case(request, pk, "case.reopen", direct=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_case(request.user, case, reason=form.cleaned_data["reason"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("De casus is heropend."), "afsluiten")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Casus heropenen"),
        intro=gettext_lazy("De casus gaat terug naar de fase in duiding."),
        submit=gettext_lazy("Heropenen"),
    )


@GET_POST
def request_transfer(request, pk: int):
    case = reachable_case(request, pk, "case_transfer.request", direct=True)
    form = TransferRequestForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_transfer(request.user, case, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            return saved(request, case, _("Het verzoek tot overdracht is verstuurd."), "overdracht")
    return form_page(
        request,
        case,
        form,
        title=gettext_lazy("Casus overdragen"),
        intro=gettext_lazy(
            "Als de betrokkene verhuist: de dossierhouder van de andere gemeente neemt de casus over of weigert. "
            "Het casusteam stopt bij de overdracht."
        ),
        submit=gettext_lazy("Verzoek versturen"),
    )


# Incoming transfers -------------------------------------------------------------------------


@require_safe
def incoming_transfers(request):
    """Pending transfers to the user's municipalities, with the subject's identity: one
    audit entry per look."""
    role = require_capability(request.user, Capability.DIRECT_CASES, "case_transfer.list")
    transfers = list(selectors.incoming_transfers_for(request.user).select_related("case__subject"))
    record("case_transfer.list", object_type="case_transfer", purpose=PURPOSE_CASE_WORK, role=role)
    return render(request, "cases/transfers.html", {"transfers": transfers})


def _incoming(request, pk, action) -> CaseTransfer:
    require_capability(request.user, Capability.DIRECT_CASES, action)
    transfer = CaseTransfer.objects.visible_to(request.user).filter(pk=parse_id(pk)).first()
    if transfer is None:
        raise NotVisible(action, object_type="case_transfer", object_id=pk, purpose=PURPOSE_CASE_WORK)
    return transfer


def _refused(request, error) -> None:
    for message in error.messages:
        messages.error(request, message)


@POST_ONLY
def accept_transfer(request, pk: int):
    transfer = _incoming(request, pk, "case_transfer.accept")
    try:
        services.accept_transfer(request.user, transfer)
    except (ValidationError, IntegrityError) as error:
        if isinstance(error, IntegrityError):
            messages.error(request, _("Dit kon niet worden opgeslagen. Probeer het opnieuw."))
        else:
            _refused(request, error)
        return redirect("cases:transfers")
    messages.success(request, _("U hebt de casus overgenomen."))
    return redirect("cases:detail", pk=transfer.case_id)


@GET_POST
def decline_transfer(request, pk: int):
    action = "case_transfer.decline"
    transfer = _incoming(request, pk, action)
    if not CaseTransfer.objects.incoming_for(request.user).filter(pk=transfer.pk).exists():
        raise NotAllowed(action, object_type="case_transfer", object_id=transfer.pk, purpose=PURPOSE_CASE_WORK)
    if transfer.status != TransferStatus.REQUESTED:
        messages.error(request, _("Over deze overdracht is al besloten."))
        return redirect("cases:transfers")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_transfer(request.user, transfer, reason=form.cleaned_data["reason"])
        except (ValidationError, IntegrityError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("U hebt de overdracht geweigerd."))
            return redirect("cases:transfers")
    viewed = selectors.get_transfer_for(request.user, transfer.pk)  # the one audit entry of this page
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "cases/transfer_decline.html", {"form": form, "transfer": viewed}, status=status)
