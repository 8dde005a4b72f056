"""What the shell shows a user: the navigation items and the capability lookup that
templates use. Both ask for capabilities, never for roles by name (see accounts/roles.py).

To add a navigation item, append one NavItem to NAV_ITEMS. An item whose URL name does not
resolve (yet) is left out, so an item may be added before its view exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: Capability | None = None  # None: every logged-in user
    exact: bool = False  # current only on exactly this path (the start page), not below it


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Start"), "core:start", exact=True),
    NavItem(_("Signalen"), "intake:inbox", Capability.TRIAGE_SIGNALS),
    NavItem(_("Mijn meldingen"), "intake:my_signals", Capability.REPORT_SIGNALS),
    NavItem(_("Informatieverzoeken"), "intake:request_list", Capability.READ_CASE_CONTENT),
    NavItem(_("Casussen"), "cases:list", Capability.READ_CASE_CONTENT),
    NavItem(_("Opvolging"), "cases:followup", Capability.DIRECT_CASES),
    NavItem(_("Casusoverleg"), "meetings:list", Capability.READ_CASE_CONTENT),
    NavItem(_("Vertrouwelijke stukken"), "restricted:list", Capability.RECEIVE_RESTRICTED_DOCUMENTS),
    NavItem(_("Auditlog"), "audit:log", Capability.READ_AUDIT_LOG),
    NavItem(_("Bewaartermijnen"), "retention:policy", Capability.MANAGE_RETENTION),
    NavItem(_("Organisaties"), "manage:organisation_list", Capability.MANAGE_ACCOUNTS),
    NavItem(_("Gebruikers"), "manage:user_list", Capability.MANAGE_ACCOUNTS),
    NavItem(_("Convenant"), "sharing:matrix", Capability.MANAGE_AGREEMENT),
]


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


def navigation_for(request) -> list[NavLink]:
    """The navigation links the request's user may follow, in NAV_ITEMS order."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    for item in NAV_ITEMS:
        if item.capability is not None and not user.has_capability(item.capability):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url if item.exact else request.path.startswith(url)
        links.append(NavLink(label=item.label, url=url, current=current))
    return links


class CapabilityLookup:
    """`{% if can.manage_accounts %}` in templates: whether the user holds a capability.
    An unknown name raises ValueError in Python; a template treats it as not held."""

    def __init__(self, user) -> None:
        self._user = user

    def __getitem__(self, name: str) -> bool:
        capability = Capability(name)  # ValueError for a misspelt name
        user = self._user
        return bool(user is not None and user.is_authenticated and user.has_capability(capability))
