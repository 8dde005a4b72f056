"""The one write path for subjects and cases. Every function checks that the actor may do
it (NotAllowed / NotVisible), validates (ValidationError with Dutch messages keyed by field),
locks, writes and appends one audit entry, all in one transaction."""

from samenspel.cases.services.cases import add_related_person, change_phase, open_case, update_case_flags
from samenspel.cases.services.information import ItemInput, add_information_item, record_assessment
from samenspel.cases.services.team import add_team_member, remove_team_member, set_lead


def link_signal_to_subject(actor, signal, subject):
    """See intake.services.link_signal_to_subject (the signal's write path); here as well
    because linking is how a subject gathers its signals."""
    from samenspel.intake.services import link_signal_to_subject as link

    return link(actor, signal, subject)


__all__ = [
    "ItemInput",
    "add_information_item",
    "add_related_person",
    "add_team_member",
    "change_phase",
    "link_signal_to_subject",
    "open_case",
    "record_assessment",
    "remove_team_member",
    "set_lead",
    "update_case_flags",
]
