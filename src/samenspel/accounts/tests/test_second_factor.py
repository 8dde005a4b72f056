"""The second factor: the prompt after the password, recovery codes, limits on wrong codes,
enrolment with a QR code, demo mode and step-up."""

from __future__ import annotations

import re
import time
from base64 import b32encode
from binascii import unhexlify
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenspel.accounts import otp
from samenspel.accounts.middleware import VERIFIED_AT
from samenspel.accounts.roles import Role
from samenspel.accounts.sessions import second_factor_is_recent
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.accounts.views.common import ENROL_KEY_SESSION_KEY
from samenspel.audit.models import AuditEntry
from samenspel.testing.factories import RoleAssignmentFactory, UserFactory
from samenspel.testing.personas import login_verified

PASSWORD = "Correct-Paard-Batterij-Niet"
LOGIN = "/account/inloggen/"
VERIFY = "/account/tweede-factor/"
ENROL = "/account/tweede-factor/instellen/"
RECOVERY = "/account/tweede-factor/herstelcodes/"
STEP_UP = "/account/bevestigen/"
LOGOUT = "/account/uitloggen/"
START = "/"
T0 = datetime(2025, 3, 3, 9, 0, 7, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, digits=device.digits):06d}"


def code_for_key(key: str) -> str:
    return f"{totp(unhexlify(key)):06d}"


def password_login(client, user) -> None:
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content


def user_without_device(personas):
    user = UserFactory(organisation=personas.school_org)
    RoleAssignmentFactory(user=user, role=Role.PARTNER, municipality=personas.municipality)
    return user


def actions(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


# The prompt after the password ---------------------------------------------------------


def test_app_code_completes_the_login(personas, client, clock):
    password_login(client, personas.teacher)
    device = personas.teacher.totpdevice_set.get()

    response = client.post(VERIFY, {"code": code_for(device)})

    assert response["Location"] == START
    assert client.get(START).status_code == 200
    session = client.session
    assert session["otp_device_id"] == device.persistent_id
    assert session[VERIFIED_AT] == pytest.approx(time.time())
    [entry] = actions("second_factor.verify")
    assert (entry.actor_id, entry.object_id, entry.purpose, entry.result) == (
        personas.teacher.pk,
        str(personas.teacher.pk),
        "login",
        "allowed",
    )


def test_verify_page_is_accessible(personas, client):
    password_login(client, personas.teacher)
    html = client.get(VERIFY).content.decode()
    assert '<label class="utrecht-form-label" for="id_code">Code' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'aria-describedby="id_code_helptext"' in html


def test_an_app_code_works_only_once(personas, client, clock):
    device = personas.teacher.totpdevice_set.get()
    code = code_for(device)
    password_login(client, personas.teacher)
    assert client.post(VERIFY, {"code": code})["Location"] == START
    client.post(LOGOUT)

    clock.shift(timedelta(seconds=5))  # same 30-second window
    password_login(client, personas.teacher)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get(START)["Location"] == VERIFY


def test_a_recovery_code_works_once_whatever_the_spelling(personas, client, clock):
    codes = otp.generate_recovery_codes(personas.teacher)
    typed = otp.format_recovery_code(codes[3]).upper()  # "ABCD-EFGH"
    password_login(client, personas.teacher)

    response = client.post(VERIFY, {"code": typed})

    assert response["Location"] == START
    start = client.get(START)
    assert start.status_code == 200
    assert "nog 9 herstelcodes over" in start.content.decode()
    assert not StaticToken.objects.filter(token=codes[3]).exists()
    assert StaticToken.objects.filter(device__user=personas.teacher).count() == 9

    client.post(LOGOUT)
    clock.shift(timedelta(minutes=1))
    password_login(client, personas.teacher)
    again = client.post(VERIFY, {"code": typed})
    assert again.status_code == 200
    assert client.get(START)["Location"] == VERIFY


def test_another_users_recovery_code_does_not_work(personas, client):
    codes = otp.generate_recovery_codes(personas.police_officer)
    password_login(client, personas.teacher)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert client.get(START)["Location"] == VERIFY
    assert StaticToken.objects.filter(token=codes[0]).exists()


def test_five_wrong_codes_end_the_session(personas, client, clock):
    password_login(client, personas.teacher)
    key = client.session.session_key
    for attempt in range(4):
        clock.shift(timedelta(minutes=1))  # past django-otp's throttle: each attempt is checked
        response = client.post(VERIFY, {"code": "000000" if attempt % 2 else "abcdefgh"})
        assert response.status_code == 200
        assert "Deze code klopt niet." in response.content.decode()

    clock.shift(timedelta(minutes=1))
    fifth = client.post(VERIFY, {"code": "000000"})

    assert fifth["Location"] == LOGIN
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(START)["Location"].startswith(LOGIN)
    assert "Te veel onjuiste pogingen" in client.get(LOGIN).content.decode()
    assert len(actions("second_factor.fail")) == 5
    [lockout] = actions("second_factor.lockout")
    assert (lockout.actor_id, lockout.result) == (personas.teacher.pk, "denied")


def test_a_correct_code_right_after_a_wrong_one_waits_for_the_throttle(personas, client, clock):
    device = personas.teacher.totpdevice_set.get()
    password_login(client, personas.teacher)
    client.post(VERIFY, {"code": "000000"})

    too_soon = client.post(VERIFY, {"code": code_for(device)})
    assert "Wacht even" in too_soon.content.decode()
    assert client.get(START)["Location"] == VERIFY

    clock.shift(timedelta(seconds=40))
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == START


def test_throttling_outlives_the_session(personas, client, clock):
    """Logging in again does not reset django-otp's per-device throttle."""
    device = personas.teacher.totpdevice_set.get()
    password_login(client, personas.teacher)
    for _ in range(4):
        clock.shift(timedelta(minutes=1))
        client.post(VERIFY, {"code": "000000"})
    client.post(LOGOUT)
    password_login(client, personas.teacher)
    clock.shift(timedelta(seconds=3))  # less than the 8 seconds four failures require
    assert "Wacht even" in client.post(VERIFY, {"code": code_for(device)}).content.decode()


# Enrolment -----------------------------------------------------------------------------


def test_without_a_device_the_password_leads_to_enrolment(personas, client):
    user = user_without_device(personas)
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response["Location"] == ENROL
    assert client.get(START)["Location"] == ENROL
    assert client.get(VERIFY)["Location"] == ENROL


def test_enrolment_page_shows_an_inline_svg_qr_code_and_the_key(personas, client):
    user = user_without_device(personas)
    password_login(client, user)

    response = client.get(ENROL)

    assert response.status_code == 200
    html = response.content.decode()
    key = client.session[ENROL_KEY_SESSION_KEY]
    secret = b32encode(unhexlify(key)).decode()
    assert re.search(r"<svg [^>]*role=\"img\"[^>]*aria-label=\"[^\"]+\"", html)
    assert "<path d=" in html
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    # The Content Security Policy forbids inline script and style.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert 'autocomplete="one-time-code"' in html
    # Nothing is written until the code is confirmed, and a reload shows the same key.
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.session[ENROL_KEY_SESSION_KEY] == key
    assert secret[:4] in client.get(ENROL).content.decode()


def test_the_qr_code_encodes_the_otpauth_url_of_the_secret(personas):
    user = user_without_device(personas)
    device = otp.unsaved_device(user, otp.new_secret())
    url = device.config_url
    assert url.startswith("otpauth://totp/Samenspel%3A")
    assert f"secret={b32encode(device.bin_key).decode()}" in url
    svg = str(otp.qr_code_svg(url))
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "<script" not in svg and "style=" not in svg
    assert otp.qr_code_svg(url) == svg  # deterministic for the same URL
    assert otp.qr_code_svg(url + "x") != svg


def test_confirming_enrolment_creates_the_device_and_shows_ten_recovery_codes_once(personas, client, clock):
    user = user_without_device(personas)
    password_login(client, user)
    client.get(ENROL)
    key = client.session[ENROL_KEY_SESSION_KEY]

    response = client.post(ENROL, {"code": code_for_key(key)})

    assert response["Location"] == RECOVERY
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == key
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(tokens) == 10
    page = client.get(RECOVERY).content.decode()
    shown = {code.replace("-", "") for code in re.findall(r'<code class="utrecht-code">([a-z2-7-]+)</code>', page)}
    assert shown == tokens
    again = client.get(RECOVERY).content.decode()
    assert not any(token in again.replace("-", "") for token in tokens)
    assert "nog 10 ongebruikte herstelcodes" in again
    assert client.get(START).status_code == 200
    assert ENROL_KEY_SESSION_KEY not in client.session
    assert second_factor_is_recent(_request_with(client))
    assert [e.object_id for e in actions("second_factor.enrol")] == [str(user.pk)]
    assert [e.object_id for e in actions("recovery_codes.generate")] == [str(user.pk)]


def test_a_wrong_enrolment_code_writes_nothing(personas, client):
    user = user_without_device(personas)
    password_login(client, user)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "123456"})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert 'aria-describedby="id_code_helptext id_code_error"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(START)["Location"] == ENROL


def test_the_enrolment_code_cannot_be_used_again_to_log_in(personas, client, clock):
    user = user_without_device(personas)
    password_login(client, user)
    client.get(ENROL)
    code = code_for_key(client.session[ENROL_KEY_SESSION_KEY])
    client.post(ENROL, {"code": code})
    client.post(LOGOUT)

    password_login(client, user)
    assert client.post(VERIFY, {"code": code}).status_code == 200
    assert client.get(START)["Location"] == VERIFY


def test_the_password_alone_cannot_add_a_device(personas, client):
    """An attacker with only the password must not be able to enrol their own app."""
    password_login(client, personas.teacher)
    assert client.get(ENROL)["Location"] == VERIFY
    attacker_key = otp.new_secret()
    session = client.session
    session[ENROL_KEY_SESSION_KEY] = attacker_key
    session.save()
    assert client.post(ENROL, {"code": code_for_key(attacker_key)})["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=personas.teacher).values_list("key", flat=True)) != [attacker_key]
    assert TOTPDevice.objects.filter(user=personas.teacher).count() == 1


def test_replacing_the_app_needs_a_recent_second_factor_and_removes_the_old_one(personas, client, clock):
    login_verified(client, personas.teacher)
    old = personas.teacher.totpdevice_set.get()
    clock.shift(timedelta(minutes=16))
    assert client.get(ENROL)["Location"] == f"{STEP_UP}?next={quote(ENROL, safe='')}"

    client.post(STEP_UP, {"code": code_for(old), "next": ENROL})
    assert client.get(ENROL).status_code == 200
    key = client.session[ENROL_KEY_SESSION_KEY]
    clock.shift(timedelta(seconds=30))
    assert client.post(ENROL, {"code": code_for_key(key)})["Location"] == RECOVERY

    assert list(TOTPDevice.objects.filter(user=personas.teacher).values_list("key", flat=True)) == [key]
    assert client.get(START).status_code == 200  # the session moved to the new device


# Only verify, enrol and logout before the second factor ------------------------------


def _concrete_paths() -> list[str]:
    paths: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                route = re.sub(r"<int:\w+>", "1", route)
                route = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000001", route)
                route = re.sub(r"<(?:\w+:)?\w+>", "x", route)
                if not re.search(r"[()\[\]?*+\\]", route):
                    paths.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))


@pytest.mark.parametrize("demo", [False, True])
def test_an_unverified_session_reaches_only_verify_enrol_and_logout(personas, client, settings, demo):
    settings.DEMO_MODE = demo  # in demo mode a user who has a device is still asked for it
    password_login(client, personas.teacher)
    open_prefixes = ("/static/", "/health/", "/i18n/", "/api/")
    paths = [p for p in _concrete_paths() if not p.startswith(open_prefixes)]
    assert {START, VERIFY, ENROL, LOGOUT, STEP_UP, RECOVERY, "/account/wachtwoord/wijzigen/"} <= set(paths)

    leaks = []
    for path in paths:
        for method in ("get", "post"):
            if (method, path) == ("post", LOGOUT):
                continue  # would end the session; checked last
            response = getattr(client, method)(path)
            if path in (VERIFY, LOGOUT):
                if response.status_code != 200:
                    leaks.append(f"{method} {path}: {response.status_code}")
            elif response.status_code != 302 or response["Location"] != VERIFY:
                leaks.append(f"{method} {path}: {response.status_code} {response.get('Location')}")
    assert not leaks, leaks
    assert client.get(START)["Location"] == VERIFY  # still logged in, still unverified
    assert client.post(LOGOUT)["Location"] == LOGIN
    assert client.get(START)["Location"].startswith(LOGIN)


# Demo mode -----------------------------------------------------------------------------


def test_demo_mode_does_not_force_a_second_factor(personas, client, settings):
    settings.DEMO_MODE = True
    user = user_without_device(personas)
    assert client.post(LOGIN, {"username": user.email, "password": PASSWORD})["Location"] == START
    assert client.get(START).status_code == 200
    assert client.get(VERIFY)["Location"] == START
    assert client.get(ENROL).status_code == 200  # setting one up voluntarily is possible


def test_demo_mode_still_asks_users_who_have_a_device(personas, client, settings):
    settings.DEMO_MODE = True
    assert client.post(LOGIN, {"username": personas.teacher.email, "password": PASSWORD})["Location"] == VERIFY
    assert client.get(START)["Location"] == VERIFY


# Step-up -------------------------------------------------------------------------------


def _request_with(client):
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_step_up_decorator_sends_a_stale_session_to_the_prompt_and_back():
    @require_recent_second_factor
    def sensitive(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/auditlog/export/?van=2025-01-01")
    request.session = {VERIFIED_AT: time.time() - 16 * 60}
    response = sensitive(request)
    assert response.status_code == 302
    assert response["Location"] == STEP_UP + "?next=%2Fauditlog%2Fexport%2F%3Fvan%3D2025-01-01"

    request.session = {VERIFIED_AT: time.time() - 14 * 60}
    assert sensitive(request).content == b"ok"


def test_step_up_with_an_app_code_refreshes_the_second_factor(personas, client, clock):
    login_verified(client, personas.teacher)
    clock.shift(timedelta(minutes=20))
    assert not second_factor_is_recent(_request_with(client))

    page = client.get(STEP_UP, {"next": "/auditlog/"})
    assert page.status_code == 200
    assert 'name="next" value="/auditlog/"' in page.content.decode()
    device = personas.teacher.totpdevice_set.get()
    response = client.post(STEP_UP, {"code": code_for(device), "next": "/auditlog/"})

    assert response["Location"] == "/auditlog/"
    assert second_factor_is_recent(_request_with(client))
    [entry] = actions("second_factor.verify")
    assert (entry.purpose, entry.actor_id) == ("step_up", personas.teacher.pk)


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example/", "http://testserver.evil/"])
def test_step_up_never_redirects_elsewhere(personas, client, clock, target):
    login_verified(client, personas.teacher)
    device = personas.teacher.totpdevice_set.get()
    clock.shift(timedelta(seconds=30))
    response = client.post(STEP_UP + "?next=" + quote(target), {"code": code_for(device)})
    assert response["Location"] == START


def test_wrong_step_up_codes_are_limited_too(personas, client, clock):
    login_verified(client, personas.teacher)
    for _ in range(4):
        clock.shift(timedelta(minutes=1))
        assert client.post(STEP_UP, {"code": "000000"}).status_code == 200
    clock.shift(timedelta(minutes=1))
    assert client.post(STEP_UP, {"code": "000000"})["Location"] == LOGIN
    assert client.get(START)["Location"].startswith(LOGIN)
    assert {e.purpose for e in actions("second_factor.fail")} == {"step_up"}


def test_demo_step_up_without_a_device_asks_for_the_password(personas, client, settings, clock):
    settings.DEMO_MODE = True
    user = user_without_device(personas)
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    page = client.get(STEP_UP, {"next": "/auditlog/"})
    html = page.content.decode()
    assert 'autocomplete="current-password"' in html and 'name="code"' not in html

    wrong = client.post(STEP_UP, {"password": "Verkeerd-Wachtwoord-1", "next": "/auditlog/"})
    assert "Dit wachtwoord klopt niet." in wrong.content.decode()
    assert not second_factor_is_recent(_request_with(client))
    right = client.post(STEP_UP, {"password": PASSWORD, "next": "/auditlog/"})
    assert right["Location"] == "/auditlog/"
    assert second_factor_is_recent(_request_with(client))
    assert [e.result for e in actions("step_up.password")] == ["denied", "allowed"]


def test_outside_demo_mode_the_password_never_passes_step_up(personas, client, clock):
    login_verified(client, personas.teacher)
    clock.shift(timedelta(minutes=20))
    response = client.post(STEP_UP, {"password": PASSWORD, "next": "/auditlog/"})
    assert response.status_code == 200
    assert not second_factor_is_recent(_request_with(client))


def test_new_recovery_codes_need_a_recent_second_factor_and_replace_the_old(personas, client, clock):
    old = otp.generate_recovery_codes(personas.teacher)
    login_verified(client, personas.teacher)
    clock.shift(timedelta(minutes=20))
    response = client.post(RECOVERY)
    assert response["Location"] == f"{STEP_UP}?next={quote(RECOVERY, safe='')}"
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)

    client.post(STEP_UP, {"code": code_for(personas.teacher.totpdevice_set.get())})
    assert client.post(RECOVERY)["Location"] == RECOVERY
    new = set(StaticToken.objects.filter(device__user=personas.teacher).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert StaticDevice.objects.filter(user=personas.teacher).count() == 1
    assert actions("recovery_codes.generate")[0].object_id == str(personas.teacher.pk)


def test_a_session_verified_by_recovery_code_survives_new_codes(personas, clock):
    codes = otp.generate_recovery_codes(personas.teacher)
    client = Client()
    password_login(client, personas.teacher)
    client.post(VERIFY, {"code": codes[0]})
    assert client.post(RECOVERY)["Location"] == RECOVERY
    assert client.get(START).status_code == 200


def test_verify_for_a_verified_user_goes_on(personas, client_for):
    client = client_for(personas.teacher)
    assert client.get(VERIFY)["Location"] == START
    assert reverse("accounts:step_up") == STEP_UP
