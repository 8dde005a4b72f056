"""Restricted documents (an AIVD ambtsbericht to the mayor and similar classified documents),
the named, time-limited grants that open them, and the recorded decisions that release one
into minutes or another purpose. Read them only through restricted.selectors (filtered by
restricted.policy, audited); write them only through restricted.services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, text_validators
from samenspel.core.validators import validate_plain_text
from samenspel.restricted.querysets import AccessGrantQuerySet, ReleaseDecisionQuerySet, RestrictedDocumentQuerySet


class Classification(models.TextChoices):
    """The classification marking, shown on every view of the document (Voorschrift
    Informatiebeveiliging Rijksdienst Bijzondere Informatie)."""

    DEPARTMENTAL_CONFIDENTIAL = "departmental_confidential", _("Departementaal Vertrouwelijk")
    STATE_CONFIDENTIAL = "state_confidential", _("Stg. Confidentieel")
    STATE_SECRET = "state_secret", _("Stg. Geheim")


class DocumentKind(models.TextChoices):
    AIVD_NOTICE = "aivd_notice", _("Ambtsbericht AIVD")
    OTHER_CLASSIFIED = "other_classified", _("Ander gerubriceerd stuk")


class RestrictedDocument(models.Model):
    """A classified document registered by the mayor's office of one municipality. The file,
    when there is one, lives in the private attachment storage (intake.attachments) under a
    random name, never in a served directory."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    title = models.CharField(_("titel"), max_length=SHORT_TEXT_MAX_LENGTH, validators=[validate_plain_text])
    classification = models.CharField(_("rubricering"), max_length=32, choices=Classification.choices)
    kind = models.CharField(_("soort stuk"), max_length=32, choices=DocumentKind.choices)
    # Optional: the case the document concerns. Never shown from the case's side.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("casus")
    )
    description = models.TextField(_("omschrijving"), blank=True, validators=text_validators())
    received_on = models.DateField(_("ontvangen op"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geregistreerd door")
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    # The file (optional), as intake.attachments.StoredFile describes it.
    file_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True, validators=[validate_plain_text])
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    content_type = models.CharField(_("soort bestand"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    objects = RestrictedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("vertrouwelijk stuk")
        verbose_name_plural = _("vertrouwelijke stukken")
        constraints = [
            models.UniqueConstraint(
                fields=["stored_name"], condition=~Q(stored_name=""), name="restricted_document_stored_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Vertrouwelijk stuk {self.pk}"

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class AccessGrant(models.Model):
    """Access for one named person until `ends_at`. A grant is never edited: revocation sets
    `revoked_at`/`revoked_by`; a new period is a new grant."""

    document = models.ForeignKey(RestrictedDocument, on_delete=models.CASCADE, related_name="grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("persoon")
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("toegang tot"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("toegang")
        verbose_name_plural = _("toegangen")
        indexes = [models.Index(fields=["grantee", "ends_at"], name="restricted_grant_grantee")]

    def __str__(self) -> str:
        return f"Toegang {self.pk}"

    def is_current(self, now=None) -> bool:
        return self.revoked_at is None and self.ends_at > (now or timezone.now())


class ReleasePurpose(models.TextChoices):
    MINUTES = "minutes", _("Verslag van een casusoverleg")
    EXPORT = "export", _("Export")
    REPORT = "report", _("Rapportage")


class ReleaseDecision(models.Model):
    """The recorded decision that lets (part of) a restricted document into minutes, an
    export or a report: who decided, when, why, for which meeting or purpose. Without one,
    restricted.policy keeps the document out of every such output."""

    document = models.ForeignKey(RestrictedDocument, on_delete=models.CASCADE, related_name="release_decisions")
    purpose = models.CharField(_("waarvoor"), max_length=16, choices=ReleasePurpose.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("casusoverleg"),
    )
    reason = models.TextField(_("motivering"), validators=text_validators(2000))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ReleaseDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("besluit tot vrijgave")
        verbose_name_plural = _("besluiten tot vrijgave")
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose="minutes", meeting__isnull=False)
                | (~Q(purpose="minutes") & Q(meeting__isnull=True)),
                name="restricted_release_meeting_iff_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"Vrijgave {self.pk}"
