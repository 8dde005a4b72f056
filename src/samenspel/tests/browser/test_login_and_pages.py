"""In a real browser: log in with password and second factor, land on the start page, and
visit the pages of the foundation as each role would, checking each with axe-core."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp

from samenspel.testing.personas import build_personas

from .conftest import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "Correct-Paard-Batterij-Niet"


def current_code(user) -> str:
    device = user.totpdevice_set.get()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(page, base_url: str, user) -> None:
    page.goto(f"{base_url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/account/tweede-factor/"))
    page.get_by_label("Code").fill(current_code(user))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base_url}/")


@pytest.fixture
def people(transactional_db):
    return build_personas()


def test_login_with_second_factor_shows_the_start_page(page, live_server, people):
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/account/inloggen/"))
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill(people.coordinator.email)
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_text(re.compile("klopt niet|onjuist", re.IGNORECASE)).first.is_visible()
    assert_accessible(page)

    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/account/tweede-factor/"))
    assert_accessible(page)
    page.get_by_label("Code").fill(current_code(people.coordinator))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/")

    assert page.get_by_role("heading", level=1).is_visible()
    assert people.coordinator.full_name in page.content()
    assert_accessible(page)


def test_first_login_enrols_a_second_factor(page, live_server, people):
    newcomer = people.analyst
    newcomer.totpdevice_set.all().delete()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(newcomer.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/account/tweede-factor/instellen/"))
    assert page.locator("svg").first.is_visible()  # the QR code
    assert_accessible(page)
    # Type the key shown for manual entry into "the app", as a person without a camera would.
    secret = page.locator(".samenspel-secret").inner_text().replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label(re.compile("Code")).fill(f"{totp(key):06d}")
    page.get_by_role("button", name="App koppelen").click()
    page.wait_for_url(re.compile(r"/account/tweede-factor/herstelcodes/"))
    assert newcomer.totpdevice_set.filter(confirmed=True).count() == 1
    assert newcomer.staticdevice_set.get().token_set.count() == 10
    assert_accessible(page)


@pytest.mark.parametrize(
    ("persona", "paths"),
    [
        ("app_manager", ["/beheer/", "/beheer/organisaties/", "/beheer/gebruikers/", "/beheer/organisaties/nieuw/"]),
        ("privacy_officer", ["/auditlog/"]),
        ("teacher", ["/api-sleutels/", "/account/wachtwoord/wijzigen/"]),
    ],
)
def test_pages_per_role_pass_axe(page, live_server, people, persona, paths):
    user = getattr(people, persona)
    log_in(page, live_server.url, user)
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert_accessible(page)


def test_english_through_the_language_switch(page, live_server, people):
    log_in(page, live_server.url, people.teacher)
    page.get_by_role("button", name=re.compile("English")).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
