"""The sections of the start page, one per kind of work, chosen by capability in this one
place. A user with several roles sees several sections, in this order.

To add or fill a section: add a StartSection with its template (under core/start/ or in the
app that owns the work) and, when it shows data, a `context` function that returns what the
template needs, read through the app's selectors (already filtered for the user).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from samenspel.accounts.roles import Capability


@dataclass(frozen=True)
class StartSection:
    key: str
    template: str
    capability: Capability
    # Left out when the user also holds this capability (a coordinator's own section already
    # covers what a partner section would show).
    unless: Capability | None = None
    context: Callable[[Any], dict[str, Any]] = field(default=lambda request: {})

    def applies_to(self, user) -> bool:
        if not user.has_capability(self.capability):
            return False
        return self.unless is None or not user.has_capability(self.unless)


def combine(*functions: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """One section's context from several apps' context functions (e.g. signals and cases)."""

    def context(request) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for function in functions:
            merged.update(function(request))
        return merged

    return context


def signals_to_triage(request) -> dict[str, Any]:
    """Signals awaiting a first assessment and reviews due (numbers and dates, no names)."""
    from samenspel.intake.start import coordinator_signals

    return coordinator_signals(request)


def reported_signals_and_requests(request) -> dict[str, Any]:
    """The reporter's own signals and the information requests to their organisation."""
    from samenspel.intake.start import partner_signals

    return partner_signals(request)


START_CASES = 5


def directed_cases(request) -> dict[str, Any]:
    """The newest open cases the coordinator directs (numbers and phases, no names)."""
    from samenspel.cases.models import Case

    cases = Case.objects.directed_by(request.user).open().select_related("municipality")
    return {"cases": list(cases[:START_CASES])}


def team_cases(request) -> dict[str, Any]:
    """The newest open cases whose team includes the user's organisation."""
    from samenspel.cases.models import Case

    cases = Case.objects.on_team_of(request.user).open().select_related("municipality")
    return {"cases": list(cases[:START_CASES])}


START_ACTIONS = 20


def own_actions(request) -> dict[str, Any]:
    """The open meeting actions of the user or their organisation, soonest due first, overdue
    marked (the section shows only when there are any)."""
    from samenspel.meetings.selectors import first_actions_for_owner

    return {"actions": first_actions_for_owner(request.user, START_ACTIONS)}


def restricted_documents(request) -> dict[str, Any]:
    """How many restricted documents the user sees (a number only; the list is audited)."""
    from samenspel.restricted.models import RestrictedDocument

    return {"restricted_count": RestrictedDocument.objects.visible_to(request.user).count()}


START_SECTIONS: list[StartSection] = [
    StartSection(
        "coordinator",
        "core/start/coordinator.html",
        Capability.TRIAGE_SIGNALS,
        context=combine(signals_to_triage, directed_cases),
    ),
    StartSection(
        "partner",
        "core/start/partner.html",
        Capability.REPORT_SIGNALS,
        unless=Capability.TRIAGE_SIGNALS,
        context=combine(reported_signals_and_requests, team_cases),
    ),
    StartSection("actions", "meetings/_start_actions.html", Capability.READ_CASE_CONTENT, context=own_actions),
    StartSection("chair", "core/start/chair.html", Capability.CHAIR_MEETINGS),
    StartSection(
        "mayors_office",
        "core/start/mayors_office.html",
        Capability.RECEIVE_RESTRICTED_DOCUMENTS,
        context=restricted_documents,
    ),
    StartSection("privacy_officer", "core/start/privacy_officer.html", Capability.READ_AUDIT_LOG),
    StartSection("app_manager", "core/start/app_manager.html", Capability.MANAGE_ACCOUNTS),
    StartSection("analyst", "core/start/analyst.html", Capability.READ_AGGREGATES),
]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    scopes: list[str]
    data: dict[str, Any]


def sections_for(request) -> list[RenderedSection]:
    user = request.user
    sections = []
    for section in START_SECTIONS:
        if not section.applies_to(user):
            continue
        scopes = sorted({str(a.scope) for a in user.assignments_with(section.capability)})
        sections.append(RenderedSection(section.key, section.template, scopes, section.context(request)))
    return sections
