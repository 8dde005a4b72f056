"""The privacy officer's audit log page and its CSV export.

Entries come only from selectors.entries_visible_to(); the page is paged by entry id (keyset,
never a COUNT over the whole log) and every page view or export writes exactly one entry of
its own, so reading the log is itself on the log."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from samenspel.accounts.roles import Capability, Role
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.audit.forms import DISPLAY_ZONE, AuditFilterForm
from samenspel.audit.models import AuditEntry, Channel, Result
from samenspel.audit.selectors import entries_visible_to
from samenspel.audit.services import record
from samenspel.core.access import require_capability
from samenspel.core.exceptions import NotAllowed

PAGE_SIZE = 50
EXPORT_CHUNK_SIZE = 2000
PURPOSE = "oversight"
OBJECT_TYPE = "audit_log"

# The columns read from the database, in CSV order after the id.
_FIELDS = (
    "id",
    "timestamp",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "subject_id",
    "purpose",
    "result",
    "channel",
    "request_id",
    "source_address",
)
# A cell starting with one of these is read as a formula by spreadsheet programs.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _require_reader(request: HttpRequest, action: str) -> str:
    """The role that lets the user read the audit log, or an audited 403."""
    try:
        return require_capability(request.user, Capability.READ_AUDIT_LOG, action)
    except NotAllowed:
        raise NotAllowed(action, object_type=OBJECT_TYPE, purpose=PURPOSE) from None


# Presenting entries ------------------------------------------------------------------------


class _Labels:
    """Turns stored codes and ids into what a reader understands, without a query per row."""

    def __init__(self, organisations: Iterable[tuple[int, str]]) -> None:
        self.organisations = dict(organisations)
        self.roles = dict(Role.choices)
        self.results = dict(Result.choices)
        self.channels = dict(Channel.choices)

    def organisation(self, organisation_id: int | None) -> str:
        if organisation_id is None:
            return ""
        return self.organisations.get(organisation_id, str(organisation_id))

    def role(self, value: str) -> str:
        return ", ".join(str(self.roles.get(code, code)) for code in value.split(",") if code)

    def result(self, value: str) -> str:
        return str(self.results.get(value, value))

    def channel(self, value: str) -> str:
        return str(self.channels.get(value, value))


def _local(timestamp: datetime) -> datetime:
    return timestamp.astimezone(DISPLAY_ZONE)


def _row(entry: dict[str, Any], labels: _Labels) -> dict[str, Any]:
    object_label = entry["object_type"]
    if entry["object_id"]:
        object_label = f"{object_label} {entry['object_id']}".strip()
    return {
        "id": entry["id"],
        # Formatted here, so the template's own time-zone conversion cannot change them.
        "time": f"{_local(entry['timestamp']):%Y-%m-%d %H:%M:%S}",
        "time_utc": entry["timestamp"].astimezone(UTC).isoformat(timespec="seconds"),
        "actor": entry["actor_label"],
        "organisation": labels.organisation(entry["actor_organisation_id"]),
        "role": labels.role(entry["actor_role"]),
        "action": entry["action"],
        "object": object_label,
        "subject": entry["subject_id"],
        "purpose": entry["purpose"],
        "result": labels.result(entry["result"]),
        "denied": entry["result"] == Result.DENIED,
        "channel": labels.channel(entry["channel"]),
        "request_id": entry["request_id"],
    }


# Keyset pagination -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    older_cursor: int | None  # show entries with a smaller id than this
    newer_cursor: int | None  # show entries with a larger id than this
    back_to_newest: bool = False  # an empty page behind a cursor links to the newest page


def fetch_page(entries: QuerySet[AuditEntry], *, before: int | None, after: int | None, size: int) -> list[dict]:
    """One page of entries, newest first, starting below `before` or above `after`."""
    columns = entries.values(*_FIELDS)
    if after is not None:
        rows = list(columns.filter(id__gt=after).order_by("id")[:size])
        if len(rows) == size:
            rows.reverse()
            return rows
        # Fewer than a page is newer: show the newest page instead of a short one.
        before = None
    if before is not None:
        columns = columns.filter(id__lt=before)
    return list(columns.order_by("-id")[:size])


def paginate(entries: QuerySet[AuditEntry], *, before: int | None, after: int | None, labels: _Labels) -> Page:
    found = fetch_page(entries, before=before, after=after, size=PAGE_SIZE)
    if not found:
        # Past the oldest entry (or the log changed under the cursor): offer the newest page.
        back = before is not None and entries.filter(id__gte=before).exists()
        return Page(rows=[], older_cursor=None, newer_cursor=None, back_to_newest=back)
    newest, oldest = found[0]["id"], found[-1]["id"]
    return Page(
        rows=[_row(entry, labels) for entry in found],
        older_cursor=oldest if entries.filter(id__lt=oldest).exists() else None,
        newer_cursor=newest if entries.filter(id__gt=newest).exists() else None,
    )


def _newer_url(base: str, params: dict[str, str], page: Page) -> str | None:
    if page.newer_cursor:
        return _link(base, params, after=page.newer_cursor)
    if page.back_to_newest:
        return _link(base, params)
    return None


def _link(base: str, params: dict[str, str], **extra: object) -> str:
    query = urlencode({**params, **{k: str(v) for k, v in extra.items()}})
    return f"{base}?{query}" if query else base


# Views -------------------------------------------------------------------------------------


@never_cache
@require_safe
def log(request: HttpRequest) -> HttpResponse:
    role = _require_reader(request, "audit_log.view")
    form = AuditFilterForm(request.GET, reader=request.user)
    return _render_log(request, form, role)


def _render_log(request: HttpRequest, form: AuditFilterForm, role: str) -> HttpResponse:
    valid = form.is_valid()
    record(
        "audit_log.view",
        object_type=OBJECT_TYPE,
        subject_id=form.cleaned_data.get("subject", "") if valid else "",
        purpose=PURPOSE,
        role=role,
    )
    context: dict[str, Any] = {"form": form, "page": None}
    if not valid:
        context["cursor_errors"] = [
            *form.non_field_errors(),
            *[error for name in form.CURSOR_FIELDS for error in form.errors.get(name, [])],
        ]
        return render(request, "audit/log.html", context, status=400)
    labels = _Labels(form.organisations)
    entries = form.filter(entries_visible_to(request.user))
    page = paginate(entries, before=form.cleaned_data["before"], after=form.cleaned_data["after"], labels=labels)
    params = form.filter_params()
    base = reverse("audit:log")
    context.update(
        page=page,
        filtered=bool(params),
        older_url=_link(base, params, before=page.older_cursor) if page.older_cursor else None,
        newer_url=_newer_url(base, params, page),
        export_url=_link(reverse("audit:export"), params),
    )
    return render(request, "audit/log.html", context)


@never_cache
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The current filter's entries as CSV. Refused (audited) without the capability; asks
    for the second factor again when it is older than the step-up window."""
    role = _require_reader(request, "audit_log.export")
    return _export_after_step_up(request, role=role)


@require_recent_second_factor
def _export_after_step_up(request: HttpRequest, *, role: str) -> HttpResponse:
    form = AuditFilterForm(request.GET, reader=request.user)
    if not form.is_valid():
        return _render_log(request, form, role)
    entries = form.filter(entries_visible_to(request.user))
    # Written, and committed, before the first byte is sent: an export that is read is logged.
    entry = record(
        "audit_log.export",
        object_type=OBJECT_TYPE,
        subject_id=form.cleaned_data.get("subject", ""),
        purpose=PURPOSE,
        role=role,
    )
    labels = _Labels(form.organisations)
    response = StreamingHttpResponse(
        _csv_lines(entries, labels, newest_id=entry.id), content_type="text/csv; charset=utf-8"
    )
    filename = f"auditlog-{entry.timestamp.astimezone(UTC):%Y%m%d-%H%M%S}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# CSV ---------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def neutralise(value: object) -> str:
    """A cell as text that a spreadsheet program shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text


def _csv_header() -> list[str]:
    return [
        _("Nummer"),
        _("Tijdstip (Nederlandse tijd)"),
        _("Tijdstip (UTC)"),
        _("Gebruiker (nummer)"),
        _("Gebruiker"),
        _("Organisatie (nummer)"),
        _("Organisatie"),
        _("Rol"),
        _("Handeling"),
        _("Soort gegeven"),
        _("Gegeven"),
        _("Betrokkene"),
        _("Doel"),
        _("Resultaat"),
        _("Kanaal"),
        _("Verzoek-id"),
        _("Bronadres"),
    ]


def _csv_cells(entry: tuple, labels: _Labels) -> list[str]:
    (
        entry_id,
        timestamp,
        actor_id,
        actor_label,
        organisation_id,
        role,
        action,
        object_type,
        object_id,
        subject_id,
        purpose,
        result,
        channel,
        request_id,
        source_address,
    ) = entry
    cells = [
        entry_id,
        _local(timestamp).isoformat(),
        timestamp.astimezone(UTC).isoformat(),
        actor_id,
        actor_label,
        organisation_id,
        labels.organisation(organisation_id),
        labels.role(role),
        action,
        object_type,
        object_id,
        subject_id,
        purpose,
        labels.result(result),
        labels.channel(channel),
        request_id,
        source_address,
    ]
    return [neutralise(cell) for cell in cells]


def _csv_lines(entries: QuerySet[AuditEntry], labels: _Labels, *, newest_id: int) -> Iterator[str]:
    """The matching entries up to newest_id, newest first, read in id-keyed chunks so memory
    stays constant and no long-running cursor or transaction is held open."""
    writer = csv.writer(_Echo())
    # The byte-order mark lets spreadsheet programs recognise UTF-8.
    yield "\ufeff" + writer.writerow([neutralise(cell) for cell in _csv_header()])
    upper = newest_id + 1
    while True:
        chunk = list(entries.filter(id__lt=upper).order_by("-id").values_list(*_FIELDS)[:EXPORT_CHUNK_SIZE])
        if not chunk:
            return
        yield "".join(writer.writerow(_csv_cells(entry, labels)) for entry in chunk)
        if len(chunk) < EXPORT_CHUNK_SIZE:
            return
        upper = chunk[-1][0]
