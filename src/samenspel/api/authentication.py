"""API authentication: hashed per-user tokens, and browser sessions that passed 2FA.

Token requests carry `Authorization: Bearer ssp_…` (or `Token ssp_…`). Only the SHA-256 hash
of a token is stored, so a copy of the database yields no usable token. A header with one of
those keywords is decisive: a bad token is refused even when a session cookie comes along."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header

from samenspel.accounts.middleware import second_factor_required
from samenspel.api.exceptions import AuthenticationRefused, CsrfRefused
from samenspel.api.services import find_token, mark_used

KEYWORDS = (b"bearer", b"token")


class HashedTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationRefused(_("De Authorization-header moet de vorm 'Bearer <sleutel>' hebben."))
        try:
            plaintext = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationRefused(_("Ongeldige of ingetrokken API-sleutel.")) from None
        token = find_token(plaintext)
        if token is None:
            raise AuthenticationRefused(_("Ongeldige of ingetrokken API-sleutel."))
        if token.revoked_at is not None or not token.user.is_active:
            # The same answer as for an unknown token: the caller learns nothing more.
            raise AuthenticationRefused(_("Ongeldige of ingetrokken API-sleutel."), token_id=token.pk)
        mark_used(token)
        return (token.user, token)

    def authenticate_header(self, request):
        return 'Bearer realm="samenspel"'


class VerifiedSessionAuthentication(SessionAuthentication):
    """Django's session, with CSRF enforced, and only after the second factor was given
    (when the user needs one: always outside demo mode)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        is_verified = getattr(user, "is_verified", None)
        if second_factor_required(user) and not (is_verified is not None and is_verified()):
            raise AuthenticationRefused(
                _("Bevestig eerst uw tweede factor in de webinterface en probeer het opnieuw."), actor=user
            )
        return result

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise CsrfRefused(actor=getattr(request._request, "user", None)) from None
