"""Every page of signals, triage, cases and the agreement, opened in a real browser by the
persona who may see it, on the shared case scenario, and checked with axe-core: no serious or
critical violation. Forms are also checked re-rendered with their errors, and two pages in
English (chosen through the language cookie that the language switch sets)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from samenspel.sharing.models import ConcernCategory, InformationCategory
from samenspel.testing.factories_cases import build_case_scenario
from samenspel.testing.personas import build_personas, login_verified

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    personas = build_personas()
    return personas, build_case_scenario(personas)


def page_for(browser, live_server, user=None, language: str | None = None):
    """A browser page, logged in as the user (session made directly; the login itself is
    tested in test_login_and_pages), optionally in another language."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    cookies = []
    if user is not None:
        client = Client()
        login_verified(client, user)
        cookies.append(
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        )
    if language:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url})
    if cookies:
        context.add_cookies(cookies)
    return context.new_page()


def visit(page, url: str, *, open_details: bool = True) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    if open_details:  # check the folded forms too
        page.eval_on_selector_all("details", "elements => elements.forEach(e => { e.open = true; })")
    assert_accessible(page)


def submit_empty(page, button: str) -> None:
    """Send a form without filling it in and check the page that shows the errors."""
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-field-error-message, .samenspel-error-text").count() > 0, page.url
    assert page.title().startswith("Fout:"), page.title()
    page.eval_on_selector_all("details", "elements => elements.forEach(e => { e.open = true; })")
    assert_accessible(page)


def test_coordinator_pages(browser, live_server, world):
    people, scenario = world
    base, case, signal = live_server.url, scenario.case, scenario.signal
    page = page_for(browser, live_server, people.coordinator)
    for path in (
        "/",
        "/meldingen/duiden/",
        f"/meldingen/duiden/{signal.pk}/",
        f"/meldingen/duiden/{scenario.decision.signal_id}/",  # decided: no forms
        "/casussen/",
        "/casussen/?weergave=afgesloten",
        f"/casussen/{case.pk}/",
        f"/casussen/{case.pk}/team/",
        f"/casussen/{case.pk}/fase/",
        f"/casussen/{case.pk}/kenmerken/",
        f"/casussen/{case.pk}/informatie/nieuw/",
        f"/casussen/{case.pk}/duiding/nieuw/",
        f"/casussen/{case.pk}/personen/nieuw/",
    ):
        visit(page, base + path)

    # Forms re-rendered with their errors.
    visit(page, f"{base}/meldingen/duiden/{signal.pk}/")
    submit_empty(page, "Besluit vastleggen")
    visit(page, f"{base}/casussen/{case.pk}/fase/")
    submit_empty(page, "Opslaan")
    visit(page, f"{base}/casussen/{case.pk}/informatie/nieuw/")
    submit_empty(page, "Opslaan")
    visit(page, f"{base}/casussen/{case.pk}/team/")
    submit_empty(page, "Toevoegen")


def test_teacher_pages(browser, live_server, world):
    people, scenario = world
    base = live_server.url
    page = page_for(browser, live_server, people.teacher)
    for path in (
        "/",
        "/meldingen/melden/",
        "/meldingen/melden/acuut/",
        "/meldingen/melden/formulier/",
        f"/meldingen/melden/{scenario.signal.pk}/ontvangen/",
        "/meldingen/mijn-meldingen/",
        "/casussen/",
        f"/casussen/{scenario.case.pk}/",
        f"/casussen/{scenario.case.pk}/duiding/nieuw/",
    ):
        visit(page, base + path)
    visit(page, f"{base}/meldingen/melden/")
    submit_empty(page, "Verder")
    visit(page, f"{base}/meldingen/melden/formulier/")
    submit_empty(page, "Melding versturen")


def test_police_pages(browser, live_server, world):
    people, scenario = world
    base = live_server.url
    page = page_for(browser, live_server, people.police_officer)
    for path in (
        "/",
        "/meldingen/informatieverzoeken/",
        f"/meldingen/informatieverzoeken/{scenario.request.pk}/",
        f"/casussen/{scenario.case.pk}/",
        f"/casussen/{scenario.case.pk}/informatie/nieuw/",
    ):
        visit(page, base + path)


def test_public_citizen_pages(browser, live_server, world):
    people, _scenario = world
    base = live_server.url
    page = page_for(browser, live_server)
    visit(page, f"{base}/meldingen/zorg-melden/")
    visit(page, f"{base}/meldingen/zorg-melden/?gemeente={people.municipality.pk}")
    submit_empty(page, "Melding versturen")
    visit(page, f"{base}/meldingen/zorg-melden/ontvangen/")


def test_agreement_pages(browser, live_server, world):
    people, _scenario = world
    base = live_server.url
    information = InformationCategory.objects.order_by("position").first()
    concern = ConcernCategory.objects.order_by("position").first()
    page = page_for(browser, live_server, people.app_manager)
    for path in (
        "/beheer/convenant/",
        "/beheer/convenant/wijzigen/",
        "/beheer/convenant/gegevenscategorieen/",
        "/beheer/convenant/gegevenscategorieen/nieuw/",
        f"/beheer/convenant/gegevenscategorieen/{information.pk}/status/",
        "/beheer/convenant/soorten-zorg/",
        f"/beheer/convenant/soorten-zorg/{concern.pk}/status/",
    ):
        visit(page, base + path)
    visit(page, f"{base}/beheer/convenant/soorten-zorg/nieuw/")
    submit_empty(page, "Toevoegen")


def test_pages_in_english(browser, live_server, world):
    people, scenario = world
    base = live_server.url
    page = page_for(browser, live_server, people.coordinator, language="en")
    for path in (f"/casussen/{scenario.case.pk}/", f"/meldingen/duiden/{scenario.signal.pk}/"):
        visit(page, base + path)
        assert page.get_attribute("html", "lang") == "en"
    assert page.get_by_role("heading", name="Assessment notes").is_visible()
