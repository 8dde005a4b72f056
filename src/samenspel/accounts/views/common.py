"""What the login, second-factor and password views share: audit action names, the safe
`next` target and the counter of wrong second-factor attempts."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

# Audit actions (object type "user", object id the user's pk where the account is known).
LOGIN = "login"
LOGIN_FAILED = "login.fail"
LOGIN_LOCKED_OUT = "login.lockout"
LOGOUT = "logout"
SECOND_FACTOR_VERIFIED = "second_factor.verify"
SECOND_FACTOR_FAILED = "second_factor.fail"
SECOND_FACTOR_LOCKED_OUT = "second_factor.lockout"
SECOND_FACTOR_ENROLLED = "second_factor.enrol"
RECOVERY_CODES_GENERATED = "recovery_codes.generate"
STEP_UP_PASSWORD = "step_up.password"  # noqa: S105 - an audit action name
PASSWORD_RESET_REQUESTED = "password_reset.request"  # noqa: S105 - an audit action name
PASSWORD_RESET_COMPLETED = "password_reset.complete"  # noqa: S105 - an audit action name
PASSWORD_CHANGED = "password.change"  # noqa: S105 - an audit action name

# Purposes, to tell a login from a step-up in the log.
PURPOSE_LOGIN = "login"
PURPOSE_STEP_UP = "step_up"

NEXT_SESSION_KEY = "samenspel_login_next"
FAILURES_SESSION_KEY = "samenspel_second_factor_failures"
RECOVERY_CODES_SESSION_KEY = "samenspel_new_recovery_codes"
ENROL_KEY_SESSION_KEY = "samenspel_enrol_key"


def max_second_factor_failures() -> int:
    """Wrong codes (or passwords at step-up) allowed in one session before it is ended."""
    return getattr(settings, "SAMENSPEL_SECOND_FACTOR_FAILURES", 5)


def safe_next(request, candidate: str | None) -> str | None:
    """The candidate if it is a local URL on this host, else None. Never an open redirect."""
    if not candidate:
        return None
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def requested_next(request) -> str | None:
    """The safe `next` from the form (POST) or the address (GET)."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def default_landing() -> str:
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def remember_next(request, target: str | None) -> None:
    if target:
        request.session[NEXT_SESSION_KEY] = target
    else:
        request.session.pop(NEXT_SESSION_KEY, None)


def pop_next(request) -> str:
    """Where to go once the login is complete: the remembered target (checked again) or the
    start page."""
    return safe_next(request, request.session.pop(NEXT_SESSION_KEY, None)) or default_landing()


def count_failure(request) -> int:
    failures = request.session.get(FAILURES_SESSION_KEY, 0) + 1
    request.session[FAILURES_SESSION_KEY] = failures
    return failures


def reset_failures(request) -> None:
    request.session.pop(FAILURES_SESSION_KEY, None)
