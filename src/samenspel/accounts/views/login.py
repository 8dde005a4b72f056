"""Login with e-mail and password, the lockout page, and logout.

After a correct password the session is rotated (django.contrib.auth.login) and the person
goes on to the second factor (views.second_factor): the prompt when they have a device,
enrolment when they have none and it is required (outside demo mode).

Failed attempts are counted per e-mail address by django-axes (settings: AXES_*), for unknown
addresses too, so neither the error message nor the lockout page tells whether an account
exists.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from samenspel.accounts.forms import LoginForm, normalise_email
from samenspel.accounts.middleware import second_factor_required
from samenspel.accounts.models import User
from samenspel.accounts.views.common import (
    LOGIN,
    LOGIN_FAILED,
    LOGIN_LOCKED_OUT,
    LOGOUT,
    PURPOSE_LOGIN,
    default_landing,
    remember_next,
    requested_next,
    reset_failures,
)
from samenspel.audit.services import record, record_denied


def _cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, timedelta):
        return max(1, round(cooloff.total_seconds() / 60))
    if isinstance(cooloff, int | float):
        return max(1, round(cooloff * 60))
    return 15


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """What django-axes answers once an e-mail address is locked (AXES_LOCKOUT_CALLABLE).

    The same page, byte for byte, for existing and unknown addresses: it names neither the
    address nor the account, only how long to wait."""
    response = render(request, "accounts/locked_out.html", {"minutes": _cooloff_minutes()}, status=429)
    add_never_cache_headers(response)
    return response


def lockout_key(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: a keyed hash of the typed e-mail address, so django-axes counts
    failures per address without storing the address itself (typed addresses of people
    without an account are personal data too). The login form's field is named "username",
    which django-axes masks in the request data it keeps (AXES_SENSITIVE_PARAMETERS)."""
    email = (credentials or {}).get("email") or ""
    if not email and request is not None:
        email = request.POST.get(LoginForm.ADDRESS_FIELD, "")
    email = normalise_email(email)
    if not email:
        return None
    return salted_hmac("samenspel.accounts.lockout", email, algorithm="sha256").hexdigest()


@login_not_required
@never_cache
@sensitive_post_parameters("password", LoginForm.ADDRESS_FIELD)
@require_http_methods(["GET", "POST"])
def login(request):
    target = requested_next(request)
    if request.method == "POST":
        form = LoginForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data[LoginForm.ADDRESS_FIELD]
            refused: dict = {}
            # `request` lets django-axes count the failure; `response_context` tells an attempt
            # refused because the address was already locked from an ordinary failure.
            user = authenticate(request, email=email, password=form.cleaned_data["password"], response_context=refused)
            if user is not None:
                return _password_accepted(request, user, target)
            response = _password_refused(request, email, already_locked="error" in refused)
            if response is not None:
                return response
            form.reject()
    else:
        if request.user.is_authenticated and (request.user.is_verified() or not second_factor_required(request.user)):
            return redirect(target or default_landing())
        form = LoginForm()
    return render(request, "accounts/login.html", {"form": form, "next": target})


def _password_accepted(request, user: User, target: str | None):
    if request.user.is_authenticated:
        # Someone was logged in in this browser (perhaps the same person): end that session
        # entirely, so nothing of it, such as a verified second factor, carries over.
        auth_logout(request)
    auth_login(request, user)  # new session key (no session fixation); see accounts.sessions
    reset_failures(request)
    record(LOGIN, actor=user, object_type="user", object_id=user.pk, purpose=PURPOSE_LOGIN)
    if user_has_device(user):
        remember_next(request, target)
        return redirect("accounts:verify")
    if second_factor_required(user):
        remember_next(request, target)
        return redirect("accounts:enrol")
    return redirect(target or default_landing())


def _password_refused(request, email: str, *, already_locked: bool):
    """Audit the refusal and answer the lockout page when the address is (now) locked. The
    actor is the account when it exists; the typed address itself is never written down."""
    account = User.objects.filter(email__iexact=email).first()
    fields = {"object_type": "user", "object_id": account.pk if account else "", "actor": account}
    if not already_locked:
        record_denied(LOGIN_FAILED, **fields)
    if already_locked or getattr(request, "axes_locked_out", False):
        record_denied(LOGIN_LOCKED_OUT, **fields)
        return lockout_response(request)
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def logout(request):
    """POST logs out (CSRF-protected); GET only shows the button."""
    if request.method == "POST":
        user = request.user
        record(LOGOUT, actor=user, object_type="user", object_id=user.pk)
        auth_logout(request)
        messages.success(request, _("U bent uitgelogd."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "accounts/logout.html")
