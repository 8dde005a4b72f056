"""The notification list, opening a notification (marks it read, then goes to its page) and
marking all read. Each user only ever reaches their own; anyone else's answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from samenspel.notifications import links, selectors, services


@never_cache
@require_safe
def notification_list(request):
    notifications = list(selectors.notifications_for(request.user)[: selectors.LIST_LIMIT + 1])
    context = {
        "notifications": notifications[: selectors.LIST_LIMIT],
        "more": len(notifications) > selectors.LIST_LIMIT,
        "any_unread": any(n.read_at is None for n in notifications),
    }
    return render(request, "notifications/list.html", context)


@require_POST
def open_notification(request, pk: str):
    """Only ever redirects to a local path: a stored link that is not one (it cannot be
    stored through the service) leads back to the list."""
    notification = services.mark_read(request.user, pk)
    target = notification.link if links.is_local_path(notification.link) else links.notification_list()
    return redirect(target)


@require_POST
def mark_all_read(request):
    if services.mark_all_read(request.user):
        messages.success(request, _("Alle notificaties zijn gemarkeerd als gelezen."))
    return redirect("notifications:list")
