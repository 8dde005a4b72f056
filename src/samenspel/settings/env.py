"""Strict parsing of configuration from environment variables.

Every setting Samenspel reads comes through these helpers, so a wrong value stops start-up
with a message that names the variable and what it expects. All variables are listed in
docs/configuration.md.
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_MISSING = object()


def _raw(name: str, default: object) -> str | object:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"{name} must be set (see docs/configuration.md).")
        return default
    return value


def env_str(name: str, default: str | object = _MISSING) -> str:
    return _raw(name, default)  # type: ignore[return-value]


def env_bool(name: str, default: bool | object = _MISSING) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int | object = _MISSING, *, minimum: int | None = None) -> int:
    value = _raw(name, default)
    if isinstance(value, int):
        number = value
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_minutes(name: str, default: int | object = _MISSING) -> timedelta:
    return timedelta(minutes=env_int(name, default, minimum=1))


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    items = [item.strip() for item in str(value).split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items.")
    return items


def env_choice(name: str, choices: tuple[str, ...], default: str | object = _MISSING) -> str:
    value = _raw(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value  # type: ignore[return-value]
