"""Refusals that are audited. Raise these (never a bare Http404/PermissionDenied) where an
access rule refuses a user; the web middleware and the API exception handler write the
denied audit entry after the refused work has rolled back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


class AccessRefused(Exception):
    def __init__(self, action: str, *, object_type: str = "", object_id: object = "", purpose: str = "") -> None:
        super().__init__(action)
        self.action = action
        self.object_type = object_type
        self.object_id = object_id
        self.purpose = purpose


class NotVisible(AccessRefused, Http404):
    """The object is outside the user's reach: answered as if it did not exist (404)."""


class NotAllowed(AccessRefused, PermissionDenied):
    """The user may see this but not do this (403)."""
