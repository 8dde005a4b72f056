"""The notification pages in the authorisation matrix. Everyone logged in has their own list
and marks their own read; opening a notification is only for its recipient (the teacher
here): for anyone else it does not exist (404)."""

from __future__ import annotations

from samenspel.testing.matrix import EVERYONE, Route, fixed, for_all, only
from samenspel.testing.personas import Personas


def teachers_notification(p: Personas) -> str:
    from samenspel.notifications.models import Notification, NotificationKind

    notification = Notification.objects.create(recipient=p.teacher, kind=NotificationKind.ACTION_ASSIGNED, link="/")
    return f"/notificaties/{notification.pk}/openen/"


ROUTES: dict[str, Route] = {
    "notifications:list": for_all("/notificaties/"),
    "notifications:mark_all_read": Route(fixed("/notificaties/alles-gelezen/"), EVERYONE, ok=302, method="post"),
    "notifications:open": only(teachers_notification, "teacher", ok=302, denied=404, method="post"),
}
