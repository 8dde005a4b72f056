from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation
from samenspel.cases.validators import text_validators
from samenspel.meetings.models.agenda import AgendaItem
from samenspel.meetings.querysets import ActionQuerySet, ActionStatusChangeQuerySet
from samenspel.meetings.validators import ACTION_MAX_LENGTH, REASON_MAX_LENGTH
from samenspel.meetings.workflow import ACTION_INITIAL, ActionStatus


class Action(models.Model):
    """Work agreed on an agenda item: an owner organisation (and optionally a named person of
    it), a due date and a status. Overdue = open and past its due date (computed, not stored)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(_("actie"), validators=text_validators(ACTION_MAX_LENGTH))
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="meeting_actions", verbose_name=_("eigenaar")
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("uitvoerder"),
    )
    due_date = models.DateField(_("uiterlijk op"))
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ACTION_INITIAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        indexes = [
            models.Index(fields=["owner_organisation", "status", "due_date"], name="action_owner_status_due"),
            models.Index(fields=["owner_person", "status", "due_date"], name="action_person_status_due"),
            models.Index(fields=["item", "status"], name="action_item_status"),
        ]

    def __str__(self) -> str:
        return f"Actiepunt {self.pk}"

    def is_overdue_on(self, today) -> bool:
        return self.status == ActionStatus.OPEN and self.due_date < today


class ActionStatusChange(models.Model):
    """One step in an action's life: appended by workflow.transition_action, never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("van status"), max_length=16, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=16, choices=ActionStatus.choices)
    reason = models.TextField(_("reden"), blank=True, validators=text_validators(REASON_MAX_LENGTH))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = ActionStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("statuswijziging actiepunt")
        verbose_name_plural = _("statuswijzigingen actiepunt")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"
