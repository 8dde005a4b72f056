from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware

from samenspel.audit import context as audit_context
from samenspel.audit.models import Channel


def client_address(request) -> str | None:
    """The client's address; with SAMENSPEL_PROXY_COUNT trusted proxies in front, taken from
    X-Forwarded-For counting from the right."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    """Gives each request an id (in the X-Request-ID response header and in every audit
    entry it causes) and opens the audit context for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        channel = Channel.API if request.path.startswith("/api/") else Channel.WEB
        ctx = audit_context.AuditContext(
            channel=channel, request_id=request.request_id, source_address=client_address(request), request=request
        )
        with audit_context.use(ctx):
            response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class SamenspelLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a login unless marked public; the API authenticates itself (tokens)
    and answers 401 as problem+json instead of a redirect."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
