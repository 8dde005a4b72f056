"""Regions, municipalities, organisations, users and their scoped roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.managers import UserManager
from samenspel.accounts.querysets import OrganisationQuerySet, RoleAssignmentQuerySet
from samenspel.accounts.roles import ROLE_CAPABILITIES, Capability, Role
from samenspel.core.validators import validate_plain_text


class Region(models.Model):
    """A group of municipalities served by one Zorg- en Veiligheidshuis."""

    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("regio"))
    # Public contact point for citizens with a concern (shown on the public page, no login).
    contact_name = models.CharField(
        _("contactpunt (openbaar)"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    contact_phone = models.CharField(
        _("telefoonnummer (openbaar)"), max_length=40, blank=True, validators=[validate_plain_text]
    )
    contact_email = models.EmailField(_("e-mailadres (openbaar)"), blank=True)
    contact_hours = models.CharField(
        _("bereikbaar (openbaar)"), max_length=200, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    POLICE = "politie", _("Politie")
    EDUCATION = "onderwijs", _("Onderwijs")
    YOUTH_WORK = "jongerenwerk", _("Jongerenwerk")
    SOCIAL_TEAM = "sociaal_wijkteam", _("Sociaal wijkteam")
    YOUTH_CARE = "jeugdhulp", _("Jeugdhulp")
    CHILD_PROTECTION = "raad_kinderbescherming", _("Raad voor de Kinderbescherming")
    PROBATION = "reclassering", _("Reclassering")
    MENTAL_HEALTH = "ggz", _("GGZ")
    HUB = "zorg_veiligheidshuis", _("Zorg- en Veiligheidshuis")
    PROSECUTION = "openbaar_ministerie", _("Openbaar Ministerie")
    OTHER = "overig", _("Overig")


class Organisation(models.Model):
    """A partner organisation. Regional organisations (police unit, Zorg- en Veiligheidshuis)
    have no municipality; local ones (a school, the municipality itself) have one."""

    name = models.CharField(_("naam"), max_length=200, validators=[validate_plain_text])
    type = models.CharField(_("soort"), max_length=32, choices=OrganisationType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("regio"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gemeente"),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name_per_region")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.municipality_id and self.region_id and self.municipality.region_id != self.region_id:
            raise ValidationError({"municipality": _("Deze gemeente ligt niet in de gekozen regio.")})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Belongs to exactly one organisation (superusers for the Django
    admin may have none)."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200, validators=[validate_plain_text])
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot Django-beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(is_superuser=True),
                name="user_has_organisation_unless_superuser",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    # Roles and capabilities -------------------------------------------------------------

    def active_roles(self) -> list[RoleAssignment]:
        """The user's role assignments, cached per instance (one query per request)."""
        if not self.is_authenticated or not self.is_active:
            return []
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = list(self.role_assignments.select_related("municipality", "region"))
            self._role_cache = cached
        return cached

    def has_capability(self, capability: Capability) -> bool:
        return any(capability in ROLE_CAPABILITIES[Role(a.role)] for a in self.active_roles())

    def assignments_with(self, capability: Capability) -> list[RoleAssignment]:
        return [a for a in self.active_roles() if capability in ROLE_CAPABILITIES[Role(a.role)]]


class RoleAssignment(models.Model):
    """One role held by one user, scoped to exactly one municipality or one region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("gemeente")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("regio"))

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(region__isnull=True))
                | (Q(municipality__isnull=True) & Q(region__isnull=False)),
                name="role_scoped_to_municipality_xor_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="role_unique_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"], condition=Q(region__isnull=False), name="role_unique_per_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.scope})"

    @property
    def scope(self) -> Municipality | Region:
        return self.municipality or self.region  # type: ignore[return-value]

    def covers(self, organisation: Organisation) -> bool:
        """Whether this assignment's scope includes the organisation."""
        if self.region_id is not None:
            return organisation.region_id == self.region_id
        return organisation.municipality_id == self.municipality_id


class UserSession(models.Model):
    """Which sessions belong to which user, so all of them can be ended at once
    (deactivation, password change) whatever the session backend."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"
