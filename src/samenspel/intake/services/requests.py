"""Information requests: a coordinator asks a partner organisation, the partner answers
inside Samenspel, and each answer becomes a categorised InformationItem."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, InformationItem
from samenspel.cases.services.common import PURPOSE_CASE_WORK, PURPOSE_TRIAGE, Errors, instances, names
from samenspel.cases.services.information import ItemInput, build_item
from samenspel.cases.services.locking import ensure_case_open, lock_directed_case
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.intake.models import InformationRequest, RequestStatus, Signal
from samenspel.intake.services.common import ensure_signal_open, lock_triageable, start_if_new
from samenspel.notifications.services import notify_information_request
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory


def _check_categories(
    errors: Errors, actor: User, organisation: Organisation | None, categories: Iterable[Any] | None
) -> list[InformationCategory]:
    found, all_found = instances(InformationCategory, categories, is_active=True)
    if not all_found:
        errors.add("categories", _("Kies categorieën uit de lijst."))
        return []
    if not found:
        errors.add("categories", _("Kies ten minste één categorie."))
        return []
    not_receivable = [c for c in found if not policy.can_receive(actor, c)]
    if not_receivable:
        errors.add(
            "categories",
            _("Uw organisatie mag volgens het convenant geen gegevens ontvangen in: %(categories)s.")
            % {"categories": names(not_receivable)},
        )
    if organisation is not None:
        not_providable = [c for c in found if not policy.can_provide(organisation, c)]
        if not_providable:
            errors.add(
                "categories",
                _("%(organisation)s mag volgens het convenant geen gegevens verstrekken in: %(categories)s.")
                % {"organisation": organisation, "categories": names(not_providable)},
            )
    return found


@transaction.atomic
def request_information(
    actor: User,
    target: Signal | Case,
    *,
    organisation: Organisation,
    categories: Iterable[InformationCategory | int],
    question: str,
) -> InformationRequest:
    """Ask a partner organisation what it knows about the person of an open signal (triage)
    or case (directed by the actor), in named categories: the organisation must be allowed
    to provide them and the actor's organisation to receive them."""
    action = "information_request.create"
    if isinstance(target, Signal):
        role = require_capability(actor, Capability.TRIAGE_SIGNALS, action)
        target = lock_triageable(actor, target, action)
        ensure_signal_open(target)
        purpose, home = PURPOSE_TRIAGE, {"signal": target}
    else:
        role = require_capability(actor, Capability.DIRECT_CASES, action)
        target = lock_directed_case(actor, target, action)
        ensure_case_open(target)
        purpose, home = PURPOSE_CASE_WORK, {"case": target}
    errors = Errors()
    if not isinstance(organisation, Organisation) or not organisation.is_active:
        errors.add("organisation", _("Kies een actieve organisatie."))
        organisation = None
    elif organisation.pk == actor.organisation_id:
        errors.add("organisation", _("Vraag informatie aan een andere organisatie dan uw eigen."))
    found = _check_categories(errors, actor, organisation, categories)
    request = InformationRequest(
        organisation=organisation, question=(question or "").strip(), requested_by=actor, **home
    )
    errors.clean(request, exclude=["organisation", "requested_by", "signal", "case"])
    errors.raise_if_any()
    if isinstance(target, Signal):
        start_if_new(target, actor)
    request.save()
    request.categories.set(found)
    record(
        action,
        object_type="information_request",
        object_id=request.pk,
        subject_id=target.subject_id or "",
        purpose=purpose,
        actor=actor,
        role=role,
    )
    notify_information_request(request, actor=actor)
    return request


def _lock_addressed(actor: User, request: InformationRequest, action: str) -> InformationRequest:
    locked = InformationRequest.objects.addressed_to(actor).select_for_update(of=("self",)).filter(pk=request.pk)
    found = locked.select_related("signal", "case").first()
    if found is None:
        if InformationRequest.objects.visible_to(actor).filter(pk=request.pk).exists():
            raise NotAllowed(action, object_type="information_request", object_id=request.pk)
        raise NotVisible(action, object_type="information_request", object_id=request.pk)
    return found


@transaction.atomic
def answer_information_request(
    actor: User, request: InformationRequest, items: Sequence[ItemInput | Mapping[str, Any]]
) -> list[InformationItem]:
    """The addressed organisation answers: each item (category, text, date) becomes an
    InformationItem from that organisation, on the signal (and its case, if it became one)
    or the case. Only the categories asked for; none at all means nothing to share. Errors
    are keyed "items-<n>-<field>" (formset style) or "items"."""
    action = "information_request.answer"
    role = require_capability(actor, Capability.READ_CASE_CONTENT, action)
    request = _lock_addressed(actor, request, action)
    if request.status != RequestStatus.OPEN:
        raise ValidationError({"status": _("Dit verzoek is al beantwoord.")})
    asked = set(request.categories.values_list("pk", flat=True))
    if request.signal_id:
        home = {"signal": request.signal, "case_id": request.signal.case_id}
        subject_id, purpose = request.signal.subject_id, PURPOSE_TRIAGE
    else:
        home = {"case": request.case}
        subject_id, purpose = request.case.subject_id, PURPOSE_CASE_WORK
    errors = Errors()
    built = []
    for index, raw in enumerate(items):
        prefix = f"items-{index}-"
        try:
            entry = ItemInput.coerce(raw)
        except (AttributeError, TypeError):
            errors.add("items", _("Antwoord %(number)s is onleesbaar.") % {"number": index + 1})
            continue
        item = build_item(
            errors, entry, source=request.organisation, recorded_by=actor, prefix=prefix, request=request, **home
        )
        if isinstance(entry.category, InformationCategory) and entry.category.pk not in asked:
            errors.add(f"{prefix}category", _("Beantwoord alleen de gevraagde categorieën."))
        built.append(item)
    errors.raise_if_any()
    for item in built:
        item.save()
    request.status = RequestStatus.ANSWERED
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_by", "answered_at"])
    record(
        action,
        object_type="information_request",
        object_id=request.pk,
        subject_id=subject_id or "",
        purpose=purpose,
        actor=actor,
        role=role,
    )
    return built
