"""Per-user API tokens. Only a SHA-256 hash of a token is stored; the token itself is shown
once, when it is made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.api.validators import validate_plain_text


class ApiTokenQuerySet(models.QuerySet):
    def owned_by(self, user) -> ApiTokenQuerySet:
        return self.filter(user=user)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker")
    )
    name = models.CharField(_("naam"), max_length=100, validators=[validate_plain_text])
    prefix = models.CharField(_("begin van de sleutel"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
