"""Information requests addressed to the user's organisation: the list, and the page with the
question, the identity needed to answer it and the answer form. Each answer becomes a
categorised information item, in a category that was asked and that the organisation may
provide under the agreement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.accounts.roles import Capability
from samenspel.core.access import capability_required
from samenspel.core.exceptions import NotVisible
from samenspel.intake import selectors, services
from samenspel.intake.forms import AnswerForm
from samenspel.intake.models import InformationRequest, RequestStatus
from samenspel.intake.views.common import page_of, save_failed_message
from samenspel.sharing import policy

READ = Capability.READ_CASE_CONTENT


@capability_required(READ, "information_request.list")
@require_http_methods(["GET"])
def request_list(request):
    """No names here (only numbers, dates and categories), so the list is not a look at
    personal data; the request page is."""
    page = page_of(selectors.requests_to_answer(request.user), request.GET.get("pagina"))
    answered = list(
        InformationRequest.objects.addressed_to(request.user)
        .filter(status=RequestStatus.ANSWERED)
        .prefetch_related("categories")
        .order_by("-answered_at", "-pk")[:20]
    )
    return render(request, "intake/request_list.html", {"page": page, "answered": answered})


def _answer_categories(information_request: InformationRequest):
    """The asked categories the addressed organisation may provide."""
    providable = policy.providable_categories(information_request.organisation)
    return list(information_request.categories.filter(pk__in=providable.values("pk")).order_by("position", "name"))


def _person(information_request: InformationRequest):
    if information_request.signal_id:
        return information_request.signal.identity
    return information_request.case.subject.identity


def _service_errors_to_form(form: AnswerForm, error: ValidationError, fields: list[str]) -> None:
    """The service keys errors "items-<n>-<field>"; item n is the n-th filled category."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        parts = key.split("-")
        target = None
        if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit() and int(parts[1]) < len(fields):
            name = f"{'date' if parts[2] == 'date' else 'text'}_{fields[int(parts[1])]}"
            target = name if name in form.fields else None
        for item in errors:
            form.add_error(target, item)


@capability_required(READ, "information_request.view")
@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    user = request.user
    form = None
    if request.method == "POST":
        target = InformationRequest.objects.visible_to(user).select_related("organisation").filter(pk=pk).first()
        if target is None:
            raise NotVisible("information_request.answer", object_type="information_request", object_id=pk)
        form = AnswerForm(request.POST, categories=_answer_categories(target))
        if form.is_valid():
            items, fields = form.items()
            try:
                services.answer_information_request(user, target, items)
            except ValidationError as error:
                _service_errors_to_form(form, error, fields)
            except IntegrityError:
                form.add_error(None, save_failed_message())
            else:
                messages.success(request, _("Uw antwoord is verstuurd. Dank u wel."))
                return redirect("intake:request_list")
    information_request = selectors.get_information_request_for(user, pk)  # the one audit entry
    may_answer = (
        information_request.status == RequestStatus.OPEN
        and InformationRequest.objects.addressed_to(user).filter(pk=information_request.pk).exists()
    )
    categories = _answer_categories(information_request)
    if form is not None and form.errors and not may_answer:
        for message in form.non_field_errors():
            messages.error(request, message)
    if form is None and may_answer:
        form = AnswerForm(categories=categories)
    context = {
        "information_request": information_request,
        "asked": list(information_request.categories.all()),
        "person": _person(information_request),
        "may_answer": may_answer,
        "form": form if may_answer else None,
        "not_providable": [c for c in information_request.categories.all() if c not in categories],
    }
    return render(request, "intake/request_detail.html", context)
