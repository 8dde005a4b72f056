"""Information items on cases and signals, and the assessment per life domain."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.audit.services import record
from samenspel.cases.models import Case, InformationItem, LifeDomainAssessment
from samenspel.cases.services.common import PURPOSE_CASE_WORK, PURPOSE_TRIAGE, Errors, not_in_future
from samenspel.cases.services.locking import ensure_case_open, lock_visible_case
from samenspel.core.access import require_capability
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory

if TYPE_CHECKING:
    from samenspel.intake.models import Signal


@dataclass(frozen=True)
class ItemInput:
    """One piece of information to record (an answer to a request, or a new item)."""

    category: InformationCategory
    text: str
    date: datetime.date | None = None

    @classmethod
    def coerce(cls, value: ItemInput | Mapping[str, Any]) -> ItemInput:
        if isinstance(value, ItemInput):
            return value
        return cls(category=value.get("category"), text=value.get("text") or "", date=value.get("date"))


def build_item(
    errors: Errors,
    entry: ItemInput,
    *,
    source: Organisation,
    recorded_by: User,
    prefix: str = "",
    **home: Any,
) -> InformationItem:
    """An unsaved item, its problems collected in `errors` (fields prefixed for formsets)."""
    category = entry.category
    if not isinstance(category, InformationCategory):
        errors.add(f"{prefix}category", _("Kies een categorie."))
        category = None
    elif not policy.can_provide(source, category):
        errors.add(
            f"{prefix}category",
            _("%(organisation)s mag volgens het convenant geen gegevens in de categorie %(category)s verstrekken.")
            % {"organisation": source, "category": category},
        )
    item = InformationItem(
        category=category,
        source_organisation=source,
        date=entry.date or timezone.localdate(),
        text=(entry.text or "").strip(),
        recorded_by=recorded_by,
        **home,
    )
    errors.clean(
        item, exclude=["category", "source_organisation", "recorded_by", "case", "signal", "request"], prefix=prefix
    )
    not_in_future(errors, f"{prefix}date", item.date, _("Deze datum ligt in de toekomst."))
    return item


def _lock_target(actor: User, target: Case | Signal, action: str) -> tuple[Case | Signal, str, str]:
    """The locked case or signal, the capability-granting role and the audit purpose."""
    from samenspel.intake.models import Signal
    from samenspel.intake.services.common import ensure_signal_open, lock_triageable

    if isinstance(target, Signal):
        role = require_capability(actor, Capability.TRIAGE_SIGNALS, action)
        signal = lock_triageable(actor, target, action)
        ensure_signal_open(signal)
        return signal, role, PURPOSE_TRIAGE
    role = require_capability(actor, Capability.READ_CASE_CONTENT, action)
    case = lock_visible_case(actor, target, action)
    ensure_case_open(case)
    return case, role, PURPOSE_CASE_WORK


@transaction.atomic
def add_information_item(
    actor: User,
    target: Case | Signal,
    *,
    category: InformationCategory,
    text: str,
    date: datetime.date | None = None,
    source_organisation: Organisation | None = None,
) -> InformationItem:
    """Record what an organisation knows, on a case (coordinator or team member) or on a
    signal in triage (coordinator). The source is the actor's own organisation; a
    coordinator directing the case may name another one (e.g. after a phone call). The
    source must be allowed to provide the category, and the actor's organisation must be the
    source or allowed to receive it."""
    target, role, purpose = _lock_target(actor, target, "information_item.add")
    own = actor.organisation
    errors = Errors()
    if source_organisation is not None and not isinstance(source_organisation, Organisation):
        errors.add("source_organisation", _("Kies een organisatie uit de lijst."))
        source_organisation = None
    if source_organisation is None or source_organisation == own:
        source = own
    elif isinstance(target, Case) and not policy.may_direct(actor, target):
        errors.add("source_organisation", _("U kunt alleen informatie van uw eigen organisatie vastleggen."))
        source = own
    else:
        source = source_organisation
    home = {"case": target} if isinstance(target, Case) else {"signal": target, "case_id": target.case_id}
    item = build_item(errors, ItemInput(category, text, date), source=source, recorded_by=actor, **home)
    if (
        isinstance(category, InformationCategory)
        and source != own
        and not errors.has("category")
        and not policy.can_receive(actor, category)
    ):
        errors.add("category", _("Uw organisatie mag gegevens in deze categorie niet ontvangen."))
    errors.raise_if_any()
    item.save()
    record(
        "information_item.add",
        object_type="information_item",
        object_id=item.pk,
        subject_id=target.subject_id or "",
        purpose=purpose,
        actor=actor,
        role=role,
    )
    return item


@transaction.atomic
def record_assessment(
    actor: User,
    case: Case,
    *,
    life_domain: str,
    judgement: str,
    risk_factors: str = "",
    protective_factors: str = "",
) -> LifeDomainAssessment:
    """Add a professional's assessment of one life domain (the coordinator or a team member).
    Words only: risk and protective factors and a judgement; the system computes nothing."""
    role = require_capability(actor, Capability.READ_CASE_CONTENT, "case.assessment_add")
    case = lock_visible_case(actor, case, "case.assessment_add")
    ensure_case_open(case)
    assessment = LifeDomainAssessment(
        case=case,
        life_domain=life_domain,
        judgement=(judgement or "").strip(),
        risk_factors=(risk_factors or "").strip(),
        protective_factors=(protective_factors or "").strip(),
        author=actor,
        author_organisation=actor.organisation,
    )
    errors = Errors()
    errors.clean(assessment, exclude=["case", "author", "author_organisation"])
    errors.raise_if_any()
    assessment.save()
    record(
        "case.assessment_add",
        object_type="life_domain_assessment",
        object_id=assessment.pk,
        subject_id=case.subject_id,
        purpose=PURPOSE_CASE_WORK,
        actor=actor,
        role=role,
    )
    return assessment
