"""The hook through which other apps add their overdue work to the coordinator's overview
(cases.selectors.overdue_work_by_organisation) without cases importing them.

The meetings app (actions from the case conference) registers a source in its
AppConfig.ready():

    from samenspel.cases.followup import OverdueItem, register_overdue_source

    def overdue_actions(user, today):
        for action in Action.objects.visible_to(user).overdue(today).select_related(...):
            yield OverdueItem(kind="action", organisation=action.owner_organisation,
                              case_id=action.case_id, due_date=action.due_date, item=action)

    register_overdue_source("meetings.actions", overdue_actions)

A source gets the user asking and today's date, must apply the user's visibility itself
(its own visible_to), and yields OverdueItem values. Registering the same name again replaces
the source (so a reloaded app does not count twice)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from samenspel.accounts.models import Organisation


@dataclass(frozen=True)
class OverdueItem:
    kind: str  # "intervention", "action", ...
    organisation: Organisation
    case_id: int | None
    due_date: datetime.date
    item: Any


OverdueSource = Callable[[Any, datetime.date], Iterable[OverdueItem]]
_SOURCES: dict[str, OverdueSource] = {}


def register_overdue_source(name: str, source: OverdueSource) -> None:
    _SOURCES[name] = source


def unregister_overdue_source(name: str) -> None:
    _SOURCES.pop(name, None)


def overdue_sources() -> dict[str, OverdueSource]:
    return dict(_SOURCES)
