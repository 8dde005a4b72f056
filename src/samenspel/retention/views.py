"""The privacy officer's retention pages, under /bewaartermijnen/: the periods in force per
municipality (and shortening them), legal holds, the dry run of the next deletion and the
record of past runs.

Every page needs MANAGE_RETENTION (others get an audited 403); changes ask for a recent
second factor and go through services (audited). Pages that show ids of records about
persons (holds, the dry run) write an audit entry per view."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.accounts.models import Municipality
from samenspel.accounts.roles import Capability
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.audit.services import record
from samenspel.cases.services.common import parse_id
from samenspel.core.access import capability_required
from samenspel.core.exceptions import NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.retention import selectors, services
from samenspel.retention.forms import HoldForm, PeriodForm, PreviewForm
from samenspel.retention.models import DeletionRun, LegalHold, RetentionOverride
from samenspel.retention.policy import DEFAULT_MONTHS, EFFECT, SHORTENABLE, Periods, RecordType
from samenspel.retention.querysets import municipality_ids_in_scope

GET = require_http_methods(["GET", "HEAD"])
GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 50
PURPOSE = services.PURPOSE


def _municipalities(user) -> list[Municipality]:
    return list(Municipality.objects.filter(pk__in=municipality_ids_in_scope(user)).order_by("name", "pk"))


@capability_required(Capability.MANAGE_RETENTION, "retention_policy.view")
@GET
def policy(request):
    periods = Periods()
    overrides = {(o.municipality_id, o.record_type): o for o in RetentionOverride.objects.visible_to(request.user)}
    municipalities = [
        {
            "municipality": municipality,
            "rows": [
                {
                    "record_type": record_type,
                    "label": RecordType(record_type).label,
                    "default": DEFAULT_MONTHS[record_type],
                    "months": periods.months(record_type, municipality.pk),
                    "override": overrides.get((municipality.pk, record_type)),
                    "effect": EFFECT[record_type],
                }
                for record_type in SHORTENABLE
            ],
        }
        for municipality in _municipalities(request.user)
    ]
    return render(
        request,
        "retention/policy.html",
        {
            "municipalities": municipalities,
            "audit_months": DEFAULT_MONTHS[RecordType.AUDIT_ENTRY],
        },
    )


@capability_required(Capability.MANAGE_RETENTION, "retention_period.set")
@require_recent_second_factor
@GET_POST
def period_edit(request, municipality_pk: int, record_type: str):
    municipality = Municipality.objects.filter(
        pk=parse_id(municipality_pk), pk__in=municipality_ids_in_scope(request.user)
    ).first()
    if municipality is None:
        raise NotVisible("retention_period.set", object_type="municipality", object_id=municipality_pk)
    if record_type not in SHORTENABLE:
        raise Http404
    default = DEFAULT_MONTHS[record_type]
    current = Periods().months(record_type, municipality.pk)
    form = PeriodForm(request.POST or None, default=default, initial={"months": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_period(
                request.user,
                municipality_id=municipality.pk,
                record_type=record_type,
                months=form.cleaned_data["months"],
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, IntegrityError) as error:
            _failed(form, error)
        else:
            messages.success(request, _("De bewaartermijn is opgeslagen. De volgende verwijderrun gebruikt hem."))
            return redirect("retention:policy")
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "municipality": municipality,
        "label": RecordType(record_type).label,
        "default": default,
        "current": current,
    }
    return render(request, "retention/period_form.html", context, status=status)


def _failed(form, error) -> None:
    if isinstance(error, ValidationError):
        apply_service_errors(form, error)
    else:
        form.add_error(None, _("Dit kon niet worden opgeslagen, omdat tegelijk een wijziging is gedaan."))


@capability_required(Capability.MANAGE_RETENTION, "legal_hold.list")
@GET
def hold_list(request):
    holds = list(
        LegalHold.objects.visible_to(request.user).select_related("municipality").order_by("-placed_at", "-pk")[:200]
    )
    record("legal_hold.list", object_type="legal_hold", purpose=PURPOSE, actor=request.user)
    return render(request, "retention/hold_list.html", {"holds": holds, "today": timezone.localdate()})


@capability_required(Capability.MANAGE_RETENTION, "legal_hold.place")
@require_recent_second_factor
@GET_POST
def hold_create(request):
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_hold(request.user, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            _failed(form, error)
        else:
            messages.success(
                request, _("De bewaarplicht is ingesteld. Tot de einddatum wordt niets hiervan verwijderd.")
            )
            return redirect("retention:hold_list")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "retention/hold_form.html", {"form": form}, status=status)


@capability_required(Capability.MANAGE_RETENTION, "legal_hold.lift")
@require_recent_second_factor
@GET_POST
def hold_lift(request, pk: int):
    hold = LegalHold.objects.visible_to(request.user).filter(pk=parse_id(pk)).first()
    if hold is None:
        raise NotVisible("legal_hold.lift", object_type="legal_hold", object_id=pk)
    error = None
    if request.method == "POST":
        try:
            services.lift_hold(request.user, hold)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("De bewaarplicht is opgeheven. De bewaartermijn geldt weer."))
            return redirect("retention:hold_list")
    if request.method == "GET":
        # The confirmation page shows the hold (its record and reason): one entry per look.
        record("legal_hold.view", object_type="legal_hold", object_id=hold.pk, purpose=PURPOSE, actor=request.user)
    status = 400 if error else 200
    return render(request, "retention/hold_lift.html", {"hold": hold, "error": error}, status=status)


@capability_required(Capability.MANAGE_RETENTION, "retention.preview")
@GET
def preview(request):
    """The dry run: what the next run would delete, in the user's municipalities. Counts are
    capped (a LIMITed count); the list is keyset-paged by id, one page more than shown read."""
    form = PreviewForm(request.GET or None)
    today = timezone.localdate()
    scope = municipality_ids_in_scope(request.user)
    if form.is_bound and not form.is_valid():
        return render(request, "retention/preview.html", {"form": form, "today": today}, status=400)
    data = form.cleaned_data if form.is_bound else {"soort": RecordType.SIGNAL_NO_CONCERN, "na": 0}
    record_type, after = data["soort"], data["na"]
    rows = selectors.candidates(record_type, scope, today, after=after, limit=PAGE_SIZE + 1)
    next_url = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        next_url = reverse("retention:preview") + "?" + urlencode({"soort": record_type, "na": rows[-1].record_id})
    names = dict(Municipality.objects.filter(pk__in=scope).values_list("pk", "name"))
    counts = selectors.counts(scope, today)
    record("retention.preview", object_type=record_type, purpose=PURPOSE, actor=request.user)
    context = {
        "form": form,
        "today": today,
        "record_type": record_type,
        "record_label": RecordType(record_type).label,
        "rows": [{"candidate": row, "municipality": names.get(row.municipality_id, "")} for row in rows],
        "next_url": next_url,
        "first_page": after == 0,
        "counts": [
            {"label": RecordType(kind).label, "count": number, "capped": number > selectors.COUNT_CAP, "kind": kind}
            for kind, number in counts.items()
        ],
        "cap": selectors.COUNT_CAP,
        "tabs": [(kind, RecordType(kind).label) for kind in selectors.PREVIEW_TYPES],
    }
    return render(request, "retention/preview.html", context)


@capability_required(Capability.MANAGE_RETENTION, "deletion_run.list")
@GET
def run_list(request):
    runs = list(DeletionRun.objects.visible_to(request.user).order_by("-started_at", "-pk")[:100])
    return render(request, "retention/run_list.html", {"runs": runs})
