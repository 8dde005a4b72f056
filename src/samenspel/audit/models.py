"""The audit log: append-only, hash-chained entries (see docs/audit.md and ADR 0002).

Entries are spread over a small number of independent chains so that concurrent writers do
not all queue behind one lock; each entry carries the hash of its predecessor in its chain,
and each chain's head row records the newest sequence number and hash so that a truncated
tail is detected too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Result(models.TextChoices):
    ALLOWED = "allowed", _("Toegestaan")
    DENIED = "denied", _("Geweigerd")


class Channel(models.TextChoices):
    WEB = "web", _("Webinterface")
    API = "api", _("API")
    COMMAND = "command", _("Beheeropdracht")
    TASK = "task", _("Achtergrondtaak")


class AuditEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    chain = models.PositiveSmallIntegerField()
    seq = models.PositiveBigIntegerField()
    timestamp = models.DateTimeField(_("tijdstip (UTC)"), db_index=True)
    # Who. Plain ids rather than foreign keys: the log must outlive what it describes.
    actor_id = models.BigIntegerField(_("gebruiker"), null=True, db_index=True)
    actor_label = models.CharField(_("gebruiker (naam)"), max_length=254, blank=True)
    actor_organisation_id = models.BigIntegerField(_("organisatie"), null=True, db_index=True)
    actor_role = models.CharField(_("rol"), max_length=32, blank=True)
    # What.
    action = models.CharField(_("handeling"), max_length=64, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=64, blank=True)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    subject_id = models.CharField(_("betrokkene"), max_length=64, blank=True, db_index=True)
    purpose = models.CharField(_("doel"), max_length=64, blank=True)
    result = models.CharField(_("resultaat"), max_length=16, choices=Result.choices)
    # Where from.
    channel = models.CharField(_("kanaal"), max_length=16, choices=Channel.choices)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    source_address = models.GenericIPAddressField(_("bronadres"), null=True)
    # Chain.
    identity_digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    pseudonymised_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logregels")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_entry_unique_chain_seq")]
        indexes = [models.Index(fields=["actor_organisation_id", "-id"], name="audit_org_recent")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.action} {self.result}"


class AuditChainHead(models.Model):
    """The newest entry of one chain. Locked while appending, so the chain stays linear."""

    chain = models.PositiveSmallIntegerField(primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"chain {self.chain} at {self.seq}"
