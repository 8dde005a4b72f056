"""A small fixed-window rate limit on Django's cache (the way DRF's SimpleRateThrottle
counts), keyed on a keyed hash of the client's address: the raw address is never stored."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from samenspel.core.middleware import client_address


def address_key(request, scope: str) -> str:
    address = client_address(request) or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"samenspel:ratelimit:{scope}:{digest}"


def hit(request, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False when the address has made more than `limit` attempts in the
    current window."""
    key = address_key(request, scope)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
