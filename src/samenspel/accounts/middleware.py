"""Session rules: an absolute lifetime since login, and a second factor before anything else
outside demo mode."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LOGIN_AT = "samenspel_login_at"
VERIFIED_AT = "samenspel_verified_at"

# Paths a logged-in but not yet verified user may reach.
_OPEN_PREFIXES = ("/static/", "/health/", "/i18n/", "/api/")


def second_factor_required(user) -> bool:
    """Outside demo mode everyone needs a second factor; in demo mode only those who set one up."""
    if not settings.DEMO_MODE:
        return True
    from django_otp import user_has_device

    return user_has_device(user)


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            login_at = request.session.get(LOGIN_AT)
            limit = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if login_at is None or time.time() - login_at > limit:
                logout(request)
                if not request.path.startswith("/api/"):
                    # MessageMiddleware comes later in MIDDLEWARE and is skipped by this early
                    # answer, so the message is stored here directly.
                    storage = default_storage(request)
                    storage.add(messages.INFO, _("Uw sessie is verlopen. Log opnieuw in."))
                    response = redirect(settings.LOGIN_URL)
                    storage.update(response)
                    return response
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and second_factor_required(user)
        ):
            allowed = {
                reverse("accounts:verify"),
                reverse("accounts:enrol"),
                reverse("accounts:logout"),
            }
            if request.path not in allowed:
                from django_otp import user_has_device

                return redirect("accounts:verify" if user_has_device(user) else "accounts:enrol")
        return self.get_response(request)
