"""The access policy: the one module that decides what a user may see of signals, cases and
the information on them. Querysets (`Signal.objects.visible_to(user)` and friends) and
services ask here; nothing else encodes a visibility rule, so the versioned agreement with
legal grounds and staged disclosure (a later issue) deepens this module and nothing else.

The rules, in words:

- Case work needs a case-work capability (accounts.roles). Application managers, privacy
  officers, analysts and the mayor's office hold none and see no signal, case or item at all.
- Coordinators (TRIAGE_SIGNALS, DIRECT_CASES) see every signal and case of the municipalities
  their role covers (a municipality, or every municipality of a region).
- A reporter sees the signals they reported (and their attachments), never the triage:
  notes, decisions, transitions, requests and information stay with the coordinators.
- A partner professional sees a case only while their organisation is on its team.
- Of a case's or signal's information items, a user sees the categories their organisation's
  type may receive under the sharing matrix, and always the items their own organisation
  provided. The organisation answering an information request sees its own answer.
- Related persons (family) are shown to whoever sees the subject and may receive "gezin".

The matrix is read inside each query (subqueries, no cache), so a change through
sharing.services.set_rule applies to the very next query.

The case conference (meetings) adds, at the end of this module:

- A meeting is seen by its chair, by coordinators whose scope reaches it, and by the
  organisations and persons invited to it. Its agenda content (items, minutes, decisions,
  information, disclosures) only after the user confirmed confidentiality for that meeting.
- Of an agenda item, the meeting's chair and whoever sees the case (team members, the
  directing coordinator) see the case's information as the matrix gives their organisation,
  and the minutes and decisions. Any other attendee sees only the categories the chair
  disclosed to their organisation for that item (DisclosureDecision), and what their own
  organisation provided; no minutes or decisions.
- Actions are seen by their owner organisation, the meeting's chair and whoever sees the case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from samenspel.accounts.models import Organisation
from samenspel.accounts.roles import Capability
from samenspel.sharing.models import InformationCategory, SharingRule

if TYPE_CHECKING:
    from samenspel.accounts.models import User

NOTHING = Q(pk__in=[])
# Related persons are family information: shown to organisations that may receive this.
RELATED_PERSONS_CATEGORY = "family"


# Who is asking ----------------------------------------------------------------------------


def organisation_of(party: User | Organisation | None) -> Organisation | None:
    """The organisation whose rights apply: the organisation itself, or an active user's."""
    if isinstance(party, Organisation):
        return party
    if party is None or not getattr(party, "is_authenticated", False) or not party.is_active:
        return None
    return party.organisation


def _has(user, capability: Capability) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_capability(capability))


def works_on_cases(user) -> bool:
    """Whether the user does case work at all (reads case content)."""
    return _has(user, Capability.READ_CASE_CONTENT)


# The matrix -------------------------------------------------------------------------------


def _rules(party, **flags: bool) -> QuerySet[SharingRule]:
    organisation = organisation_of(party)
    if organisation is None:
        return SharingRule.objects.none()
    return SharingRule.objects.filter(organisation_type=organisation.type, **flags)


def can_provide(party: User | Organisation | None, category: InformationCategory) -> bool:
    return _rules(party, may_provide=True).filter(category=category).exists()


def can_receive(party: User | Organisation | None, category: InformationCategory) -> bool:
    return _rules(party, may_receive=True).filter(category=category).exists()


def providable_categories(party: User | Organisation | None) -> QuerySet[InformationCategory]:
    return InformationCategory.objects.filter(pk__in=_rules(party, may_provide=True).values("category_id"))


def receivable_categories(party: User | Organisation | None) -> QuerySet[InformationCategory]:
    return InformationCategory.objects.filter(pk__in=_rules(party, may_receive=True).values("category_id"))


# Scopes -----------------------------------------------------------------------------------


def _scope_q(user, capability: Capability, field: str) -> Q:
    """Records whose municipality (the field named) lies in the scope of the user's roles
    that grant the capability."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    condition = NOTHING
    for assignment in user.assignments_with(capability):
        if assignment.region_id is not None:
            condition |= Q(**{f"{field}__region_id": assignment.region_id})
        else:
            condition |= Q(**{f"{field}_id": assignment.municipality_id})
    return condition


def _outer(prefix: str) -> str:
    """The OuterRef to the related record's key: "pk" for the model itself, "case" for
    "case__"."""
    return prefix[:-2] if prefix else "pk"


# Signals ----------------------------------------------------------------------------------


def triage_q(user, prefix: str = "") -> Q:
    """Signals whose triage (notes, decisions, requests, items) the user sees and works on."""
    return _scope_q(user, Capability.TRIAGE_SIGNALS, f"{prefix}municipality")


def signal_q(user, prefix: str = "") -> Q:
    """Signals the user may see: triage scope, plus the user's own reports."""
    condition = triage_q(user, prefix)
    if _has(user, Capability.REPORT_SIGNALS):
        condition |= Q(**{f"{prefix}reporter_id": user.pk})
    return condition


# Cases ------------------------------------------------------------------------------------


def directed_case_q(user, prefix: str = "") -> Q:
    """Cases the user directs (opens, staffs, moves): coordinators within their scope."""
    if not works_on_cases(user):
        return NOTHING
    return _scope_q(user, Capability.DIRECT_CASES, f"{prefix}municipality")


def team_q(user, prefix: str = "") -> Q:
    """Cases whose team includes the user's organisation."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    team = apps.get_model("cases", "CaseTeamMember").objects.filter(
        case_id=OuterRef(_outer(prefix)), organisation_id=organisation.pk
    )
    return Q(Exists(team))


def case_q(user, prefix: str = "") -> Q:
    return directed_case_q(user, prefix) | team_q(user, prefix)


def subject_q(user) -> Q:
    """Subjects of a case the user sees, or of a signal the user triages."""
    if not works_on_cases(user):
        return NOTHING
    cases = apps.get_model("cases", "Case").objects.filter(case_q(user), subject_id=OuterRef("pk"))
    signals = apps.get_model("intake", "Signal").objects.filter(triage_q(user), subject_id=OuterRef("pk"))
    return Q(Exists(cases)) | Q(Exists(signals))


def related_person_q(user) -> Q:
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    subjects = apps.get_model("cases", "Subject").objects.filter(subject_q(user), pk=OuterRef("subject_id"))
    family = _rules(organisation, may_receive=True).filter(category__code=RELATED_PERSONS_CATEGORY)
    return Q(Exists(subjects)) & Q(Exists(family))


# Information ------------------------------------------------------------------------------


def _category_q(organisation: Organisation, prefix: str = "") -> Q:
    receivable = _rules(organisation, may_receive=True).values("category_id")
    return Q(**{f"{prefix}category_id__in": receivable}) | Q(**{f"{prefix}source_organisation_id": organisation.pk})


def information_item_q(user) -> Q:
    """Items on a case or signal the user sees, in a category their organisation may receive
    or provided by their own organisation; and their organisation's answers to requests."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    container = case_q(user, "case__") | triage_q(user, "signal__")
    own_answers = Q(source_organisation_id=organisation.pk, request__organisation_id=organisation.pk)
    return (container & _category_q(organisation)) | own_answers


def information_request_q(user) -> Q:
    """Requests the user's coordinators' scope made, and requests addressed to the user's
    organisation."""
    condition = triage_q(user, "signal__") | directed_case_q(user, "case__")
    organisation = organisation_of(user)
    if organisation is not None and works_on_cases(user):
        condition |= Q(organisation_id=organisation.pk)
    return condition


def addressed_request_q(user) -> Q:
    """Requests the user may answer: addressed to their organisation."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    return Q(organisation_id=organisation.pk)


# Questions about one object ---------------------------------------------------------------


def may_triage(user, signal) -> bool:
    return apps.get_model("intake", "Signal").objects.filter(triage_q(user), pk=signal.pk).exists()


def may_direct(user, case) -> bool:
    return apps.get_model("cases", "Case").objects.filter(directed_case_q(user), pk=case.pk).exists()


def is_on_team(user, case) -> bool:
    return apps.get_model("cases", "Case").objects.filter(team_q(user), pk=case.pk).exists()


def visible_categories(user, case) -> QuerySet[InformationCategory]:
    """The categories of the case's information the user sees: none outside the case, else
    what their organisation may receive. (Items their own organisation provided are shown
    whatever their category.)"""
    if not apps.get_model("cases", "Case").objects.filter(case_q(user), pk=case.pk).exists():
        return InformationCategory.objects.none()
    return receivable_categories(user)


# Transfers between municipalities (issue 4) -------------------------------------------------


def transfer_q(user, prefix: str = "") -> Q:
    """Transfers of cases the user's coordinator role covers on either side: the sending
    municipality (from_municipality) or the receiving one (to_municipality). Seeing a transfer
    is not seeing the case: the receiving coordinator sees the case only once they accept."""
    if not works_on_cases(user):
        return NOTHING
    return _scope_q(user, Capability.DIRECT_CASES, f"{prefix}from_municipality") | _scope_q(
        user, Capability.DIRECT_CASES, f"{prefix}to_municipality"
    )


def incoming_transfer_q(user, prefix: str = "") -> Q:
    """Transfers the user may accept or decline: to a municipality their coordinator role
    covers."""
    if not works_on_cases(user):
        return NOTHING
    return _scope_q(user, Capability.DIRECT_CASES, f"{prefix}to_municipality")


# Meetings (case conferences) ---------------------------------------------------------------


def _meeting_model(name: str):
    return apps.get_model("meetings", name)


def _meeting_scope_q(user, capability: Capability, prefix: str = "", *, containing: bool) -> Q:
    """Meetings in reach of the user's roles that grant the capability. A region role reaches
    the region's meetings and those of its municipalities; a municipality role its own
    municipality's meetings, and (containing=False) also the meetings of its region, where its
    coordinator brings cases."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    condition = NOTHING
    for assignment in user.assignments_with(capability):
        if assignment.region_id is not None:
            condition |= Q(**{f"{prefix}region_id": assignment.region_id})
            condition |= Q(**{f"{prefix}municipality__region_id": assignment.region_id})
        else:
            condition |= Q(**{f"{prefix}municipality_id": assignment.municipality_id})
            if not containing:
                condition |= Q(**{f"{prefix}region_id": assignment.municipality.region_id})
    return condition


def meeting_manager_q(user, prefix: str = "") -> Q:
    """Meetings the user runs (edits, invites to, orders the agenda of, marks held or
    cancelled): the meeting's chair, and coordinators whose scope contains the meeting's."""
    if not works_on_cases(user):
        return NOTHING
    return Q(**{f"{prefix}chair_id": user.pk}) | _meeting_scope_q(
        user, Capability.DIRECT_CASES, prefix, containing=True
    )


def meeting_attendee_q(user, prefix: str = "") -> Q:
    """Meetings the user is invited to: in person, or with their whole organisation."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    invitations = _meeting_model("MeetingInvitation").objects.filter(
        Q(person_id=user.pk) | Q(organisation_id=organisation.pk, person__isnull=True),
        meeting_id=OuterRef(_outer(prefix)),
    )
    return Q(Exists(invitations))


def meeting_q(user, prefix: str = "") -> Q:
    """Meetings the user sees (date, place, chair, status, invitations; not the agenda): those
    they run or are invited to, and for coordinators every meeting in or around their scope
    (to bring their cases there)."""
    if not works_on_cases(user):
        return NOTHING
    return (
        meeting_manager_q(user, prefix)
        | meeting_attendee_q(user, prefix)
        | _meeting_scope_q(user, Capability.DIRECT_CASES, prefix, containing=False)
    )


def confirmed_q(user, prefix: str = "") -> Q:
    """Meetings for which the user confirmed the confidentiality statement."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    confirmations = _meeting_model("ConfidentialityConfirmation").objects.filter(
        meeting_id=OuterRef(_outer(prefix)), user_id=user.pk
    )
    return Q(Exists(confirmations))


def meeting_content_q(user, prefix: str = "") -> Q:
    """Meetings whose agenda content the user may open: seen, and confidentiality confirmed."""
    return meeting_q(user, prefix) & confirmed_q(user, prefix)


def agenda_item_q(user, prefix: str = "") -> Q:
    """Agenda items (which case, kind, order) of meetings whose content the user may open.
    What the user sees *of* the item is decided by the functions below."""
    return meeting_content_q(user, f"{prefix}meeting__")


def item_participant_q(user, prefix: str = "") -> Q:
    """Agenda items whose discussion the user takes part in under the agreement: the meeting's
    chair, team members of the case and the coordinator directing it. (Prefix: the path to
    the agenda item, "" for AgendaItem itself.)"""
    if not works_on_cases(user):
        return NOTHING
    return Q(**{f"{prefix}meeting__chair_id": user.pk}) | case_q(user, f"{prefix}case__")


def item_manager_q(user, prefix: str = "") -> Q:
    """Agenda items the user records minutes, decisions and actions for: the meeting's chair
    and the coordinator directing the case."""
    if not works_on_cases(user):
        return NOTHING
    return Q(**{f"{prefix}meeting__chair_id": user.pk}) | directed_case_q(user, f"{prefix}case__")


def minutes_q(user, prefix: str = "") -> Q:
    """Minutes and decisions (prefix: path to the agenda item, "item__" for them): for
    participants of the item, once they confirmed confidentiality."""
    return agenda_item_q(user, prefix) & item_participant_q(user, prefix)


def disclosure_q(user, prefix: str = "item__") -> Q:
    """Disclosure decisions: the meeting's chair and the directing coordinator see all of an
    item's; a recipient organisation sees its own. All after confirming confidentiality."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    who = (
        Q(**{f"{prefix}meeting__chair_id": user.pk})
        | directed_case_q(user, f"{prefix}case__")
        | Q(organisation_id=organisation.pk)
    )
    return agenda_item_q(user, prefix) & who


def action_q(user, prefix: str = "") -> Q:
    """Actions the user sees: their organisation owns them, or they chair the meeting, or
    they see the case (team, directing coordinator). Actions are follow-up work and are shown
    outside the meeting (start page, overviews) without a confidentiality confirmation."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    return Q(**{f"{prefix}owner_organisation_id": organisation.pk}) | item_participant_q(user, f"{prefix}item__")


def action_owner_parts(user, prefix: str = "") -> tuple[Q, ...]:
    """The disjoint halves of action_owner_q: assigned to the user; assigned to their
    organisation without a named person. (Reading them apart lets a long list be read in
    index order; see meetings.selectors.first_actions_for_owner.)"""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return (NOTHING,)
    return (
        Q(**{f"{prefix}owner_person_id": user.pk}),
        Q(**{f"{prefix}owner_person__isnull": True, f"{prefix}owner_organisation_id": organisation.pk}),
    )


def action_owner_q(user, prefix: str = "") -> Q:
    """Actions on the user's own list: assigned to them, or to their organisation without a
    named person."""
    first, *others = action_owner_parts(user, prefix)
    for part in others:
        first |= part
    return first


def disclosable_categories() -> QuerySet[InformationCategory]:
    """Categories a chair may disclose at a meeting: active ones the agreement lets at least
    one kind of organisation receive (never, by default, "inlichtingen")."""
    receivable = SharingRule.objects.filter(may_receive=True).values("category_id")
    return InformationCategory.objects.filter(is_active=True, pk__in=receivable)


def agenda_information_q(user, meeting_id: int, case_id: int | None = None) -> Q:
    """Information items (InformationItem) of the cases on a meeting's agenda that the user
    may see there: nothing before confirming confidentiality; participants of an item (see
    item_participant_q) the categories their organisation may receive; every attendee the
    categories the chair disclosed to their organisation for that item; and always what their
    own organisation provided. `case_id` narrows to one agenda item's case."""
    organisation = organisation_of(user)
    if organisation is None or not works_on_cases(user):
        return NOTHING
    items = _meeting_model("AgendaItem").objects.filter(agenda_item_q(user), meeting_id=meeting_id)
    if case_id is not None:
        items = items.filter(case_id=case_id)
    on_agenda = Q(Exists(items.filter(case_id=OuterRef("case_id"))))
    participant = Q(Exists(items.filter(item_participant_q(user), case_id=OuterRef("case_id"))))
    disclosed = _meeting_model("DisclosureDecision").objects.filter(
        item__in=items,
        item__case_id=OuterRef("case_id"),
        organisation_id=organisation.pk,
        category_id=OuterRef("category_id"),
    )
    return on_agenda & (
        (participant & _category_q(organisation)) | Q(Exists(disclosed)) | Q(source_organisation_id=organisation.pk)
    )


# Questions about one meeting or agenda item ---------------------------------------------------


def may_see_meeting(user, meeting) -> bool:
    return _meeting_model("Meeting").objects.filter(meeting_q(user), pk=meeting.pk).exists()


def has_confirmed(user, meeting) -> bool:
    return _meeting_model("Meeting").objects.filter(confirmed_q(user), pk=meeting.pk).exists()


def may_manage_meeting(user, meeting) -> bool:
    return _meeting_model("Meeting").objects.filter(meeting_manager_q(user), pk=meeting.pk).exists()


def is_meeting_chair(user, meeting) -> bool:
    return works_on_cases(user) and meeting.chair_id == user.pk


def is_item_participant(user, item) -> bool:
    return _meeting_model("AgendaItem").objects.filter(item_participant_q(user), pk=item.pk).exists()


def may_manage_item(user, item) -> bool:
    return _meeting_model("AgendaItem").objects.filter(item_manager_q(user), pk=item.pk).exists()


def agenda_item_categories(user, item) -> QuerySet[InformationCategory]:
    """The categories of the item's case information the user sees at the meeting: none
    before confirming; participants what their organisation may receive, plus what the chair
    disclosed to their organisation; other attendees only the disclosed ones. (Items their
    own organisation provided are shown whatever their category.)"""
    organisation = organisation_of(user)
    agenda_item = _meeting_model("AgendaItem")
    if organisation is None or not agenda_item.objects.filter(agenda_item_q(user), pk=item.pk).exists():
        return InformationCategory.objects.none()
    disclosed = _meeting_model("DisclosureDecision").objects.filter(item_id=item.pk, organisation_id=organisation.pk)
    condition = Q(pk__in=disclosed.values("category_id"))
    if is_item_participant(user, item):
        condition |= Q(pk__in=_rules(organisation, may_receive=True).values("category_id"))
    return InformationCategory.objects.filter(condition)


def may_run_meetings_in(user, *, municipality=None, region=None) -> bool:
    """Whether the user may plan a meeting for (or chair one of) this municipality or region:
    a chair (CHAIR_MEETINGS) or coordinator (DIRECT_CASES) whose role's scope contains it."""
    if not works_on_cases(user) or (municipality is None) == (region is None):
        return False
    for capability in (Capability.CHAIR_MEETINGS, Capability.DIRECT_CASES):
        for assignment in user.assignments_with(capability):
            if region is not None and assignment.region_id == region.pk:
                return True
            if municipality is not None and (
                assignment.municipality_id == municipality.pk or assignment.region_id == municipality.region_id
            ):
                return True
    return False


def case_in_meeting_scope(case, meeting) -> bool:
    """Whether the case belongs to the meeting's municipality or region."""
    if meeting.municipality_id is not None:
        return case.municipality_id == meeting.municipality_id
    return case.municipality.region_id == meeting.region_id


def is_invited_organisation(organisation, meeting) -> bool:
    """Whether the organisation, or someone of it, is invited to the meeting."""
    return (
        _meeting_model("MeetingInvitation")
        .objects.filter(meeting_id=meeting.pk, organisation_id=organisation.pk)
        .exists()
    )
