"""OpenAPI: the two ways to authenticate, and the problem+json answers every operation can
give. Registered in ApiConfig.ready(); the hook is listed in SPECTACULAR_SETTINGS."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Een fout volgens RFC 9457.",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "example": "urn:samenspel:problem:not-found"},
        "title": {"type": "string", "example": "Niet gevonden"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string"},
        "instance": {"type": "string", "example": "/api/v1/users/12/"},
        "invalid_params": {
            "type": "array",
            "description": "Alleen bij ongeldige invoer (400): per veld wat er niet klopt.",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "example": "roles[0].municipality"},
                    "reason": {"type": "string", "example": "Dit veld is vereist."},
                    "code": {"type": "string", "example": "required"},
                },
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}

_DESCRIPTIONS = {
    "400": "Ongeldige invoer, met per veld de reden (invalid_params).",
    "401": "Niet aangemeld, of een ongeldige of ingetrokken API-sleutel.",
    "403": "Geen bevoegdheid, of (bij sessies) tweede factor niet recent genoeg bevestigd.",
    "404": "Bestaat niet of valt buiten uw bevoegdheid.",
    "500": "Interne fout; het antwoord noemt het verzoek-id.",
}


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "samenspel.api.authentication.HashedTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een persoonlijke API-sleutel (ssp_…), aan te maken onder API-sleutels.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "samenspel.api.authentication.VerifiedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "De sessie van de webinterface, na de tweede factor; schrijven vraagt een CSRF-token.",
        }


def add_problem_responses(result, generator, request, public):
    """Postprocessing hook: a Problem component, and the error answers on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403", "500"]
            if method in ("post", "patch", "put") or operation.get("parameters"):
                codes.append("400")
            if "{" in path:
                codes.append("404")
            for code in codes:
                operation["responses"].setdefault(code, {"description": _DESCRIPTIONS[code], "content": content})
            operation["responses"] = dict(sorted(operation["responses"].items()))
    return result
