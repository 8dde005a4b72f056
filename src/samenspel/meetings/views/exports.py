"""The minutes export: each attendee downloads their own copy of a meeting's minutes as PDF,
holding only what they may see (meetings.exports). Asks for the second factor again when it
is older than the step-up window, as every export does; audited by meetings.exports."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.meetings import exports, selectors
from samenspel.meetings.views.common import reachable_meeting

ACTION = exports.EXPORT_ACTION


@never_cache
@require_GET
def minutes_pdf(request, pk: int) -> HttpResponse:
    """The user's own copy. Without case work 403, out of reach 404 (both audited); before the
    confidentiality confirmation, the confirmation page."""
    meeting = reachable_meeting(request, pk, ACTION)
    if not selectors.has_confirmed(request.user, meeting):
        return redirect("meetings:detail", pk=meeting.pk)
    return _download(request, meeting)


@require_recent_second_factor
def _download(request, meeting) -> HttpResponse:
    export = exports.export_minutes(request.user, meeting)
    response = HttpResponse(export.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
