"""The per-recipient minutes export: a PDF of a meeting's agenda, minutes, decisions and
actions holding only what one recipient may see, with the recipient's name and the date on
every page.

`render_minutes_pdf(recipient, meeting)` is pure (no audit entry, no change): it reads through
`selectors.agenda_for`, the same per-recipient view the meeting pages use, so a copy can never
hold more than its recipient sees on screen. `export_minutes(actor, meeting)` is what a view
calls: it renders the actor's own copy, then writes one audit entry per agenda item in it (with
the item's subject), and only then hands back the bytes, so no copy leaves without its entries.

A copy is always made for the person who asks for it. Nobody exports someone else's copy: the
chair does not receive the police information a police officer's copy may hold, so a copy made
"for" another recipient would show its maker more than the agreement gives them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from samenspel.audit.services import record
from samenspel.meetings import selectors
from samenspel.meetings.exceptions import PURPOSE_MEETING
from samenspel.meetings.models import Meeting

EXPORT_ACTION = "minutes.export"


@dataclass(frozen=True)
class MinutesExport:
    content: bytes
    filename: str


def filename_for(meeting: Meeting) -> str:
    """The file's name: the meeting's id and date, never a person's name."""
    return f"verslag-casusoverleg-{meeting.pk}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"


def render_minutes_pdf(recipient, meeting: Meeting, *, made_at: datetime.datetime | None = None) -> bytes:
    """The recipient's copy as PDF bytes. Raises NotVisible when the meeting is out of the
    recipient's reach and ConfidentialityNotConfirmed before they confirmed for it."""
    return _render(recipient, meeting, selectors.agenda_for(recipient, meeting), made_at)


def export_minutes(actor, meeting: Meeting) -> MinutesExport:
    """The actor's own copy of the meeting's minutes, audited: one "minutes.export" entry per
    agenda item in the copy, with the item's subject, written and committed before the bytes
    are returned (a meeting with an empty agenda gets one entry for the meeting). The PDF is
    rendered first, outside the transaction, so the audit chain is locked only for the
    appends."""
    agenda = selectors.agenda_for(actor, meeting)
    content = _render(actor, meeting, agenda, None)
    with transaction.atomic():
        if not agenda:
            record(EXPORT_ACTION, object_type="meeting", object_id=meeting.pk, purpose=PURPOSE_MEETING, actor=actor)
        for view in agenda:
            record(
                EXPORT_ACTION,
                object_type="agenda_item",
                object_id=view.item.pk,
                subject_id=view.item.case.subject_id,
                purpose=PURPOSE_MEETING,
                actor=actor,
            )
    return MinutesExport(content=content, filename=filename_for(meeting))


def _render(recipient, meeting: Meeting, agenda: list, made_at: datetime.datetime | None) -> bytes:
    # Imported here: loading Pango costs time at start-up.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "meetings/minutes_pdf.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "recipient": recipient,
            "recipient_organisation": recipient.organisation,
            "made_at": timezone.localtime(made_at or timezone.now()),
        },
    )
    # The copy is self-contained (styles inline, system fonts): no protocol is allowed, so
    # nothing is ever fetched, neither from the network nor from the disk.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
