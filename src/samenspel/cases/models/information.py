from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation
from samenspel.cases.models.cases import Case
from samenspel.cases.querysets import InformationItemQuerySet, LifeDomainAssessmentQuerySet
from samenspel.cases.validators import text_validators
from samenspel.sharing.models import InformationCategory


class InformationItem(models.Model):
    """One piece of information about the subject, from one organisation, in one category of
    the agreement. On a signal during triage, on a case afterwards (or both: a signal's items
    join the case it becomes). Who sees it follows from its category (sharing.policy)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="information_items")
    signal = models.ForeignKey(
        "intake.Signal", on_delete=models.CASCADE, null=True, blank=True, related_name="information_items"
    )
    request = models.ForeignKey(
        "intake.InformationRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    category = models.ForeignKey(
        InformationCategory, on_delete=models.PROTECT, related_name="items", verbose_name=_("categorie")
    )
    source_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="provided_items", verbose_name=_("bron")
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("informatie"), validators=text_validators())
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = InformationItemQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("informatie-item")
        verbose_name_plural = _("informatie-items")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(signal__isnull=False), name="information_item_has_a_home"
            )
        ]
        indexes = [models.Index(fields=["case", "category"], name="information_item_case")]

    def __str__(self) -> str:
        return f"Informatie {self.pk}"


class LifeDomain(models.TextChoices):
    IDENTITY_AND_IDEOLOGY = "identity_and_ideology", _("Identiteit en ideologie")
    FAMILY = "family", _("Gezin en opvoeding")
    SOCIAL_NETWORK = "social_network", _("Sociaal netwerk en vrije tijd")
    EDUCATION_AND_WORK = "education_and_work", _("School en werk")
    HEALTH = "health", _("Psychische en lichamelijke gezondheid")
    HOUSING_AND_FINANCES = "housing_and_finances", _("Wonen en financiën")
    JUSTICE = "justice", _("Justitie en veiligheid")
    ONLINE = "online", _("Online")


class LifeDomainAssessment(models.Model):
    """A professional's assessment of one life domain: risk and protective factors in words,
    and a judgement in words. Appended, never edited; the newest per domain is current.
    Deliberately no score, level or rating: the system judges no person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    life_domain = models.CharField(_("leefgebied"), max_length=32, choices=LifeDomain.choices)
    risk_factors = models.TextField(_("risicofactoren"), blank=True, validators=text_validators())
    protective_factors = models.TextField(_("beschermende factoren"), blank=True, validators=text_validators())
    judgement = models.TextField(_("professioneel oordeel"), validators=text_validators())
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = LifeDomainAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["life_domain", "-recorded_at", "-pk"]
        verbose_name = _("duiding per leefgebied")
        verbose_name_plural = _("duidingen per leefgebied")
        indexes = [models.Index(fields=["case", "life_domain", "-recorded_at"], name="assessment_case_domain")]

    def __str__(self) -> str:
        return f"Duiding {self.pk}"
