"""The agenda: cases on it, their order, and the chair's disclosure decisions per item."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samenspel.accounts.models import Organisation, User
from samenspel.accounts.roles import Capability
from samenspel.cases.models import Case
from samenspel.cases.services.common import Errors
from samenspel.core.exceptions import NotAllowed, NotVisible
from samenspel.meetings.models import AgendaItem, AgendaItemKind, DisclosureDecision, Meeting
from samenspel.meetings.services.common import (
    PURPOSE_MEETING,
    audit,
    ensure_not_cancelled,
    ensure_planned,
    lock_item,
    lock_meeting,
    role_for,
)
from samenspel.meetings.workflow import MeetingStatus
from samenspel.sharing import policy
from samenspel.sharing.models import InformationCategory


def _renumber(meeting: Meeting) -> list[AgendaItem]:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    return items


@transaction.atomic
def add_agenda_item(actor: User, meeting: Meeting, case: Case, *, kind: str) -> AgendaItem:
    """Put a case on a planned meeting's agenda, last. The coordinator directing the case may
    do so for any meeting of the case's municipality or region they see; the meeting's chair
    for cases they see. A case is on one meeting's agenda at most once; "new" is for a case
    not discussed at an earlier meeting."""
    role_for(actor, "agenda_item.add")
    meeting = lock_meeting(actor, meeting, "agenda_item.add", manage=False)
    if not isinstance(case, Case) or not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise NotVisible(
            "agenda_item.add", object_type="case", object_id=getattr(case, "pk", ""), purpose=PURPOSE_MEETING
        )
    if not (policy.may_direct(actor, case) or policy.is_meeting_chair(actor, meeting)):
        raise NotAllowed("agenda_item.add", object_type="case", object_id=case.pk, purpose=PURPOSE_MEETING)
    ensure_planned(meeting)
    case = Case.objects.select_for_update(of=("self",)).select_related("municipality").get(pk=case.pk)
    errors = Errors()
    if kind not in AgendaItemKind.values:
        errors.add("kind", _("Kies nieuwe casus, bespreking of afsluiting."))
    if not policy.case_in_meeting_scope(case, meeting):
        errors.add("case", _("Deze casus hoort niet bij de gemeente of regio van dit overleg."))
    elif case.is_closed:
        errors.add("case", _("Deze casus is afgesloten."))
    elif AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        errors.add("case", _("Deze casus staat al op de agenda van dit overleg."))
    elif (
        kind == AgendaItemKind.NEW
        and AgendaItem.objects.filter(case=case).exclude(meeting__status=MeetingStatus.CANCELLED).exists()
    ):
        errors.add("kind", _("Deze casus is al eerder geagendeerd; kies bespreking of afsluiting."))
    errors.raise_if_any()
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem.objects.create(meeting=meeting, case=case, kind=kind, order=last + 1, added_by=actor)
    audit("agenda_item.add", "agenda_item", item.pk, actor, subject_id=case.subject_id)
    return item


@transaction.atomic
def remove_agenda_item(actor: User, item: AgendaItem) -> None:
    """Take a case off a planned meeting's agenda (the chair or the directing coordinator),
    as long as nothing was recorded for it; the others move up."""
    role_for(actor, "agenda_item.remove")
    item = lock_item(actor, item, "agenda_item.remove", content=False)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=item.meeting_id)
    ensure_planned(meeting)
    recorded = hasattr(item, "minutes") or item.decisions.exists() or item.actions.exists() or item.disclosures.exists()
    if recorded:
        raise ValidationError({"case": _("Voor dit agendapunt is al iets vastgelegd; het blijft op de agenda.")})
    pk, subject_id = item.pk, item.case.subject_id
    item.delete()
    _renumber(meeting)
    audit("agenda_item.remove", "agenda_item", pk, actor, subject_id=subject_id)


@transaction.atomic
def reorder_agenda(actor: User, meeting: Meeting, items: Sequence[AgendaItem | int]) -> list[AgendaItem]:
    """Put a planned meeting's agenda in the given order: every item of the meeting exactly
    once (items or their ids). Only who runs the meeting."""
    role_for(actor, "meeting.reorder_agenda", (Capability.READ_CASE_CONTENT,))
    meeting = lock_meeting(actor, meeting, "meeting.reorder_agenda")
    ensure_planned(meeting)
    current = {item.pk: item for item in AgendaItem.objects.select_for_update().filter(meeting=meeting)}
    wanted = []
    for value in items or ():
        key = value.pk if isinstance(value, AgendaItem) else value
        wanted.append(key if isinstance(key, int) and not isinstance(key, bool) else None)
    if len(wanted) != len(current) or set(wanted) != set(current):
        raise ValidationError({"order": _("Geef elk agendapunt van dit overleg precies één keer op.")})
    ordered = []
    for position, pk in enumerate(wanted, start=1):
        item = current[pk]
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
        ordered.append(item)
    audit("meeting.reorder_agenda", "meeting", meeting.pk, actor)
    return ordered


@transaction.atomic
def share_for_item(
    chair: User, item: AgendaItem, organisation: Organisation, category: InformationCategory, reason: str
) -> DisclosureDecision:
    """The chair's recorded decision that an invited organisation receives one category of
    this item's information at this meeting (and in its minutes export), with the reason.
    Only the meeting's chair, after confirming confidentiality. Not for categories the
    agreement gives nobody (inlichtingen), nor for what the organisation already receives as
    a participant of the item."""
    role_for(chair, "agenda_item.share", (Capability.READ_CASE_CONTENT,))
    item = lock_item(chair, item, "agenda_item.share", manage=False)
    if not policy.is_meeting_chair(chair, item.meeting):
        raise NotAllowed("agenda_item.share", object_type="agenda_item", object_id=item.pk, purpose=PURPOSE_MEETING)
    ensure_not_cancelled(item.meeting)
    reason = (reason or "").strip()
    errors = Errors()
    if not isinstance(organisation, Organisation) or not organisation.is_active:
        errors.add("organisation", _("Kies een actieve organisatie."))
    elif not policy.is_invited_organisation(organisation, item.meeting):
        errors.add("organisation", _("Deze organisatie is niet uitgenodigd voor dit overleg."))
    if (
        not isinstance(category, InformationCategory)
        or not policy.disclosable_categories().filter(pk=category.pk).exists()
    ):
        errors.add("category", _("Deze categorie kan in het overleg niet worden gedeeld."))
    elif not errors.has("organisation"):
        if DisclosureDecision.objects.filter(item=item, organisation=organisation, category=category).exists():
            errors.add("category", _("Deze categorie is voor deze organisatie al gedeeld."))
        elif policy.can_receive(organisation, category) and _is_on_team(organisation, item.case):
            errors.add("category", _("Deze organisatie ontvangt deze categorie al via het casusteam."))
    if not reason:
        errors.add("reason", _("Geef de reden om deze informatie te delen."))
    decision = DisclosureDecision(
        item=item,
        organisation=organisation if isinstance(organisation, Organisation) else None,
        category=category if isinstance(category, InformationCategory) else None,
        reason=reason,
        decided_by=chair,
    )
    errors.clean(
        decision, exclude=["item", "organisation", "category", "decided_by", *(["reason"] if not reason else [])]
    )
    errors.raise_if_any()
    decision.save()
    audit("agenda_item.share", "disclosure_decision", decision.pk, chair, subject_id=item.case.subject_id)
    return decision


def _is_on_team(organisation: Organisation, case: Case) -> bool:
    return case.team_members.filter(organisation=organisation).exists()
