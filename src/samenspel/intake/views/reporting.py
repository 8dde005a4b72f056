"""A professional reports a concern: one question first (acute danger or a crime?), then
the form, then a confirmation (Post/Redirect/Get, only the signal's id in the URL). And the
reporter's own list, with the reporter-facing status only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.services.common import PURPOSE_INTAKE
from samenspel.core.access import capability_required
from samenspel.core.exceptions import NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.intake import selectors, services
from samenspel.intake.forms import ReportQuestionForm, SignalReportForm
from samenspel.intake.models import Signal
from samenspel.intake.views.common import page_of, save_failed_message

REPORT = Capability.REPORT_SIGNALS


@capability_required(REPORT, "signal.report")
@require_http_methods(["GET", "POST"])
def report_question(request):
    form = ReportQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["acute"] == "ja":
            return redirect("intake:report_acute")
        return redirect("intake:report_form")
    return render(request, "intake/report_question.html", {"form": form})


@capability_required(REPORT, "signal.report")
@require_http_methods(["GET"])
def report_acute(request):
    return render(request, "intake/report_acute.html")


@capability_required(REPORT, "signal.report")
@require_http_methods(["GET", "POST"])
def report_form(request):
    form = SignalReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = services.report_signal(
                request.user,
                observation=data["observation"],
                concern_categories=list(data["concern_categories"]),
                identity=form.identity_data(),
                observed_on=data["observed_on"],
                reporter_relation=data["reporter_relation"],
                urgency=data["urgency"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        except IntegrityError:
            form.add_error(None, save_failed_message())
        else:
            return redirect("intake:report_received", pk=signal.pk)
    return render(request, "intake/report_form.html", {"form": form})


@capability_required(REPORT, "signal.report")
@require_http_methods(["GET"])
def report_received(request, pk: int):
    """Shows the number of the reporter's own signal, nothing about the person."""
    signal = Signal.objects.reported_by(request.user).filter(pk=pk).only("pk", "received_at").first()
    if signal is None:
        raise NotVisible("signal.view", object_type="signal", object_id=pk, purpose=PURPOSE_INTAKE)
    return render(request, "intake/report_received.html", {"signal": signal})


@capability_required(REPORT, "signal.list")
@require_http_methods(["GET"])
def my_signals(request):
    page = page_of(selectors.signals_reported_by(request.user), request.GET.get("pagina"))
    if page.items:
        # The list names the people reported about: one entry for the look.
        record("signal.list", object_type="signal", purpose=PURPOSE_INTAKE)
    return render(request, "intake/my_signals.html", {"page": page})
