"""Refusals specific to the API. Each is turned into an audited problem+json answer by
samenspel.api.problems."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

from samenspel.core.exceptions import NotAllowed


class StepUpRequired(NotAllowed):
    """A browser session asks for a sensitive change without a recent second factor (403)."""


class AuthenticationRefused(exceptions.AuthenticationFailed):
    """Credentials were offered and refused. Carries what the audit entry may name: the user
    of a session, or the id of a known but unusable token (never the token itself)."""

    default_detail = _("De aanmelding is geweigerd.")

    def __init__(self, detail=None, *, actor=None, token_id: object = "") -> None:
        super().__init__(detail)
        self.actor = actor
        self.token_id = token_id


class CsrfRefused(exceptions.PermissionDenied):
    """A session request without a valid CSRF token."""

    default_detail = _("Het CSRF-token ontbreekt of klopt niet. Laad de pagina opnieuw en probeer het nog eens.")

    def __init__(self, detail=None, *, actor=None) -> None:
        super().__init__(detail)
        self.actor = actor
