from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation, Region
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, text_validators
from samenspel.core.validators import validate_plain_text
from samenspel.meetings.querysets import (
    ConfidentialityConfirmationQuerySet,
    MeetingInvitationQuerySet,
    MeetingQuerySet,
    MeetingStatusChangeQuerySet,
)
from samenspel.meetings.validators import ONLINE_LINK_MAX_LENGTH, REASON_MAX_LENGTH, validate_online_link
from samenspel.meetings.workflow import MEETING_INITIAL, MeetingStatus


class Meeting(models.Model):
    """A case conference of one municipality or of a whole region (exactly one of the two),
    at a place and/or an online link, run by its chair."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("gemeente"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("regio")
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"), null=True, blank=True)
    location = models.CharField(
        _("plaats"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True, validators=[validate_plain_text]
    )
    online_link = models.CharField(
        _("online link"), max_length=ONLINE_LINK_MAX_LENGTH, blank=True, validators=[validate_online_link]
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name=_("voorzitter"),
    )
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices, default=MEETING_INITIAL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(region__isnull=True))
                | (Q(municipality__isnull=True) & Q(region__isnull=False)),
                name="meeting_scoped_to_municipality_xor_region",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "-starts_at"], name="meeting_municipality_start"),
            models.Index(fields=["region", "-starts_at"], name="meeting_region_start"),
            models.Index(fields=["chair", "-starts_at"], name="meeting_chair_start"),
        ]

    def __str__(self) -> str:
        return f"Casusoverleg {self.pk}"

    @property
    def scope(self) -> Municipality | Region:
        return self.municipality or self.region  # type: ignore[return-value]


class MeetingStatusChange(models.Model):
    """One step in a meeting's life: appended by workflow.transition_meeting, never edited."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("van status"), max_length=16, choices=MeetingStatus.choices, blank=True)
    to_status = models.CharField(_("naar status"), max_length=16, choices=MeetingStatus.choices)
    reason = models.TextField(_("reden"), blank=True, validators=text_validators(REASON_MAX_LENGTH))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = MeetingStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("statuswijziging overleg")
        verbose_name_plural = _("statuswijzigingen overleg")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class MeetingInvitation(models.Model):
    """An invited organisation (everyone of it with a case-work role may attend) or, with
    `person`, one invited person of that organisation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="meeting_invitations", verbose_name=_("organisatie")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("persoon"),
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)

    objects = MeetingInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(person__isnull=True),
                name="meeting_invitation_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="meeting_invitation_unique_person"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "meeting"], name="meeting_invitation_by_org"),
            models.Index(fields=["person", "meeting"], name="meeting_invitation_by_person"),
        ]

    def __str__(self) -> str:
        return f"Uitnodiging {self.pk}"


class ConfidentialityConfirmation(models.Model):
    """An attendee confirmed the confidentiality statement for one meeting (who, from which
    organisation, when). Without it, no agenda content of the meeting is shown to them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("bevestigd op"), default=timezone.now)

    objects = ConfidentialityConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["confirmed_at", "pk"]
        verbose_name = _("geheimhoudingsverklaring")
        verbose_name_plural = _("geheimhoudingsverklaringen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="confidentiality_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"Geheimhouding {self.pk}"
