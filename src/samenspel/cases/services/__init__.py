"""The one write path for subjects and cases. Every function checks that the actor may do
it (NotAllowed / NotVisible), validates (ValidationError with Dutch messages keyed by field),
locks, writes and appends one audit entry, all in one transaction."""

from samenspel.cases.services.cases import add_related_person, change_phase, open_case, update_case_flags
from samenspel.cases.services.closure import close_case, end_aftercare, reopen_case
from samenspel.cases.services.information import ItemInput, add_information_item, record_assessment
from samenspel.cases.services.plans import (
    add_goal,
    add_intervention,
    change_intervention_status,
    create_intervention_type,
    create_plan,
    set_intervention_type_active,
    update_intervention_type,
)
from samenspel.cases.services.reviews import record_review, schedule_review
from samenspel.cases.services.team import add_team_member, remove_team_member, set_lead
from samenspel.cases.services.transfer import accept_transfer, decline_transfer, request_transfer


def link_signal_to_subject(actor, signal, subject):
    """See intake.services.link_signal_to_subject (the signal's write path); here as well
    because linking is how a subject gathers its signals."""
    from samenspel.intake.services import link_signal_to_subject as link

    return link(actor, signal, subject)


__all__ = [
    "ItemInput",
    "accept_transfer",
    "add_goal",
    "add_information_item",
    "add_intervention",
    "add_related_person",
    "add_team_member",
    "change_intervention_status",
    "change_phase",
    "close_case",
    "create_intervention_type",
    "create_plan",
    "decline_transfer",
    "end_aftercare",
    "link_signal_to_subject",
    "open_case",
    "record_assessment",
    "record_review",
    "remove_team_member",
    "reopen_case",
    "request_transfer",
    "schedule_review",
    "set_intervention_type_active",
    "set_lead",
    "update_case_flags",
    "update_intervention_type",
]
