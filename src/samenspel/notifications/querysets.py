"""Reads of notifications, already filtered for the user asking: a user only ever sees their
own (for_user is the only way views fetch them)."""

from __future__ import annotations

from django.db import models


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotificationQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)
