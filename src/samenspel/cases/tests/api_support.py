"""Helpers for the API tests of intake and cases."""

from __future__ import annotations

from rest_framework.test import APIClient

from samenspel.api.services import create_token
from samenspel.api.tests.conftest import assert_problem, entries_of

__all__ = ["api", "assert_problem", "entries_of"]


def api(user) -> APIClient:
    """An APIClient that sends a fresh API token of the user."""
    issued = create_token(user, owner=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")
    return client
