from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.cases.identity import PersonIdentity
from samenspel.cases.querysets import RelatedPersonQuerySet, SubjectQuerySet


class Subject(PersonIdentity):
    """The person a case (and perhaps several signals) is about: the betrokkene. Identity
    fields only; everything known about the person is an InformationItem on a case."""

    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = SubjectQuerySet.as_manager()

    class Meta(PersonIdentity.Meta):
        ordering = ["family_name", "given_names", "pk"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")

    def __str__(self) -> str:
        # Never a name: str() ends up in logs and error reports.
        return f"Betrokkene {self.pk}"


class Relation(models.TextChoices):
    PARENT = "parent", _("Ouder")
    GUARDIAN = "guardian", _("Voogd of verzorger")
    SIBLING = "sibling", _("Broer of zus")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Kind")
    OTHER_FAMILY = "other_family", _("Ander familielid")
    OTHER = "other", _("Anders")


class RelatedPerson(PersonIdentity):
    """Family and others close to a subject, with their relation. Shown only to those whose
    organisation may receive the "gezin" category (sharing.policy)."""

    subject = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="related_persons", verbose_name=_("betrokkene")
    )
    relation = models.CharField(_("relatie"), max_length=32, choices=Relation.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = RelatedPersonQuerySet.as_manager()

    class Meta(PersonIdentity.Meta):
        ordering = ["relation", "pk"]
        verbose_name = _("verwante persoon")
        verbose_name_plural = _("verwante personen")

    def __str__(self) -> str:
        return f"Verwante persoon {self.pk}"
