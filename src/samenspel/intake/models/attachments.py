from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.core.validators import validate_plain_text
from samenspel.intake.models.signals import Signal
from samenspel.intake.querysets import AttachmentQuerySet


class Attachment(models.Model):
    """A document or image sent with a signal. The file lives outside every served directory
    (settings.SAMENSPEL_ATTACHMENTS_DIR) under a random name; the name the user gave is kept
    only for display. Read it through intake.selectors.open_attachment (checked, audited)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(_("bestandsnaam"), max_length=255, validators=[validate_plain_text])
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return f"Bijlage {self.pk}"
