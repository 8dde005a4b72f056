"""The authorisation matrix: every URL pattern of the UI and the API, for every persona and
for an anonymous visitor, has an expected outcome. A new route without an entry here fails
`test_every_route_has_an_expectation`, so nothing is reachable by accident.

Outcomes are HTTP status codes of a GET (or the method named) made by a logged-in test client
with a fresh second factor. Denials are audited; see test_denials_are_audited.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from samenspel.audit.models import AuditEntry
from samenspel.testing.matrix import (
    ANONYMOUS,
    EVERYONE,
    PERSONAS,
    Route,
    fixed,
    for_all,
    only,
    public,
)
from samenspel.testing.personas import Personas, login_verified


def an_audit_entry(personas: Personas) -> str:
    from samenspel.audit.services import record

    entry = record("user.view", object_type="user", object_id=personas.teacher.pk, actor=personas.coordinator)
    return f"/api/v1/audit-entries/{entry.pk}/"


def teachers_token_revoke(personas: Personas) -> str:
    from samenspel.api.services import create_token

    issued = create_token(personas.teacher, owner=personas.teacher, name="matrix")
    return f"/api-sleutels/{issued.token.pk}/intrekken/"


def user_page(suffix: str = "") -> Callable[[Personas], str]:
    return lambda personas: f"/beheer/gebruikers/{personas.teacher.pk}/{suffix}"


APP_MANAGER = ("app_manager",)
PRIVACY_OFFICER = ("privacy_officer",)
# Logged-in users are sent on from the login page; the verify page sends verified users on.
LOGGED_IN_REDIRECTED = {p: 302 for p in PERSONAS}

# Route name (namespace:name, or the pattern for unnamed routes) -> expectation.
ROUTES: dict[str, Route] = {
    "health": public("/health/"),
    "core:start": for_all("/"),
    # Login and account.
    "accounts:login": Route(fixed("/account/inloggen/"), frozenset(), anonymous=200, overrides=LOGGED_IN_REDIRECTED),
    "accounts:verify": Route(fixed("/account/tweede-factor/"), frozenset(), overrides=LOGGED_IN_REDIRECTED),
    "accounts:enrol": for_all("/account/tweede-factor/instellen/"),
    "accounts:recovery_codes": for_all("/account/tweede-factor/herstelcodes/"),
    "accounts:step_up": for_all("/account/bevestigen/"),
    "accounts:logout": for_all("/account/uitloggen/"),
    "accounts:password_change": for_all("/account/wachtwoord/wijzigen/"),
    "accounts:password_change_done": for_all("/account/wachtwoord/gewijzigd/"),
    "accounts:password_reset": public("/account/wachtwoord/vergeten/"),
    "accounts:password_reset_done": public("/account/wachtwoord/vergeten/verstuurd/"),
    "accounts:password_reset_confirm": public("/account/wachtwoord/instellen/Mw/ongeldig-token/"),
    "accounts:password_reset_complete": public("/account/wachtwoord/ingesteld/"),
    # Application manager.
    "manage:index": only("/beheer/", *APP_MANAGER),
    "manage:organisation_list": only("/beheer/organisaties/", *APP_MANAGER),
    "manage:organisation_create": only("/beheer/organisaties/nieuw/", *APP_MANAGER),
    "manage:organisation_edit": only(lambda p: f"/beheer/organisaties/{p.school_org.pk}/", *APP_MANAGER),
    "manage:user_list": only("/beheer/gebruikers/", *APP_MANAGER),
    "manage:user_create": only("/beheer/gebruikers/nieuw/", *APP_MANAGER),
    "manage:user_edit": only(user_page(), *APP_MANAGER),
    "manage:user_deactivate": only(user_page("deactiveren/"), *APP_MANAGER),
    "manage:user_reactivate": only(user_page("activeren/"), *APP_MANAGER),
    # Privacy officer.
    "audit:log": only("/auditlog/", *PRIVACY_OFFICER),
    "audit:export": only("/auditlog/export/", *PRIVACY_OFFICER),
    # API tokens: everyone manages their own; someone else's token does not exist for them.
    "api_tokens:list": for_all("/api-sleutels/"),
    "api_tokens:create": for_all("/api-sleutels/nieuw/"),
    "api_tokens:revoke": only(teachers_token_revoke, "teacher", ok=302, denied=404, method="post"),
    # API: 401 without credentials.
    "api:organisation-list": only("/api/v1/organisations/", *APP_MANAGER, anonymous=401),
    "api:organisation-detail": only(lambda p: f"/api/v1/organisations/{p.school_org.pk}/", *APP_MANAGER, anonymous=401),
    "api:user-list": only("/api/v1/users/", *APP_MANAGER, anonymous=401),
    "api:user-detail": only(lambda p: f"/api/v1/users/{p.teacher.pk}/", *APP_MANAGER, anonymous=401),
    "api:audit-entry-list": only("/api/v1/audit-entries/", *PRIVACY_OFFICER, anonymous=401),
    "api:audit-entry-detail": only(an_audit_entry, *PRIVACY_OFFICER, anonymous=401),
    "api:not-found": Route(fixed("/api/v1/bestaat-niet/"), EVERYONE, ok=404, anonymous=404),
    "api_not_found": Route(fixed("/api/v2/organisations/"), EVERYONE, ok=404, anonymous=404),
    # The API description holds no personal data and is public, as the API design rules advise.
    "api:schema": public("/api/v1/schema/"),
    "api:openapi-json": public("/api/v1/openapi.json"),
    "api:docs": public("/api/v1/docs/"),
    # The language switch, also on the login page: sets a cookie and goes back.
    "set_language": Route(fixed("/i18n/setlang/"), EVERYONE, ok=302, anonymous=302, method="post"),
}


def _app_routes() -> dict[str, Route]:
    """The routes each app lists in its own tests/matrix*.py modules (e.g. matrix.py for the
    web pages, matrix_api.py for the API)."""
    merged: dict[str, Route] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("samenspel."):
            continue
        for path in sorted((Path(app.path) / "tests").glob("matrix*.py")):
            module = importlib.import_module(f"{app.name}.tests.{path.stem}")
            claimed_twice = set(module.ROUTES) & (set(merged) | set(ROUTES))
            assert not claimed_twice, f"{module.__name__} claims routes listed elsewhere: {sorted(claimed_twice)}"
            merged.update(module.ROUTES)
    return merged


ROUTES.update(_app_routes())

# Patterns covered by their own tests rather than per persona here.
IGNORED_PREFIXES = ("django-admin/", "static/")


def all_route_names() -> list[str]:
    names: list[str] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                if route.startswith(IGNORED_PREFIXES):
                    continue
                names.append(f"{namespace}{pattern.name}" if pattern.name else route)

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(names))


def test_every_route_has_an_expectation():
    missing = [name for name in all_route_names() if name not in ROUTES]
    assert not missing, f"routes without an expected outcome in the authorisation matrix: {missing}"


def test_matrix_has_no_stale_entries():
    stale = sorted(set(ROUTES) - set(all_route_names()))
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_outcome_per_persona(name, personas, client):
    route = ROUTES[name]
    mismatches = []
    for persona in (ANONYMOUS, *PERSONAS):
        path = route.path(personas)
        client.logout()
        if persona != ANONYMOUS:
            login_verified(client, getattr(personas, persona))
        response = getattr(client, route.method)(path)
        if response.status_code != route.expected(persona):
            mismatches.append(f"{persona}: expected {route.expected(persona)}, got {response.status_code}")
    assert not mismatches, f"{name} ({route.method.upper()} {path}):\n" + "\n".join(mismatches)


def test_denials_are_audited(personas, client):
    """Every refusal (403, or 404 for what is out of reach) the matrix expects also leaves a
    denied audit entry."""
    checked = 0
    for name, route in ROUTES.items():
        refused = [p for p in PERSONAS if route.expected(p) in (403, 404) and p not in route.allowed]
        if not refused or route.allowed == EVERYONE:
            continue
        checked += 1
        login_verified(client, getattr(personas, refused[0]))
        before = AuditEntry.objects.filter(result="denied").count()
        response = getattr(client, route.method)(route.path(personas))
        assert response.status_code == route.denied, name
        assert AuditEntry.objects.filter(result="denied").count() == before + 1, f"{name} denied without audit"
    assert checked >= 15  # guards against the test quietly checking nothing
