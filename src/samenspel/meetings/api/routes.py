"""The case-conference resources under /api/v1/ (registered by samenspel.api.urls)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter


def register(router: SimpleRouter) -> None:
    """Register every case-conference viewset on the API router."""
