"""The public page for citizens (no login): where to go with a concern, the municipality's
contact points, and a form that reaches the coordinator. It creates no account, is
rate-limited per source address, and after sending it confirms receipt and nothing else."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from samenspel.accounts.models import Municipality
from samenspel.core.forms import apply_service_errors
from samenspel.intake import ratelimit, services
from samenspel.intake.forms import CitizenConcernForm
from samenspel.intake.views.common import save_failed_message

RATE_SCOPE = "citizen_concern"


def _limit() -> tuple[int, int]:
    """Attempts per window per source address (SAMENSPEL_CITIZEN_CONCERN_LIMIT, seconds)."""
    return settings.SAMENSPEL_CITIZEN_CONCERN_LIMIT, settings.SAMENSPEL_CITIZEN_CONCERN_WINDOW_SECONDS


def _chosen_municipality(raw: str | None) -> Municipality | None:
    if not raw or not raw.isdigit() or len(raw) > 18:
        return None
    return Municipality.objects.filter(pk=int(raw)).first()


@login_not_required
@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def citizen_concern(request):
    chosen = _chosen_municipality(request.GET.get("gemeente"))
    form = CitizenConcernForm(request.POST or None, initial={"municipality": chosen})
    if request.method == "POST":
        limit, window = _limit()
        if not ratelimit.hit(request, RATE_SCOPE, limit=limit, window_seconds=window):
            return render(request, "intake/public/too_many.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_citizen_concern(
                    municipality=data["municipality"],
                    observation=data["observation"],
                    identity=form.identity_data(),
                    concern_categories=list(data["concern_categories"]),
                    observed_on=data["observed_on"],
                    reporter_relation=data["reporter_relation"],
                    citizen_name=data["citizen_name"],
                    citizen_contact=data["citizen_contact"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except IntegrityError:
                form.add_error(None, save_failed_message())
            else:
                return redirect("intake:citizen_received")
    context = {
        "form": form,
        "municipalities": Municipality.objects.only("pk", "name"),
        "chosen": chosen,
        "unknown_choice": bool(request.GET.get("gemeente")) and chosen is None,
    }
    return render(request, "intake/public/concern.html", context)


@login_not_required
@never_cache
@require_http_methods(["GET"])
def citizen_received(request):
    return render(request, "intake/public/received.html")
