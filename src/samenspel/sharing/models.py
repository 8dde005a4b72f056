"""The information-sharing agreement (convenant), first version: the managed lists of
information categories and concern categories, and the matrix that says which kind of
organisation may provide and receive which information category.

These models only hold the agreement. What a user may see follows from it in policy.py, the
one module that decides; changes go through services.py (audited, effective at once).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import OrganisationType
from samenspel.core.validators import validate_plain_text


class CatalogueEntry(models.Model):
    """An entry of a managed list. The code is stable and English (code refers to it); the
    name is the Dutch label users see and may be edited."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=120, unique=True, validators=[validate_plain_text])
    description = models.CharField(_("toelichting"), max_length=500, blank=True, validators=[validate_plain_text])
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InformationCategory(CatalogueEntry):
    """A category of information about a person (gegevenscategorie): identificatie, onderwijs,
    politie en justitie, ... Every case information item has one; the sharing matrix is
    expressed in them."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("gegevenscategorie")
        verbose_name_plural = _("gegevenscategorieën")


class ConcernCategory(CatalogueEntry):
    """What kind of concern a signal reports (uitingen en ideologie, gedragsverandering, ...)."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("soort zorg")
        verbose_name_plural = _("soorten zorg")


class SharingRule(models.Model):
    """One cell of the matrix: what organisations of one type may do with one category.
    No row means neither providing nor receiving."""

    organisation_type = models.CharField(_("soort organisatie"), max_length=32, choices=OrganisationType.choices)
    category = models.ForeignKey(
        InformationCategory, on_delete=models.CASCADE, related_name="sharing_rules", verbose_name=_("categorie")
    )
    may_provide = models.BooleanField(_("mag verstrekken"), default=False)
    may_receive = models.BooleanField(_("mag ontvangen"), default=False)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        ordering = ["organisation_type", "category__position"]
        verbose_name = _("deelregel")
        verbose_name_plural = _("deelregels")
        constraints = [
            models.UniqueConstraint(fields=["organisation_type", "category"], name="sharing_rule_unique_cell"),
        ]
        indexes = [
            models.Index(fields=["organisation_type", "may_receive"], name="sharing_rule_receive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_organisation_type_display()} / {self.category}"
