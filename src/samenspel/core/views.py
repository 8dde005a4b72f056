from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from samenspel.core.start_sections import sections_for


@login_not_required
@never_cache
@require_safe
def health(request):
    """Whether the database answers, and nothing more."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy", and says no more
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_safe
def start(request):
    """The start page: one section per kind of work the user's roles allow."""
    return render(request, "core/start.html", {"sections": sections_for(request)})
