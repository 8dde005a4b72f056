from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation
from samenspel.cases.identity import PersonIdentity
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, text_validators
from samenspel.core.validators import validate_plain_text
from samenspel.intake.querysets import SignalQuerySet, SignalTransitionQuerySet
from samenspel.intake.workflow import AWAITING_ASSESSMENT, INITIAL, REPORTER_STATUS, ReporterStatus, SignalStatus
from samenspel.sharing.models import ConcernCategory


class Channel(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    CITIZEN = "citizen", _("Burger")


class Urgency(models.TextChoices):
    LOW = "low", _("Laag")
    NORMAL = "normal", _("Gemiddeld")
    HIGH = "high", _("Hoog")


class Signal(PersonIdentity):
    """A reported concern about a person (melding), from a professional or a citizen, for the
    coordinator of the municipality it concerns. The identity fields (PersonIdentity) say
    whom it is about, as far as the reporter knows."""

    channel = models.CharField(_("kanaal"), max_length=16, choices=Channel.choices, default=Channel.PROFESSIONAL)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="signals", verbose_name=_("gemeente")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_signals",
        verbose_name=_("melder"),
    )
    reporter_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_signals",
        verbose_name=_("organisatie van de melder"),
    )
    reporter_relation = models.CharField(
        _("relatie tot de persoon"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True, validators=[validate_plain_text]
    )
    citizen_name = models.CharField(
        _("naam melder"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True, validators=[validate_plain_text]
    )
    citizen_contact = models.CharField(
        _("bereikbaar via"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True, validators=[validate_plain_text]
    )
    observation = models.TextField(_("wat is er waargenomen"), validators=text_validators())
    concern_categories = models.ManyToManyField(
        ConcernCategory, related_name="signals", blank=True, verbose_name=_("soort zorg")
    )
    observed_on = models.DateField(_("waargenomen op"), null=True, blank=True)
    urgency = models.CharField(_("urgentie"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("status"), max_length=32, choices=SignalStatus.choices, default=INITIAL)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    triage_deadline = models.DateField(_("uiterste datum eerste duiding"))
    review_date = models.DateField(_("herbeoordelen op"), null=True, blank=True)
    subject = models.ForeignKey(
        "cases.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("betrokkene"),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="signals", verbose_name=_("casus")
    )

    objects = SignalQuerySet.as_manager()

    class Meta(PersonIdentity.Meta):
        ordering = ["received_at", "pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(channel=Channel.CITIZEN, reporter__isnull=True)
                | Q(channel=Channel.PROFESSIONAL, reporter__isnull=False),
                name="signal_reporter_matches_channel",
            )
        ]
        indexes = [
            *PersonIdentity.Meta.indexes,
            models.Index(fields=["municipality", "status", "received_at"], name="signal_inbox"),
            # The inbox's order within a municipality, for both awaiting statuses at once: the
            # inbox reads its first page in index order instead of sorting them all (bench/).
            models.Index(
                fields=["municipality", "received_at", "id"],
                condition=Q(status__in=sorted(AWAITING_ASSESSMENT)),
                name="signal_awaiting_assessment",
            ),
            models.Index(fields=["reporter", "-received_at"], name="signal_by_reporter"),
        ]

    def __str__(self) -> str:
        # Never a name: str() ends up in logs and error reports.
        return f"Melding {self.pk}"

    @property
    def reporter_status(self) -> ReporterStatus:
        """The status to show the reporter (see workflow.ReporterStatus)."""
        return REPORTER_STATUS[SignalStatus(self.status)]


class SignalTransition(models.Model):
    """One status change of a signal: appended by intake.workflow.transition, never edited."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("van status"), max_length=32, choices=SignalStatus.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=32, choices=SignalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(_("reden"), blank=True, validators=text_validators())
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    objects = SignalTransitionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"
