"""Building blocks of the authorisation matrix (src/samenspel/tests/test_authorization_matrix.py).

Each app may add its routes in `<app>/tests/matrix.py`, a module defining `ROUTES` (route
name -> Route) with these helpers; the matrix test merges them and fails on a route that has
no expectation anywhere, or on one that two modules both claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from samenspel.testing.personas import Personas

PERSONAS = (
    "coordinator",
    "police_officer",
    "teacher",
    "youth_worker",
    "chair",
    "mayors_office",
    "privacy_officer",
    "app_manager",
    "analyst",
    "outsider",
)
EVERYONE = frozenset(PERSONAS)
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Route:
    path: Callable[[Personas], str]
    allowed: frozenset[str]
    ok: int = 200
    denied: int = 403
    anonymous: int = 302
    method: str = "get"
    overrides: dict[str, int] = field(default_factory=dict)

    def expected(self, persona: str) -> int:
        if persona in self.overrides:
            return self.overrides[persona]
        if persona == ANONYMOUS:
            return self.anonymous
        return self.ok if persona in self.allowed else self.denied


def fixed(path: str) -> Callable[[Personas], str]:
    return lambda personas: path


def public(path: str, status: int = 200) -> Route:
    return Route(fixed(path), EVERYONE, ok=status, anonymous=status)


def for_all(path: str, status: int = 200) -> Route:
    return Route(fixed(path), EVERYONE, ok=status)


def only(path: str | Callable[[Personas], str], *personas: str, **kwargs) -> Route:
    return Route(path if callable(path) else fixed(path), frozenset(personas), **kwargs)
