"""The second factor: the prompt after the password, enrolment of an authenticator app,
recovery codes, and step-up for sensitive actions.

Until the second factor is given, SecondFactorRequiredMiddleware lets a logged-in user reach
only the prompt, enrolment and logout. Wrong codes are limited twice over: django-otp
throttles each device (1, 2, 4, ... seconds between attempts, kept in the database across
sessions), and after max_second_factor_failures() wrong attempts in one session the session
is ended and the person has to start again with their password.
"""

from __future__ import annotations

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from samenspel.accounts import otp
from samenspel.accounts.forms import EnrolForm, PasswordConfirmForm, SecondFactorForm
from samenspel.accounts.middleware import second_factor_required
from samenspel.accounts.sessions import mark_second_factor, second_factor_is_recent
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.accounts.views.common import (
    ENROL_KEY_SESSION_KEY,
    PURPOSE_LOGIN,
    PURPOSE_STEP_UP,
    RECOVERY_CODES_GENERATED,
    RECOVERY_CODES_SESSION_KEY,
    SECOND_FACTOR_ENROLLED,
    SECOND_FACTOR_FAILED,
    SECOND_FACTOR_LOCKED_OUT,
    SECOND_FACTOR_VERIFIED,
    STEP_UP_PASSWORD,
    count_failure,
    default_landing,
    max_second_factor_failures,
    pop_next,
    requested_next,
    reset_failures,
)
from samenspel.audit.services import record, record_denied


def _user_fields(request) -> dict:
    return {"object_type": "user", "object_id": request.user.pk}


def _accept(request, device, purpose: str) -> None:
    django_otp.login(request, device)
    mark_second_factor(request)
    reset_failures(request)
    record(SECOND_FACTOR_VERIFIED, purpose=purpose, **_user_fields(request))
    if isinstance(device, StaticDevice):
        left = otp.remaining_recovery_codes(request.user)
        messages.warning(
            request,
            ngettext(
                "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcode over.",
                "U heeft een herstelcode gebruikt. U heeft nog %(count)d herstelcodes over.",
                left,
            )
            % {"count": left},
        )


def _refuse(request, action: str, purpose: str):
    """Count a wrong attempt; after too many, end the session. Returns the response that ends
    it, or None to show the form again."""
    failures = count_failure(request)
    record_denied(action, purpose=purpose, **_user_fields(request))
    if failures < max_second_factor_failures():
        return None
    record_denied(SECOND_FACTOR_LOCKED_OUT, purpose=purpose, **_user_fields(request))
    auth_logout(request)
    messages.error(request, _("Te veel onjuiste pogingen. Uw sessie is beëindigd. Log opnieuw in."))
    return redirect(settings.LOGIN_URL)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second-factor prompt after the password: a code from the app or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(pop_next(request))
    if not user_has_device(user):
        return redirect("accounts:enrol" if second_factor_required(user) else pop_next(request))
    if request.method == "POST":
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            outcome = otp.verify_code(user, form.cleaned_data["code"])
            if outcome.ok:
                _accept(request, outcome.device, PURPOSE_LOGIN)
                return redirect(pop_next(request))
            ended = _refuse(request, SECOND_FACTOR_FAILED, PURPOSE_LOGIN)
            if ended is not None:
                return ended
            form.add_error("code", form.throttled if outcome.throttled else form.wrong_code)
    else:
        form = SecondFactorForm()
    return render(request, "accounts/verify.html", {"form": form})


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code.
    Then ten recovery codes are made and shown once.

    Without a device this is open right after the password (that is how the first device is
    added). Someone who already has one (a new phone) must have given the second factor in
    this session, recently: the password alone never replaces a device."""
    user = request.user
    if user_has_device(user):
        if not user.is_verified():
            return redirect("accounts:verify")
        if not second_factor_is_recent(request):
            return redirect(reverse("accounts:step_up") + "?" + urlencode({"next": request.path}))
    key = request.session.get(ENROL_KEY_SESSION_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = otp.new_secret()
        request.session[ENROL_KEY_SESSION_KEY] = key
    if request.method == "POST":
        form = EnrolForm(request.POST)
        if form.is_valid():
            match = otp.check_enrolment_code(key, form.cleaned_data["code"])
            if match is not None:
                with transaction.atomic():
                    device = otp.confirm_enrolment(user, key, match)
                    codes = otp.generate_recovery_codes(user)
                    record(SECOND_FACTOR_ENROLLED, **_user_fields(request))
                    record(RECOVERY_CODES_GENERATED, **_user_fields(request))
                del request.session[ENROL_KEY_SESSION_KEY]
                django_otp.login(request, device)
                mark_second_factor(request)
                reset_failures(request)
                request.session[RECOVERY_CODES_SESSION_KEY] = codes
                return redirect("accounts:recovery_codes")
            form.add_error("code", form.wrong_code)
    else:
        form = EnrolForm()
    context = {
        "form": form,
        "qr_code": otp.qr_code_svg(otp.unsaved_device(user, key).config_url),
        "secret": otp.secret_for_display(key),
    }
    return render(request, "accounts/enrol.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """Shows new recovery codes once (right after they are made); otherwise how many are left
    and a button to replace them all."""
    if request.method == "POST":
        return _regenerate_recovery_codes(request)
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    context = {
        "codes": [otp.format_recovery_code(code) for code in codes] if codes else [],
        "remaining": otp.remaining_recovery_codes(request.user),
        "has_app": otp.has_totp_device(request.user),
        "continue_url": pop_next(request) if codes else default_landing(),
    }
    return render(request, "accounts/recovery_codes.html", context)


@require_recent_second_factor
def _regenerate_recovery_codes(request):
    if not otp.has_totp_device(request.user):
        return redirect("accounts:enrol")
    with transaction.atomic():
        codes = otp.generate_recovery_codes(request.user)
        record(RECOVERY_CODES_GENERATED, **_user_fields(request))
    request.session[RECOVERY_CODES_SESSION_KEY] = codes
    return redirect("accounts:recovery_codes")


@never_cache
@sensitive_post_parameters("code", "password")
@require_http_methods(["GET", "POST"])
def step_up(request):
    """Ask for the second factor again before a sensitive action (see
    accounts.stepup.require_recent_second_factor), then go on to the safe `next`.

    A user with a device gives a code from the app or a recovery code. In demo mode a user
    WITHOUT a device (demo mode does not force one) passes step-up by typing their password
    again instead; that is recorded as "step_up.password". Outside demo mode everyone has a
    device (the middleware sends those without one to enrolment), so this never applies there.
    Wrong attempts count towards the same per-session limit as the login prompt."""
    user = request.user
    target = requested_next(request) or default_landing()
    if user_has_device(user):
        form_class, mode = SecondFactorForm, "code"
    elif settings.DEMO_MODE:
        form_class, mode = PasswordConfirmForm, "password"
    else:
        return redirect("accounts:enrol")
    form = form_class(request.POST) if request.method == "POST" else form_class()
    if request.method == "POST" and form.is_valid():
        if mode == "code":
            outcome = otp.verify_code(user, form.cleaned_data["code"])
            if outcome.ok:
                _accept(request, outcome.device, PURPOSE_STEP_UP)
                return redirect(target)
            ended = _refuse(request, SECOND_FACTOR_FAILED, PURPOSE_STEP_UP)
            error = form.throttled if outcome.throttled else form.wrong_code
        else:
            if user.check_password(form.cleaned_data["password"]):
                mark_second_factor(request)
                reset_failures(request)
                record(STEP_UP_PASSWORD, purpose=PURPOSE_STEP_UP, **_user_fields(request))
                return redirect(target)
            ended = _refuse(request, STEP_UP_PASSWORD, PURPOSE_STEP_UP)
            error = form.wrong_password
        if ended is not None:
            return ended
        form.add_error(mode, error)
    return render(request, "accounts/step_up.html", {"form": form, "mode": mode, "next": target})
