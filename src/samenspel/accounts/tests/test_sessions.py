"""Sessions end after inactivity (SESSION_COOKIE_AGE, refreshed on every request), absolutely
after SAMENSPEL_SESSION_ABSOLUTE_MINUTES since login, and all at once when the user is
deactivated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.oath import totp

from samenspel.accounts.models import UserSession
from samenspel.accounts.services import update_user
from samenspel.testing.personas import login_verified

PASSWORD = "Correct-Paard-Batterij-Niet"
LOGIN = "/account/inloggen/"
START = "/"
T0 = datetime(2025, 3, 3, 8, 0, 7, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def full_login(client, user) -> None:
    """Password and app code through the real views."""
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    device = user.totpdevice_set.get()
    response = client.post("/account/tweede-factor/", {"code": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == START


def is_logged_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_defaults_are_thirty_minutes_idle_and_ten_hours_absolute():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert timedelta(hours=10) == settings.SESSION_ABSOLUTE_TIMEOUT


def test_activity_keeps_the_session_alive_and_thirty_minutes_idle_ends_it(personas, client, clock):
    full_login(client, personas.teacher)
    key = client.session.session_key
    for _ in range(4):  # two hours of use, a request every 29 minutes
        clock.shift(timedelta(minutes=29))
        assert client.get(START).status_code == 200

    clock.shift(timedelta(minutes=30, seconds=1))

    assert is_logged_out(client.get(START))
    assert not Session.objects.filter(session_key=key, expire_date__gt=datetime.now(UTC)).exists()


def test_the_session_ends_ten_hours_after_login_however_active(personas, client, clock):
    full_login(client, personas.teacher)
    elapsed = timedelta()
    while elapsed < timedelta(hours=9, minutes=50):
        clock.shift(timedelta(minutes=10))
        elapsed += timedelta(minutes=10)
        assert client.get(START).status_code == 200, elapsed

    clock.shift(timedelta(minutes=10, seconds=1))
    response = client.get(START)

    assert is_logged_out(response)
    assert "Uw sessie is verlopen." in client.get(response["Location"]).content.decode()
    assert is_logged_out(client.get(START))


def test_the_absolute_limit_follows_the_setting(personas, client, clock, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = timedelta(minutes=45)
    login_verified(client, personas.teacher)
    clock.shift(timedelta(minutes=25))
    assert client.get(START).status_code == 200
    clock.shift(timedelta(minutes=21))
    assert is_logged_out(client.get(START))


def test_login_records_the_session_and_logout_forgets_it(personas, client):
    full_login(client, personas.teacher)
    key = client.session.session_key
    assert list(UserSession.objects.filter(user=personas.teacher).values_list("session_key", flat=True)) == [key]
    client.post("/account/uitloggen/")
    assert not UserSession.objects.filter(user=personas.teacher).exists()


def test_deactivating_a_user_ends_all_their_sessions(personas):
    laptop, phone, colleague = Client(), Client(), Client()
    full_login(laptop, personas.teacher)
    login_verified(phone, personas.teacher)
    login_verified(colleague, personas.youth_worker)
    teacher_keys = [laptop.session.session_key, phone.session.session_key]
    assert laptop.get(START).status_code == 200 and phone.get(START).status_code == 200

    update_user(personas.app_manager, personas.teacher, is_active=False)

    # The sessions are gone from the store, not merely refused because the user is inactive.
    assert not Session.objects.filter(session_key__in=teacher_keys).exists()
    assert not UserSession.objects.filter(user=personas.teacher).exists()
    assert is_logged_out(laptop.get(START))
    assert is_logged_out(phone.get(START))
    assert colleague.get(START).status_code == 200
    # And the password no longer opens a new one.
    again = Client().post(LOGIN, {"username": personas.teacher.email, "password": PASSWORD})
    assert again.status_code == 200


def test_other_changes_to_a_user_leave_their_sessions_alone(personas):
    client = Client()
    full_login(client, personas.teacher)
    update_user(personas.app_manager, personas.teacher, full_name="Tamara Docent-de Vries")
    assert client.get(START).status_code == 200
