"""The one write path for API tokens: issue, revoke, and note when a token was last used.

A token is `ssp_` followed by 43 URL-safe characters (256 random bits). Only its SHA-256 hash
is stored; the plaintext exists in memory just long enough to be shown once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.models import User
from samenspel.api.models import ApiToken
from samenspel.audit.services import record
from samenspel.core.exceptions import NotAllowed, NotVisible

TOKEN_PREFIX = "ssp_"  # noqa: S105 - a marker that makes leaked tokens recognisable, not a secret
TOKEN_MAX_LENGTH = 64
# last_used_at is written at most this often per token, so busy clients do not cause a write
# on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class IssuedToken:
    """A new token and its plaintext. The plaintext is left out of repr() so that it cannot
    end up in a log line or an error report by accident."""

    __slots__ = ("plaintext", "token")

    def __init__(self, token: ApiToken, plaintext: str) -> None:
        self.token = token
        self.plaintext = plaintext

    def __repr__(self) -> str:
        return f"<IssuedToken {self.token.pk} {self.token.prefix}…>"


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def looks_like_token(plaintext: str) -> bool:
    return plaintext.startswith(TOKEN_PREFIX) and len(plaintext) <= TOKEN_MAX_LENGTH


@transaction.atomic
def create_token(actor: User | None, *, owner: User, name: str) -> IssuedToken:
    """Issue a token for `owner`. `actor` is the person asking: the owner themselves in the web
    UI (after a fresh second factor), or None for an operator's management command."""
    if actor is not None and actor.pk != owner.pk:
        raise NotAllowed("api_token.create", object_type="api_token")
    if not owner.is_active:
        raise ValidationError({"user": _("Deze gebruiker is niet actief.")})
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=owner, name=(name or "").strip(), prefix=plaintext[:8], key_hash=hash_token(plaintext))
    token.full_clean()
    token.save()
    record("api_token.create", object_type="api_token", object_id=token.pk, actor=actor)
    return IssuedToken(token, plaintext)


@transaction.atomic
def revoke_token(actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens. Revoking twice changes nothing the second time."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if token is None:
        raise NotVisible("api_token.revoke", object_type="api_token", object_id=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("api_token.revoke", object_type="api_token", object_id=token.pk, actor=actor)
    return token


def find_token(plaintext: str) -> ApiToken | None:
    """The token with this plaintext, revoked or not (the caller decides), with its user."""
    if not looks_like_token(plaintext):
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_token(plaintext)).first()


def mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
