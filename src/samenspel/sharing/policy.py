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

