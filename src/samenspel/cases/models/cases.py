from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation
from samenspel.cases.models.subjects import Subject
from samenspel.cases.querysets import CasePhaseChangeQuerySet, CaseQuerySet, CaseTeamMemberQuerySet
from samenspel.cases.validators import text_validators
from samenspel.cases.workflow import INITIAL, Phase


class DetentionStatus(models.TextChoices):
    NONE = "none", _("Niet gedetineerd")
    DETAINED = "detained", _("Gedetineerd")
    RELEASED = "released", _("Vrijgelaten na detentie")


class IdeologyContext(models.TextChoices):
    """Recorded by a professional when it helps the work. Never required, never computed."""

    JIHADIST = "jihadist", _("Jihadistisch")
    RIGHT_WING = "right_wing_extremist", _("Rechts-extremistisch")
    LEFT_WING = "left_wing_extremist", _("Links-extremistisch")
    ANTI_INSTITUTIONAL = "anti_institutional", _("Anti-institutioneel")
    OTHER_OR_UNKNOWN = "other_or_unknown", _("Overig of onbekend")


class Case(models.Model):
    """A person-centred case (casus), directed by a coordinator of its municipality."""

    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="cases", verbose_name=_("betrokkene"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cases", verbose_name=_("gemeente")
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_cases",
        verbose_name=_("dossierhouder"),
    )
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices, default=INITIAL)
    is_minor = models.BooleanField(_("minderjarig"), default=False)
    is_returnee = models.BooleanField(_("terugkeerder"), default=False)
    detention_status = models.CharField(
        _("detentie"), max_length=16, choices=DetentionStatus.choices, default=DetentionStatus.NONE
    )
    ideology_context = models.CharField(
        _("ideologische context"), max_length=32, choices=IdeologyContext.choices, blank=True
    )
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # When the case is next discussed: set at opening, by every review and by
    # cases.services.reviews.schedule_review; none once closed.
    next_review_date = models.DateField(_("volgende bespreking"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        indexes = [
            models.Index(fields=["municipality", "phase", "-opened_at"], name="case_municipality_phase"),
            models.Index(fields=["subject", "phase"], name="case_subject_phase"),
            models.Index(fields=["municipality", "next_review_date"], name="case_next_review"),
            # The case list's order: walked newest first, so a page stops after 51 visible
            # cases instead of sorting everything a coordinator or partner sees (bench/).
            models.Index(fields=["-opened_at", "-id"], name="case_newest_first"),
        ]

    def __str__(self) -> str:
        return f"Casus {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED


class CasePhaseChange(models.Model):
    """One step in a case's life: appended by cases.workflow.transition, never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("van fase"), max_length=16, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar fase"), max_length=16, choices=Phase.choices)
    reason = models.TextField(_("reden"), blank=True, validators=text_validators())
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = CasePhaseChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")

    def __str__(self) -> str:
        return f"{self.from_phase or '-'} -> {self.to_phase}"


class CaseTeamMember(models.Model):
    """An organisation on the case team, optionally with a named contact. A non-empty team has
    exactly one lead partner (the database allows at most one, the service at least one)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team_members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="case_memberships", verbose_name=_("organisatie")
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_contacts",
        verbose_name=_("contactpersoon"),
    )
    is_lead = models.BooleanField(_("leidende partner"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = CaseTeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["-is_lead", "added_at", "pk"]
        verbose_name = _("teamlid")
        verbose_name_plural = _("casusteam")
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="case_team_unique_organisation"),
            models.UniqueConstraint(fields=["case"], condition=Q(is_lead=True), name="case_team_one_lead"),
        ]
        indexes = [models.Index(fields=["organisation", "case"], name="case_team_by_organisation")]

    def __str__(self) -> str:
        return f"Teamlid {self.pk}"
