"""Planning meetings, inviting to them, their status, and the confidentiality confirmation."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import Municipality, Organisation, Region, User
from samenspel.accounts.roles import Capability
from samenspel.cases.services.common import Errors
from samenspel.core.exceptions import NotAllowed
from samenspel.meetings import workflow
from samenspel.meetings.models import ConfidentialityConfirmation, Meeting, MeetingInvitation, MeetingStatusChange
from samenspel.meetings.services.common import (
    PURPOSE_MEETING,
    audit,
    ensure_planned,
    lock_meeting,
    role_for,
)
from samenspel.meetings.workflow import MeetingStatus
from samenspel.sharing import policy

MEETING_FIELDS = ("starts_at", "ends_at", "location", "online_link", "chair")
# A meeting may be entered up to a year after it took place, and planned up to two years ahead.
EARLIEST_START = datetime.timedelta(days=365)
LATEST_START = datetime.timedelta(days=2 * 365)
LONGEST_MEETING = datetime.timedelta(hours=12)


def _aware(value: object) -> bool:
    return isinstance(value, datetime.datetime) and not timezone.is_naive(value)


def _clean_meeting(errors: Errors, meeting: Meeting) -> None:
    """Field validation of the model, and the checks it cannot make: aware date-times in a
    plausible range, a place or a link, an eligible chair."""
    exclude = ["chair", "created_by", "municipality", "region"]
    starts_at, ends_at = meeting.starts_at, meeting.ends_at
    if not _aware(starts_at):
        errors.add("starts_at", _("Geef een datum en tijd op."))
        exclude.append("starts_at")
    if ends_at is not None and not _aware(ends_at):
        errors.add("ends_at", _("Geef een datum en tijd op."))
        exclude.append("ends_at")
    errors.clean(meeting, exclude=exclude)
    if _aware(starts_at):
        now = timezone.now()
        if not now - EARLIEST_START <= starts_at <= now + LATEST_START:
            errors.add("starts_at", _("Kies een datum binnen een jaar terug en twee jaar vooruit."))
        if _aware(ends_at) and not starts_at < ends_at <= starts_at + LONGEST_MEETING:
            errors.add("ends_at", _("Het overleg eindigt na de aanvang en duurt hooguit twaalf uur."))
    if not (meeting.location or "").strip() and not (meeting.online_link or "").strip() and not errors.has("location"):
        errors.add("location", _("Geef een plaats of een online link op."))
    chair = meeting.chair if meeting.chair_id else None
    if not isinstance(chair, User) or not chair.is_active:
        errors.add("chair", _("Kies een actieve voorzitter."))
    elif not policy.may_run_meetings_in(chair, municipality=meeting.municipality, region=meeting.region):
        errors.add(
            "chair", _("De voorzitter moet voorzitter casusoverleg of dossierhouder zijn in deze gemeente of regio.")
        )


@transaction.atomic
def create_meeting(
    actor: User,
    *,
    starts_at: datetime.datetime,
    municipality: Municipality | None = None,
    region: Region | None = None,
    ends_at: datetime.datetime | None = None,
    location: str = "",
    online_link: str = "",
    chair: User | None = None,
) -> Meeting:
    """Plan a meeting of one municipality or one region (exactly one) that the actor (a chair
    or coordinator) covers. The chair defaults to the actor; it must be a chair or
    coordinator of that scope. A place or an https link (or both) is required."""
    role_for(actor, "meeting.create")
    if (municipality is None) == (region is None) or not isinstance(municipality or region, Municipality | Region):
        raise ValidationError({"municipality": _("Kies een gemeente of een regio (niet allebei).")})
    if not policy.may_run_meetings_in(actor, municipality=municipality, region=region):
        raise NotAllowed("meeting.create", object_type="meeting", purpose=PURPOSE_MEETING)
    meeting = Meeting(
        municipality=municipality,
        region=region,
        starts_at=starts_at,
        ends_at=ends_at,
        location=(location or "").strip(),
        online_link=(online_link or "").strip(),
        chair=chair or actor,
        created_by=actor,
    )
    errors = Errors()
    _clean_meeting(errors, meeting)
    errors.raise_if_any()
    meeting.save()
    audit("meeting.create", "meeting", meeting.pk, actor)
    return meeting


@transaction.atomic
def update_meeting(actor: User, meeting: Meeting, **changes: Any) -> Meeting:
    """Change any of starts_at, ends_at, location, online_link, chair of a planned meeting
    the actor runs."""
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Not a meeting field: {', '.join(sorted(unknown))}")
    role_for(actor, "meeting.update", (Capability.READ_CASE_CONTENT,))
    meeting = lock_meeting(actor, meeting, "meeting.update")
    ensure_planned(meeting)
    for name, value in changes.items():
        if name in ("location", "online_link"):
            value = (value or "").strip()
        setattr(meeting, name, value)
    errors = Errors()
    _clean_meeting(errors, meeting)
    errors.raise_if_any()
    meeting.save(update_fields=list(changes))
    audit("meeting.update", "meeting", meeting.pk, actor)
    return meeting


@transaction.atomic
def change_meeting_status(actor: User, meeting: Meeting, status: str, *, reason: str = "") -> MeetingStatusChange:
    """Mark a planned meeting held (once it has started) or cancelled (with a reason)."""
    role_for(actor, "meeting.change_status", (Capability.READ_CASE_CONTENT,))
    meeting = lock_meeting(actor, meeting, "meeting.change_status")
    reason = (reason or "").strip()
    if workflow.can_transition_meeting(meeting.status, status):
        errors = Errors()
        if status == MeetingStatus.HELD and meeting.starts_at > timezone.now():
            errors.add("status", _("Een overleg kan pas na de aanvang als gehouden worden vastgelegd."))
        if status == MeetingStatus.CANCELLED and not reason:
            errors.add("reason", _("Geef een reden voor het annuleren."))
        errors.clean(MeetingStatusChange(meeting=meeting, to_status=status, reason=reason), exclude=["changed_by"])
        errors.raise_if_any()
    change = workflow.transition_meeting(meeting, status, actor, reason)
    audit("meeting.change_status", "meeting", meeting.pk, actor)
    return change


@transaction.atomic
def invite(
    actor: User, meeting: Meeting, organisation: Organisation, *, person: User | None = None
) -> MeetingInvitation:
    """Invite an organisation of the meeting's region (all its case workers may attend), or one
    person of it. Only while the meeting is planned."""
    role_for(actor, "meeting.invite", (Capability.READ_CASE_CONTENT,))
    meeting = lock_meeting(actor, meeting, "meeting.invite")
    ensure_planned(meeting)
    region_id = meeting.region_id if meeting.region_id is not None else meeting.municipality.region_id
    errors = Errors()
    if not isinstance(organisation, Organisation) or not organisation.is_active:
        errors.add("organisation", _("Kies een actieve organisatie."))
    elif organisation.region_id != region_id:
        errors.add("organisation", _("Deze organisatie hoort niet bij de regio van dit overleg."))
    if person is not None and (
        not isinstance(person, User)
        or not person.is_active
        or not isinstance(organisation, Organisation)
        or person.organisation_id != organisation.pk
        or not person.has_capability(Capability.READ_CASE_CONTENT)
    ):
        errors.add("person", _("Kies een actieve medewerker van deze organisatie die aan casussen werkt."))
    errors.raise_if_any()
    duplicate = MeetingInvitation.objects.filter(meeting=meeting)
    duplicate = (
        duplicate.filter(person=person)
        if person is not None
        else duplicate.filter(organisation=organisation, person__isnull=True)
    )
    if duplicate.exists():
        raise ValidationError({"person" if person else "organisation": _("Deze uitnodiging bestaat al.")})
    invitation = MeetingInvitation.objects.create(
        meeting=meeting, organisation=organisation, person=person, invited_by=actor
    )
    audit("meeting.invite", "meeting_invitation", invitation.pk, actor)
    return invitation


@transaction.atomic
def confirm_confidentiality(actor: User, meeting: Meeting) -> ConfidentialityConfirmation:
    """Record that the actor confirms the confidentiality statement for this meeting (who,
    from which organisation, when). Once per person and meeting: a second call returns the
    existing confirmation and writes nothing."""
    role_for(actor, "meeting.confirm_confidentiality", (Capability.READ_CASE_CONTENT,))
    meeting = lock_meeting(actor, meeting, "meeting.confirm_confidentiality", manage=False)
    existing = ConfidentialityConfirmation.objects.filter(meeting=meeting, user=actor).first()
    if existing is not None:
        return existing
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": _("Dit overleg is geannuleerd.")})
    confirmation = ConfidentialityConfirmation.objects.create(
        meeting=meeting, user=actor, organisation=actor.organisation
    )
    audit("meeting.confirm_confidentiality", "meeting", meeting.pk, actor)
    return confirmation
