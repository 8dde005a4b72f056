"""Session bookkeeping: when a login happened, when the second factor was last given, and
which sessions a user has, so they can all be ended at once."""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from samenspel.accounts.middleware import LOGIN_AT, VERIFIED_AT
from samenspel.accounts.models import UserSession


@receiver(user_logged_in)
def _track_login(sender, request, user, **kwargs):
    # login() has already rotated the session key (no session fixation).
    request.session[LOGIN_AT] = time.time()
    request.session.pop(VERIFIED_AT, None)
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.get_or_create(user=user, session_key=request.session.session_key)
    _forget_expired_sessions(user)


def _forget_expired_sessions(user) -> None:
    """Drop bookkeeping rows of the user's sessions that the store no longer has."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    gone = [
        key
        for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True)
        if not store.exists(key)
    ]
    if gone:
        UserSession.objects.filter(session_key__in=gone).delete()


@receiver(user_logged_out)
def _track_logout(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def mark_second_factor(request) -> None:
    request.session[VERIFIED_AT] = time.time()


def second_factor_is_recent(request) -> bool:
    verified_at = request.session.get(VERIFIED_AT)
    if verified_at is None:
        return False
    return time.time() - verified_at <= settings.SAMENSPEL_STEP_UP_MAX_AGE.total_seconds()


def end_all_sessions(user) -> int:
    """Delete every session of the user from the session store. Returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
