"""The coordinator's triage: the inbox, the signal page (identity, observation, attachments,
history, notes, information requests, the decision) and the attachment download.

Every rendering of the signal page fetches the signal through selectors.get_signal_for, which
writes the one "signal.view" entry of that look. Each form posts to its own URL; a success
redirects back to the page (Post/Redirect/Get), an error renders the page again with the form's
errors next to its fields."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, InformationItem
from samenspel.cases.services.common import PURPOSE_TRIAGE
from samenspel.core.access import capability_required
from samenspel.core.exceptions import NotVisible
from samenspel.core.forms import apply_service_errors
from samenspel.intake import selectors, services, workflow
from samenspel.intake.attachments import display_name
from samenspel.intake.forms import IDENTITY_FIELDS, DecisionForm, IdentityForm, InformationRequestForm, NoteForm
from samenspel.intake.models import Signal
from samenspel.intake.views.common import page_of, save_failed_message

TRIAGE = Capability.TRIAGE_SIGNALS


@capability_required(TRIAGE, "signal.list")
@require_http_methods(["GET"])
def inbox(request):
    page = page_of(selectors.signal_inbox(request.user), request.GET.get("pagina"))
    monitored = list(
        Signal.objects.triageable_by(request.user)
        .filter(status=workflow.SignalStatus.MONITORING)
        .select_related("municipality")
        .order_by("review_date", "pk")[:100]
    )
    if page.items or monitored:
        record("signal.list", object_type="signal", purpose=PURPOSE_TRIAGE)
    context = {"page": page, "monitored": monitored, "today": timezone.localdate()}
    return render(request, "intake/inbox.html", context)


def _triageable(request, pk: int, action: str) -> Signal:
    """The signal for a write (the service locks and checks again); 404 when out of reach."""
    signal = Signal.objects.triageable_by(request.user).filter(pk=pk).first()
    if signal is None:
        raise NotVisible(action, object_type="signal", object_id=pk, purpose=PURPOSE_TRIAGE)
    return signal


def _organisations(signal: Signal, user):
    """Active organisations in the signal's region, for requests and referrals."""
    return (
        Organisation.objects.filter(is_active=True, region_id=signal.municipality.region_id)
        .exclude(pk=user.organisation_id)
        .order_by("name")
    )


def _cases_for_decision(user, signal: Signal):
    """Open cases of the signal's linked subject that the coordinator directs."""
    if signal.subject_id is None:
        return Case.objects.none()
    return Case.objects.directed_by(user).open().filter(subject_id=signal.subject_id).order_by("pk")


def _identity_initial(signal: Signal) -> dict:
    return {name: getattr(signal, name) for name in IDENTITY_FIELDS}


def _render_detail(request, pk: int, *, status: int = 200, **forms):
    user = request.user
    signal = selectors.get_signal_for(user, pk)  # the one audit entry of this look
    is_open = signal.status in workflow.OPEN_STATUSES
    if not is_open:  # a closed signal shows no forms: say why a post was refused
        for form in forms.values():
            for message in form.non_field_errors():
                messages.error(request, message)
    organisations = _organisations(signal, user)
    context = {
        "signal": signal,
        "is_open": is_open,
        "categories": list(signal.concern_categories.all()),
        "attachments": list(selectors.attachments_for(user, signal)),
        "transitions": list(selectors.transitions_for(user, signal)),
        "decisions": list(selectors.decisions_for(user, signal)),
        "notes": list(selectors.assessment_notes_for(user, signal)),
        "requests": list(selectors.information_requests_for(user, signal)),
        "items": list(
            InformationItem.objects.visible_to(user)
            .filter(signal=signal)
            .select_related("category", "source_organisation")
            .order_by("date", "pk")
        ),
        "matches": list(selectors.matching_subjects_for(user, signal).exclude(pk=signal.subject_id or 0)[:10]),
        "identity_form": forms.get("identity_form") or IdentityForm(initial=_identity_initial(signal)),
        "note_form": forms.get("note_form") or NoteForm(),
        "request_form": forms.get("request_form") or InformationRequestForm(organisations=organisations),
        "decision_form": forms.get("decision_form")
        or DecisionForm(organisations=organisations, cases=_cases_for_decision(user, signal)),
        "active_form": next(iter(forms), ""),
    }
    return render(request, "intake/signal_detail.html", context, status=status)


@capability_required(TRIAGE, "signal.view")
@require_http_methods(["GET"])
def signal_detail(request, pk: int):
    return _render_detail(request, pk)


def _run(request, form, call, success: str):
    """Run a service call for a valid form; True when it succeeded."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    except IntegrityError:
        form.add_error(None, save_failed_message())
        return False
    messages.success(request, success)
    return True


@capability_required(TRIAGE, "signal.identity_update")
@require_POST
def identity_update(request, pk: int):
    signal = _triageable(request, pk, "signal.identity_update")
    form = IdentityForm(request.POST)
    call = lambda data: services.update_signal_identity(request.user, signal, form.identity_data())  # noqa: E731
    if _run(request, form, call, _("De gegevens van de persoon zijn opgeslagen.")):
        return redirect("intake:signal_detail", pk=signal.pk)
    return _render_detail(request, pk, identity_form=form)


@capability_required(TRIAGE, "signal.note_add")
@require_POST
def note_add(request, pk: int):
    signal = _triageable(request, pk, "signal.note_add")
    form = NoteForm(request.POST)
    call = lambda data: services.add_assessment_note(request.user, signal, text=data["text"])  # noqa: E731
    if _run(request, form, call, _("De notitie is toegevoegd.")):
        return redirect("intake:signal_detail", pk=signal.pk)
    return _render_detail(request, pk, note_form=form)


@capability_required(TRIAGE, "information_request.create")
@require_POST
def request_create(request, pk: int):
    signal = _triageable(request, pk, "information_request.create")
    form = InformationRequestForm(request.POST, organisations=_organisations(signal, request.user))

    def call(data):
        services.request_information(
            request.user,
            signal,
            organisation=data["organisation"],
            categories=list(data["categories"]),
            question=data["question"],
        )

    if _run(request, form, call, _("Het informatieverzoek is verstuurd.")):
        return redirect("intake:signal_detail", pk=signal.pk)
    return _render_detail(request, pk, request_form=form)


@capability_required(TRIAGE, "signal.decide")
@require_POST
def decide(request, pk: int):
    signal = _triageable(request, pk, "signal.decide")
    form = DecisionForm(
        request.POST,
        organisations=_organisations(signal, request.user),
        cases=_cases_for_decision(request.user, signal),
    )

    def call(data):
        services.decide(
            request.user,
            signal,
            outcome=data["outcome"],
            reason=data["reason"],
            review_date=data["review_date"],
            referred_to=data["referred_to"],
            referred_to_name=data["referred_to_name"],
            case=data["case"],
        )

    if _run(request, form, call, _("Het besluit is vastgelegd.")):
        return redirect("intake:signal_detail", pk=signal.pk)
    return _render_detail(request, pk, decision_form=form)


@capability_required(TRIAGE, "signal.link_subject")
@require_POST
def link_subject(request, pk: int):
    """Link the signal to a known subject that the matching offered (or unlink it)."""
    signal = _triageable(request, pk, "signal.link_subject")
    raw = request.POST.get("subject", "")
    subject = None
    if raw:
        subject = selectors.matching_subjects_for(request.user, signal).filter(pk=_int(raw)).first()
        if subject is None:
            messages.error(request, _("Deze betrokkene kan niet aan de melding worden gekoppeld."))
            return redirect("intake:signal_detail", pk=signal.pk)
    try:
        services.link_signal_to_subject(request.user, signal, subject)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De melding is gekoppeld aan de bekende betrokkene.") if subject else _("De koppeling is opgeheven."),
        )
    return redirect("intake:signal_detail", pk=signal.pk)


def _int(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 19 else 0


@capability_required(Capability.READ_CASE_CONTENT, "attachment.download")
@require_http_methods(["GET"])
def attachment_download(request, pk: int):
    """Streams the file from the private storage as a download, after the access check
    (404 when out of reach) and its audit entry."""
    attachment, handle = selectors.open_attachment(request.user, pk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=display_name(attachment.original_name),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
