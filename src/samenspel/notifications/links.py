"""Where a notification leads: local paths with ids only (no names, no query strings), and
the check that a stored link is such a path before anyone is sent there."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# The "Uw actiepunten" section of the start page (meetings/_start_actions.html).
START_PAGE_ACTIONS = "#sectie-actions"


def is_local_path(link: str) -> bool:
    """A path on this site: starts with one slash, no scheme or host, no backslash (which
    browsers read as a slash), no control characters."""
    if not isinstance(link, str) or not link.startswith("/") or link.startswith("//"):
        return False
    if "\\" in link or any(ord(char) < 32 or ord(char) == 127 for char in link):
        return False
    return url_has_allowed_host_and_scheme(link, allowed_hosts=set(), require_https=False)


def signal_page(signal_id: int) -> str:
    return reverse("intake:signal_detail", args=[signal_id])


def information_request_page(request_id: int) -> str:
    return reverse("intake:request_detail", args=[request_id])


def own_actions() -> str:
    """An action's owner always finds it on their start page (the meeting page may be out of
    their reach when their organisation was not invited)."""
    return reverse("core:start") + START_PAGE_ACTIONS


def meeting_page(meeting_id: int) -> str:
    return reverse("meetings:detail", args=[meeting_id])


def case_page(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id])


def notification_list() -> str:
    return reverse("notifications:list")
