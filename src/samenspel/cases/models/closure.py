"""The end of a case and what may follow: closure with a reason and outcome (and an aftercare
period), reopening, and the transfer of a case to another municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality
from samenspel.cases.models.cases import Case
from samenspel.cases.querysets import CaseClosureQuerySet, CaseReopeningQuerySet, CaseTransferQuerySet
from samenspel.cases.validators import text_validators
from samenspel.cases.workflow import TRANSFER_INITIAL, TransferStatus

REASON_MAX_LENGTH = 1_000


class ClosureReason(models.TextChoices):
    RISK_REDUCED = "risk_reduced", _("Zorgen afgenomen")
    REFERRED_TO_REGULAR_CARE = "referred_to_regular_care", _("Overgedragen aan reguliere zorg")
    MOVED = "moved", _("Verhuisd")
    DETENTION = "detention", _("Detentie")
    NO_COOPERATION = "no_cooperation", _("Geen medewerking")
    OTHER = "other", _("Anders")


class CaseClosure(models.Model):
    """The decision to close a case: reason and outcome, and optionally an aftercare period
    with its own review date. With aftercare, the case is in phase "nazorg" until the
    aftercare ends (`closed_at` is then set); without, it closes at once. A case that goes
    back from aftercare to execution withdraws the pending closure (`withdrawn_at`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("reden van afsluiten"), max_length=32, choices=ClosureReason.choices)
    outcome = models.TextField(_("resultaat"), validators=text_validators())
    aftercare_until = models.DateField(_("nazorg tot"), null=True, blank=True)
    aftercare_review_date = models.DateField(_("evaluatie nazorg"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = CaseClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(aftercare_until__isnull=True, aftercare_review_date__isnull=True)
                | Q(aftercare_until__isnull=False, aftercare_review_date__lte=F("aftercare_until")),
                name="case_closure_aftercare_review_within_period",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(closed_at__isnull=True, withdrawn_at__isnull=True),
                name="case_closure_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Afsluiting {self.pk}"

    @property
    def has_aftercare(self) -> bool:
        return self.aftercare_until is not None

    @property
    def is_pending(self) -> bool:
        """Decided, the case in aftercare, not yet closed."""
        return self.closed_at is None and self.withdrawn_at is None


class CaseReopening(models.Model):
    """A closed case taken up again (back to assessment), with the reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reopenings")
    closure = models.ForeignKey(CaseClosure, on_delete=models.PROTECT, null=True, blank=True, related_name="reopenings")
    reason = models.TextField(_("reden van heropenen"), validators=text_validators(REASON_MAX_LENGTH))
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(_("heropend op"), default=timezone.now)

    objects = CaseReopeningQuerySet.as_manager()

    class Meta:
        ordering = ["-reopened_at", "-pk"]
        verbose_name = _("heropening")
        verbose_name_plural = _("heropeningen")

    def __str__(self) -> str:
        return f"Heropening {self.pk}"


class CaseTransfer(models.Model):
    """A request to hand a case to another municipality (the person moved). The receiving
    municipality's coordinator accepts or declines; on accepting, the case's municipality
    and directing coordinator change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("van gemeente")
    )
    to_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("naar gemeente")
    )
    reason = models.TextField(_("reden van overdracht"), validators=text_validators(REASON_MAX_LENGTH))
    status = models.CharField(_("status"), max_length=16, choices=TransferStatus.choices, default=TRANSFER_INITIAL)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    previous_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vorige dossierhouder")
    )
    new_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nieuwe dossierhouder"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_reason = models.TextField(
        _("toelichting op het besluit"), blank=True, validators=text_validators(REASON_MAX_LENGTH)
    )

    objects = CaseTransferQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_municipality=F("to_municipality")), name="case_transfer_to_another_municipality"
            ),
            models.UniqueConstraint(fields=["case"], condition=Q(status="requested"), name="case_transfer_one_pending"),
            models.CheckConstraint(
                condition=Q(status="requested", decided_at__isnull=True)
                | Q(status__in=["accepted", "declined"], decided_at__isnull=False, decided_by__isnull=False),
                name="case_transfer_decided",
            ),
        ]
        indexes = [
            models.Index(fields=["to_municipality", "status"], name="case_transfer_incoming"),
            models.Index(fields=["from_municipality", "status"], name="case_transfer_outgoing"),
        ]

    def __str__(self) -> str:
        return f"Overdracht {self.pk}"
