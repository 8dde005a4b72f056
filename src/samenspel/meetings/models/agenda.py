from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation
from samenspel.cases.models import Case
from samenspel.cases.validators import text_validators
from samenspel.meetings.models.meetings import Meeting
from samenspel.meetings.querysets import (
    AgendaItemQuerySet,
    DisclosureDecisionQuerySet,
    MeetingDecisionQuerySet,
    MinutesQuerySet,
    MinutesRevisionQuerySet,
)
from samenspel.meetings.validators import REASON_MAX_LENGTH
from samenspel.sharing.models import InformationCategory


class AgendaItemKind(models.TextChoices):
    NEW = "new", _("Nieuwe casus")
    REVIEW = "review", _("Bespreking")
    CLOSURE = "closure", _("Afsluiting")


class AgendaItem(models.Model):
    """A case on a meeting's agenda, in position `order` (1, 2, ...). A case is on one
    meeting's agenda at most once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("casus"))
    kind = models.CharField(_("soort"), max_length=16, choices=AgendaItemKind.choices)
    order = models.PositiveIntegerField(_("volgorde"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="agenda_item_case_once_per_meeting"),
        ]
        indexes = [
            models.Index(fields=["meeting", "order"], name="agenda_item_meeting_order"),
            models.Index(fields=["case", "meeting"], name="agenda_item_by_case"),
        ]

    def __str__(self) -> str:
        return f"Agendapunt {self.pk}"


class Minutes(models.Model):
    """The current minutes of one agenda item (one version is current; every version is kept
    as a MinutesRevision, appended, never edited)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("verslag"), validators=text_validators())
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self) -> str:
        return f"Verslag {self.pk}"


class MinutesRevision(models.Model):
    """One version of an item's minutes, as written."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("verslag"), validators=text_validators())
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    objects = MinutesRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "version"]
        verbose_name = _("versie van het verslag")
        verbose_name_plural = _("versies van het verslag")
        constraints = [models.UniqueConstraint(fields=["minutes", "version"], name="minutes_revision_unique_version")]

    def __str__(self) -> str:
        return f"Verslagversie {self.pk}"


class MeetingDecision(models.Model):
    """A decision taken on an agenda item. Appended, never edited."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"), validators=text_validators(REASON_MAX_LENGTH))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = MeetingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "recorded_at", "pk"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return f"Besluit {self.pk}"


class DisclosureDecision(models.Model):
    """The chair's recorded decision that an invited organisation receives one category of
    an agenda item's information: who decided, what, for whom, why and when."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="disclosures")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="meeting_disclosures", verbose_name=_("ontvanger")
    )
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="meeting_disclosures", verbose_name=_("categorie")
    )
    reason = models.TextField(_("reden"), validators=text_validators(REASON_MAX_LENGTH))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    objects = DisclosureDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "decided_at", "pk"]
        verbose_name = _("besluit tot verstrekking")
        verbose_name_plural = _("besluiten tot verstrekking")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "organisation", "category"], name="disclosure_once_per_item_organisation_category"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "item"], name="disclosure_by_organisation")]

    def __str__(self) -> str:
        return f"Verstrekking {self.pk}"
