"""The UI shell: start page per role, navigation, demo banner, language switch, error pages and
the Content Security Policy rules for rendered HTML."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from samenspel.accounts.roles import Capability
from samenspel.core.navigation import CapabilityLookup
from samenspel.core.start_sections import START_SECTIONS
from samenspel.testing.factories import RoleAssignmentFactory, TOTPDeviceFactory, UserFactory

SECTION_HEADINGS = {
    "coordinator": ["Signalen om te duiden", "Casussen"],
    "partner": ["Mijn meldingen", "Casussen waar uw organisatie aan werkt"],
    "chair": ["Casusoverleggen"],
    "mayors_office": ["Vertrouwelijke stukken"],
    "privacy_officer": ["Auditlog", "Inzageverzoeken"],
    "app_manager": ["Organisaties beheren", "Gebruikers en rollen beheren"],
    "analyst": ["Cijfers"],
}

# persona -> start page sections they should see
EXPECTED_SECTIONS = {
    "coordinator": {"coordinator"},
    "police_officer": {"partner"},
    "teacher": {"partner"},
    "youth_worker": {"partner"},
    "chair": {"chair"},
    "mayors_office": {"mayors_office"},
    "privacy_officer": {"privacy_officer"},
    "app_manager": {"app_manager"},
    "analyst": {"analyst"},
    "outsider": {"partner"},
}


def sections_on(html: str) -> set[str]:
    return set(re.findall(r'id="sectie-([a-z_]+)"', html))


def assert_csp_clean(html: str) -> None:
    """No inline script, no inline style, no inline event handlers."""
    for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE):
        assert "src=" in tag, f"inline script: {tag}"
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html, flags=re.IGNORECASE), "script with inline content"
    assert ' style="' not in html and " style='" not in html
    assert "<style" not in html.lower()
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.IGNORECASE), "inline event handler"


@pytest.mark.parametrize("persona", sorted(EXPECTED_SECTIONS))
def test_start_page_shows_the_sections_of_the_persona(persona, personas, client_for):
    user = getattr(personas, persona)
    response = client_for(user).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert sections_on(html) == EXPECTED_SECTIONS[persona]
    for section in EXPECTED_SECTIONS[persona]:
        for heading in SECTION_HEADINGS[section]:
            assert heading in html
    assert html.count("<h1") == 1
    assert_csp_clean(html)


def test_start_page_shows_honest_empty_states(personas, client_for):
    html = client_for(personas.coordinator).get("/").content.decode()
    assert html.count("Nog niets.") == 2


def test_user_with_several_roles_sees_several_sections(personas, client_for):
    RoleAssignmentFactory(user=personas.coordinator, role="chair", municipality=personas.municipality)
    RoleAssignmentFactory(user=personas.coordinator, role="analyst", municipality=personas.municipality)
    html = client_for(personas.coordinator).get("/").content.decode()
    assert sections_on(html) == {"coordinator", "chair", "analyst"}
    # In the order of START_SECTIONS.
    order = [s.key for s in START_SECTIONS]
    found = re.findall(r'id="sectie-([a-z_]+)"', html)
    assert found == sorted(found, key=order.index)


def test_user_without_roles_is_told_whom_to_ask(db, client_for):
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    html = client_for(user).get("/").content.decode()
    assert sections_on(html) == set()
    assert "U heeft nog geen rol in Samenspel" in html


def test_section_shows_its_scope(personas, client_for):
    html = client_for(personas.chair).get("/").content.decode()
    assert "Werkgebied: Regio Voorbeeld" in html


def test_privacy_officer_section_links_to_the_audit_log_when_it_exists(personas, client_for):
    html = client_for(personas.privacy_officer).get("/").content.decode()
    try:
        url = reverse("audit:log")
    except Exception:  # noqa: BLE001 - the audit log page may not exist yet
        assert "Nog niets. Het auditlog verschijnt hier" in html
    else:
        assert f'href="{url}"' in html


def test_header_shows_name_organisation_logout_and_language_switch(personas, client_for):
    html = client_for(personas.teacher).get("/").content.decode()
    assert "Tamara Docent" in html
    assert "Het Voorbeeld College" in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html


def test_navigation_shows_only_what_the_roles_allow(personas, client_for):
    manager_html = client_for(personas.app_manager).get("/").content.decode()
    assert f'href="{reverse("manage:user_list")}"' in manager_html
    assert f'href="{reverse("manage:organisation_list")}"' in manager_html
    teacher_html = client_for(personas.teacher).get("/").content.decode()
    assert reverse("manage:user_list") not in teacher_html
    assert reverse("manage:organisation_list") not in teacher_html
    assert 'aria-current="page"' in teacher_html  # the start page is marked current


def test_capability_lookup_for_templates(personas):
    can = CapabilityLookup(personas.app_manager)
    assert can["manage_accounts"] is True
    assert can["read_case_content"] is False
    assert CapabilityLookup(None)["manage_accounts"] is False
    with pytest.raises(ValueError):
        can["no_such_capability"]
    assert set(Capability) >= {s.capability for s in START_SECTIONS}


def test_switching_language_to_english(personas, client_for):
    client = client_for(personas.teacher)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert 'name="language" value="nl"' in html


def test_demo_banner_only_in_demo_mode(personas, client_for):
    client = client_for(personas.teacher)
    assert "Demo: gebruik geen echte gegevens" not in client.get("/").content.decode()
    with override_settings(DEMO_MODE=True):
        assert "Demo: gebruik geen echte gegevens" in client.get("/").content.decode()


def test_messages_are_rendered_as_alerts(personas, client_for, rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.get("/")
    request.user = personas.teacher
    request.session = client_for(personas.teacher).session
    storage = FallbackStorage(request)
    storage.add(25, "Opgeslagen.")
    storage.add(40, "Dat ging mis.")
    html = render_to_string("core/start.html", {"sections": [], "messages": storage}, request=request)
    assert 'class="utrecht-alert utrecht-alert--ok" role="status"' in html
    assert 'class="utrecht-alert utrecht-alert--error" role="alert"' in html


# Error pages ----------------------------------------------------------------------------


def test_404_page_is_dutch_calm_and_clean(personas, client_for):
    response = client_for(personas.teacher).get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina is niet gevonden" in html
    assert html.count("<h1") == 1
    assert_csp_clean(html)


def test_404_page_for_anonymous_visitor(db, client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina is niet gevonden" in response.content.decode()


def test_403_page_is_dutch_and_shows_no_detail(personas, client_for):
    response = client_for(personas.teacher).get(reverse("manage:user_list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "U heeft geen toegang tot deze pagina" in html
    assert "user.list" not in html and "Traceback" not in html
    assert_csp_clean(html)


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert '<html lang="nl"' in html
    assert html.count("<h1") == 1
    assert_csp_clean(html)


def test_500_page_through_the_server_error_handler(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_csrf_failure_page_is_dutch(personas, client_for, settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.teacher)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()


def test_stylesheets_and_htmx_are_served_from_static(personas, client_for):
    html = client_for(personas.teacher).get("/").content.decode()
    # "@" is percent-encoded in the static URL.
    assert "utrecht/component-library-css/dist/index.css" in html
    assert "voorbeeld-design-tokens/dist/theme.css" in html
    assert "core/samenspel.css" in html
    assert "vendor/htmx.org/dist/htmx.min.js" in html
    assert "voorbeeld-theme" in html
    assert '"includeIndicatorStyles": false' in html


def test_static_files_exist():
    from django.contrib.staticfiles import finders

    for path in (
        "vendor/@utrecht/component-library-css/dist/index.css",
        "vendor/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
        "vendor/htmx.org/dist/htmx.min.js",
        "core/samenspel.css",
    ):
        assert finders.find(path), path


def test_start_page_and_health_answer_head_requests(personas, client_for):
    """Monitoring and link checkers use HEAD; it must not answer 405."""
    assert client_for(personas.teacher).head("/").status_code == 200
    assert client_for(personas.teacher).head("/health/").status_code == 200
