"""Capability checks for views. A view names the capability it needs; a user without it is
refused with an audited 403 (NotAllowed)."""

from __future__ import annotations

from functools import wraps

from samenspel.accounts.roles import Capability
from samenspel.core.exceptions import NotAllowed


def require_capability(user, capability: Capability, action: str) -> str:
    """Return the role that grants the capability (for the audit entry) or refuse."""
    assignments = user.assignments_with(capability) if user.is_authenticated else []
    if not assignments:
        raise NotAllowed(action)
    role = assignments[0].role
    user._audit_role = role
    return role


def capability_required(capability: Capability, action: str):
    """Decorator for function views: `@capability_required(Capability.READ_AUDIT_LOG, "audit_log.view")`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_capability(request.user, capability, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
