"""In-app notifications: "there is something new for you", with a link into Samenspel.

A notification never holds personal data: its text is fixed per kind (no name, no case
content) and its link is a local path with ids only. Whether the linked page may be seen is
decided by that page, as always (the link gives no access by itself)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.notifications.querysets import NotificationQuerySet


class NotificationKind(models.TextChoices):
    # The label is the whole in-app text of a notification of this kind.
    NEW_SIGNAL = "new_signal", _("Nieuwe melding om te duiden")
    INFORMATION_REQUEST = "information_request", _("Nieuwe informatievraag voor uw organisatie")
    ACTION_ASSIGNED = "action_assigned", _("Er is een actie aan u toegewezen")
    ACTION_OVERDUE = "action_overdue", _("Een actie is over de termijn")
    REVIEW_OVERDUE = "review_overdue", _("Een evaluatie is over de termijn")


REMINDER_KINDS = (NotificationKind.ACTION_OVERDUE, NotificationKind.REVIEW_OVERDUE)
LINK_MAX_LENGTH = 200


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("ontvanger")
    )
    kind = models.CharField(_("soort"), max_length=32, choices=NotificationKind.choices)
    # A local path such as /casussen/12/: ids only, never a name or a query string.
    link = models.CharField(_("link"), max_length=LINK_MAX_LENGTH)
    # Reminders only: which overdue thing this is ("action:12:2026-03-01"), so that a daily
    # run never reminds the same person twice of the same thing. Empty for other kinds.
    reminder_key = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_recipient_unread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(link__startswith="/") & ~Q(link__startswith="//") & ~Q(link__contains="\\"),
                name="notification_link_is_local_path",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "reminder_key"],
                condition=~Q(reminder_key=""),
                name="notification_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Notificatie {self.pk}"

    @property
    def text(self) -> str:
        return self.get_kind_display()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
