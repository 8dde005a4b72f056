"""Step-up: sensitive actions (exports, user and role changes, API tokens) ask for the second
factor again when it was not given in the last SAMENSPEL_STEP_UP_MINUTES."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from samenspel.accounts.sessions import second_factor_is_recent


def require_recent_second_factor(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not second_factor_is_recent(request):
            target = reverse("accounts:step_up") + "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return view(request, *args, **kwargs)

    return wrapper
