"""Records closed on a given day, for the time-travel tests of the retention job."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.core.files.base import ContentFile

from samenspel.intake import attachments
from samenspel.intake.models import Attachment
from samenspel.intake.workflow import SignalStatus
from samenspel.testing.factories_cases import CaseFactory, SignalFactory


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def closed_signal(personas, day: datetime.date, status: str = SignalStatus.CLOSED_NO_CONCERN, **kwargs):
    """A signal of Voorbeeldstad whose closing decision was taken at noon on `day`."""
    kwargs.setdefault("reporter", personas.teacher)
    kwargs.setdefault("municipality", personas.municipality)
    with time_machine.travel(noon(day), tick=False):
        return SignalFactory(status=status, received_at=noon(day) - datetime.timedelta(days=3), **kwargs)


def closed_case(personas, day: datetime.date, **kwargs):
    kwargs.setdefault("municipality", personas.municipality)
    kwargs.setdefault("coordinator", personas.coordinator)
    with time_machine.travel(noon(day), tick=False):
        return CaseFactory(closed=True, **kwargs)


def attach(signal, content: bytes = b"%PDF-1.4 test") -> Attachment:
    stored = attachments.storage().save(f"ab/{signal.pk:032x}", ContentFile(content))
    return Attachment.objects.create(
        signal=signal,
        original_name="verslag.pdf",
        stored_name=stored,
        content_type=attachments.PDF,
        size=len(content),
        sha256="0" * 64,
    )


def stored_exists(attachment: Attachment) -> bool:
    return attachments.storage().exists(attachment.stored_name)
