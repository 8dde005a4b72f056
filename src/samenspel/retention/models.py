"""Retention: a municipality's shortened periods, legal holds that block deletion, and the
record of each deletion run (counts only, no personal data). See policy.py for the periods."""

from __future__ import annotations

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality
from samenspel.cases.validators import text_validators
from samenspel.retention.policy import DEFAULT_MONTHS, MIN_MONTHS, SHORTENABLE, RecordType
from samenspel.retention.querysets import DeletionRunQuerySet, LegalHoldQuerySet, RetentionOverrideQuerySet

REASON_MAX_LENGTH = 1_000


def _within_default() -> Q:
    """Only shortenable types, from MIN_MONTHS up to their default."""
    return functools.reduce(
        operator.or_,
        (Q(record_type=kind, months__gte=MIN_MONTHS, months__lte=DEFAULT_MONTHS[kind]) for kind in SHORTENABLE),
    )


class RetentionOverride(models.Model):
    """A municipality keeps one record type shorter than the default (policy.DEFAULT_MONTHS).
    Set by its privacy officer; never longer than the default (checked by the service and the
    database)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="retention_overrides", verbose_name=_("gemeente")
    )
    record_type = models.CharField(_("soort gegeven"), max_length=32, choices=RecordType.choices)
    months = models.PositiveSmallIntegerField(_("bewaartermijn (maanden)"))
    reason = models.TextField(_("onderbouwing"), validators=text_validators(REASON_MAX_LENGTH))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = RetentionOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["municipality_id", "record_type"]
        verbose_name = _("afwijkende bewaartermijn")
        verbose_name_plural = _("afwijkende bewaartermijnen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "record_type"], name="retention_override_unique"),
            models.CheckConstraint(condition=_within_default(), name="retention_override_within_default"),
        ]

    def __str__(self) -> str:
        return f"Bewaartermijn {self.pk}"


class HoldTarget(models.TextChoices):
    SUBJECT = "subject", _("Betrokkene")
    CASE = "case", _("Casus")
    SIGNAL = "signal", _("Melding")


class LegalHold(models.Model):
    """Keeps a subject (with all their cases and signals), a case or a signal past its
    retention period, for a reason and until an end date (or until lifted earlier). The hold
    goes with its record once that record is deleted after the hold ended."""

    target_type = models.CharField(_("soort"), max_length=16, choices=HoldTarget.choices)
    subject = models.ForeignKey(
        "cases.Subject", on_delete=models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="legal_holds")
    signal = models.ForeignKey(
        "intake.Signal", on_delete=models.CASCADE, null=True, blank=True, related_name="legal_holds"
    )
    # The municipality whose privacy officers manage the hold.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="legal_holds", verbose_name=_("gemeente")
    )
    reason = models.TextField(_("reden"), validators=text_validators(REASON_MAX_LENGTH))
    ends_on = models.DateField(_("tot en met"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("ingesteld op"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target_type="subject", subject__isnull=False, case__isnull=True, signal__isnull=True)
                    | Q(target_type="case", subject__isnull=True, case__isnull=False, signal__isnull=True)
                    | Q(target_type="signal", subject__isnull=True, case__isnull=True, signal__isnull=False)
                ),
                name="legal_hold_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"Bewaarplicht {self.pk}"

    @property
    def target_id(self) -> int:
        return self.subject_id or self.case_id or self.signal_id

    def is_active(self, today) -> bool:
        return self.lifted_at is None and self.ends_on >= today


class DeletionRun(models.Model):
    """One run of the retention job: when, for which day, and how many records of each kind
    it deleted or pseudonymised. Counts only: no ids, no names."""

    run_date = models.DateField(_("peildatum"))
    started_at = models.DateTimeField(_("begonnen"))
    finished_at = models.DateTimeField(_("klaar"))
    # {"intake.Signal": 3, "cases.Case": 1, "files": 2, "audit.AuditEntry.pseudonymised": 40, ...}
    counts = models.JSONField(_("aantallen"), default=dict)

    objects = DeletionRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("verwijderrun")
        verbose_name_plural = _("verwijderruns")

    def __str__(self) -> str:
        return f"Verwijderrun {self.pk}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
