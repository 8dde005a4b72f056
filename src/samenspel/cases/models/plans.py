"""The plan of approach (plan van aanpak): goals and interventions from a managed catalogue,
each carried out by a responsible organisation; and the reviews at which the professionals
judge the trend. Words and dates only: nothing here scores a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation, OrganisationType
from samenspel.cases.models.cases import Case
from samenspel.cases.querysets import (
    CaseReviewQuerySet,
    GoalQuerySet,
    InterventionQuerySet,
    InterventionStatusChangeQuerySet,
    InterventionTypeQuerySet,
    PlanQuerySet,
)
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, text_validators
from samenspel.cases.workflow import INTERVENTION_INITIAL, InterventionStatus
from samenspel.core.validators import validate_plain_text

GOAL_MAX_LENGTH = 2_000
REASON_MAX_LENGTH = 1_000


class InterventionType(models.Model):
    """One kind of intervention in the managed catalogue (mentoring, exit programme, ...).
    Reference data, not personal data: managed by the application manager, read by all."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=SHORT_TEXT_MAX_LENGTH, validators=[validate_plain_text])
    description = models.TextField(_("omschrijving"), blank=True, validators=text_validators())
    provider_type = models.CharField(_("soort aanbieder"), max_length=32, choices=OrganisationType.choices, blank=True)
    target_group = models.CharField(
        _("doelgroep"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True, validators=[validate_plain_text]
    )
    evidence_notes = models.TextField(_("onderbouwing"), blank=True, validators=text_validators())
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    objects = InterventionTypeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("soort interventie")
        verbose_name_plural = _("soorten interventies")

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """The plan of approach of a case. A case has at most one current plan; a revised plan
    replaces it and the old one stays as history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    summary = models.TextField(_("aanpak"), blank=True, validators=text_validators())
    is_current = models.BooleanField(_("huidig plan"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(is_current=True), name="plan_one_current")]

    def __str__(self) -> str:
        return f"Plan {self.pk}"


class Goal(models.Model):
    """A goal of the plan, in words."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("doel"), validators=text_validators(GOAL_MAX_LENGTH))
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return f"Doel {self.pk}"


class GoalOutcome(models.TextChoices):
    """How far the intervention's goal was reached: the professionals' judgement at the end."""

    NOT_REACHED = "not_reached", _("Doel niet bereikt")
    PARTLY_REACHED = "partly_reached", _("Doel deels bereikt")
    FULLY_REACHED = "fully_reached", _("Doel volledig bereikt")


class Intervention(models.Model):
    """One intervention of the plan, carried out by a responsible organisation. Its status
    moves only through cases.workflow (planned, running, completed, stopped); an ended
    intervention carries its outcome."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="interventions")
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="interventions", verbose_name=_("doel")
    )
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("soort interventie")
    )
    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("verantwoordelijke")
    )
    description = models.TextField(_("toelichting"), blank=True, validators=text_validators())
    start_date = models.DateField(_("startdatum"))
    planned_end_date = models.DateField(_("geplande einddatum"))
    status = models.CharField(
        _("status"), max_length=16, choices=InterventionStatus.choices, default=INTERVENTION_INITIAL
    )
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    outcome = models.CharField(_("resultaat"), max_length=16, choices=GoalOutcome.choices, blank=True)
    outcome_text = models.TextField(_("toelichting op het resultaat"), blank=True, validators=text_validators())
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gte=F("start_date")), name="intervention_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status__in=["completed", "stopped"], ended_on__isnull=False) & ~Q(outcome="")
                    | Q(status__in=["planned", "running"], ended_on__isnull=True, outcome="")
                ),
                name="intervention_outcome_at_the_end",
            ),
        ]
        indexes = [
            models.Index(fields=["responsible_organisation", "status", "planned_end_date"], name="intervention_by_org"),
            models.Index(fields=["plan", "status"], name="intervention_plan_status"),
        ]

    def __str__(self) -> str:
        return f"Interventie {self.pk}"


class InterventionStatusChange(models.Model):
    """One step of an intervention's status: appended by cases.workflow, never edited."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("van status"), max_length=16, choices=InterventionStatus.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=16, choices=InterventionStatus.choices)
    reason = models.TextField(_("toelichting"), blank=True, validators=text_validators(REASON_MAX_LENGTH))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = InterventionStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("statuswijziging interventie")
        verbose_name_plural = _("statuswijzigingen interventies")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class Trend(models.TextChoices):
    """The professionals' judgement of how the situation developed since the last review."""

    BETTER = "better", _("Beter")
    UNCHANGED = "unchanged", _("Onveranderd")
    WORSE = "worse", _("Slechter")


class CaseReview(models.Model):
    """A review of the case (evaluatiemoment): the professionals' judgement of the trend with a
    short reason, and when the next review is due. Appended, never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField(_("datum bespreking"))
    trend = models.CharField(_("ontwikkeling"), max_length=16, choices=Trend.choices)
    reason = models.TextField(_("toelichting"), validators=text_validators(REASON_MAX_LENGTH))
    next_review_date = models.DateField(_("volgende bespreking"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-review_date", "-pk"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_date__gt=F("review_date")), name="case_review_next_after_review"
            )
        ]
        indexes = [models.Index(fields=["case", "-review_date"], name="case_review_case_date")]

    def __str__(self) -> str:
        return f"Evaluatie {self.pk}"
