from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, text_validators
from samenspel.core.validators import validate_plain_text
from samenspel.intake.models.signals import Signal
from samenspel.intake.querysets import AssessmentNoteQuerySet, InformationRequestQuerySet, TriageDecisionQuerySet
from samenspel.intake.workflow import SignalStatus
from samenspel.sharing.models import InformationCategory


class AssessmentNote(models.Model):
    """A coordinator's note while assessing a signal. Triage information: never shown to the
    reporter. Appended, never edited."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="assessment_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"), validators=text_validators())
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = AssessmentNoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("duidingsnotitie")
        verbose_name_plural = _("duidingsnotities")

    def __str__(self) -> str:
        return f"Notitie {self.pk}"


class DecisionOutcome(models.TextChoices):
    NO_CONCERN = "no_concern", _("Geen zorg: sluiten")
    MONITOR = "monitor", _("Monitoren")
    REFER = "refer", _("Doorverwijzen naar reguliere zorg")
    POLICE = "police", _("Overdragen aan politie")
    OPEN_CASE = "open_case", _("Casus openen of aanvullen")


# The status a signal moves to with each outcome.
OUTCOME_STATUS: dict[DecisionOutcome, SignalStatus] = {
    DecisionOutcome.NO_CONCERN: SignalStatus.CLOSED_NO_CONCERN,
    DecisionOutcome.MONITOR: SignalStatus.MONITORING,
    DecisionOutcome.REFER: SignalStatus.REFERRED,
    DecisionOutcome.POLICE: SignalStatus.HANDED_TO_POLICE,
    DecisionOutcome.OPEN_CASE: SignalStatus.CASE,
}


class TriageDecision(models.Model):
    """The outcome of a triage, with its reason. A monitored signal may be decided again at
    its review, so a signal can have several; the newest is current."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("besluit"), max_length=16, choices=DecisionOutcome.choices)
    reason = models.TextField(_("onderbouwing"), validators=text_validators())
    review_date = models.DateField(_("herbeoordelen op"), null=True, blank=True)
    referred_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorverwezen naar"),
    )
    referred_to_name = models.CharField(
        _("doorverwezen naar (andere organisatie)"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        validators=[validate_plain_text],
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("casus")
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    objects = TriageDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("besluit na duiding")
        verbose_name_plural = _("besluiten na duiding")

    def __str__(self) -> str:
        return f"Besluit {self.pk}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Beantwoord")


class InformationRequest(models.Model):
    """A coordinator asks a partner organisation what it knows, in named categories, about the
    person of a signal or case. The partner answers inside Samenspel; each answer becomes a
    categorised InformationItem (an answer without items means: nothing to share)."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, null=True, blank=True, related_name="information_requests"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="information_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="information_requests", verbose_name=_("gevraagd aan")
    )
    categories = models.ManyToManyField(InformationCategory, related_name="+", verbose_name=_("gevraagde categorieën"))
    question = models.TextField(_("vraag"), validators=text_validators())
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=False, case__isnull=True) | Q(signal__isnull=True, case__isnull=False),
                name="information_request_signal_xor_case",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "requested_at"], name="information_request_inbox")]

    def __str__(self) -> str:
        return f"Informatieverzoek {self.pk}"

    @property
    def subject_of_request(self):
        """The Signal or Case whose person the request is about (the identity the partner needs
        to answer: `.identity` of the signal, or of the case's subject)."""
        return self.signal if self.signal_id else self.case
