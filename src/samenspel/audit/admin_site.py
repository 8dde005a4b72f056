"""Django admin for operators: superusers only, and audited like everything else.

Every admin request of a permitted user writes one entry ("admin.view" for reads,
"admin.change" for writes, in the same transaction as the change). An authenticated user who
is not an active, verified superuser is refused with an audited 403; anonymous visitors are
sent to Samenspel's own login (with its lockout and second factor), never to a second
password form."""

from __future__ import annotations

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from samenspel.accounts.middleware import second_factor_required
from samenspel.audit.services import record
from samenspel.core.exceptions import NotAllowed

PURPOSE = "administration"
ROLE = "superuser"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _object_type(view) -> str:
    """The model a ModelAdmin view works on ("user", "organisation"), or "" for site views."""
    owner = getattr(view, "__self__", None)
    model = getattr(owner, "model", None)
    return model._meta.model_name if model is not None else ""


def _object_id(kwargs: dict) -> str:
    value = kwargs.get("object_id", kwargs.get("id", ""))
    return unquote(str(value)) if value else ""


def _action(request: HttpRequest) -> str:
    return "admin.view" if request.method in SAFE_METHODS else "admin.change"


class SamenspelAdminSite(admin.AdminSite):
    site_header = _("Samenspel: Django-beheer")
    site_title = _("Samenspel-beheer")
    index_title = _("Technisch beheer (alleen voor superusers; alles wordt vastgelegd)")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_superuser):
            return False
        if not second_factor_required(user):
            return True
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())

    def admin_view(self, view, cacheable: bool = False):
        object_type = _object_type(view)

        def audited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            fields = {"object_type": object_type, "object_id": _object_id(kwargs), "purpose": PURPOSE, "role": ROLE}
            if request.method in SAFE_METHODS:
                record("admin.view", **fields)
                return view(request, *args, **kwargs)
            # The entry commits or rolls back with the change it records.
            with transaction.atomic():
                record("admin.change", **fields)
                return view(request, *args, **kwargs)

        protected = super().admin_view(update_wrapper(audited, view), cacheable)

        def guard(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                # Refused, and the refusal is audited by AuditDeniedMiddleware.
                raise NotAllowed(
                    _action(request), object_type=object_type, object_id=_object_id(kwargs), purpose=PURPOSE
                )
            return protected(request, *args, **kwargs)

        return update_wrapper(guard, protected)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """No second login form: Samenspel's own login (lockout, second factor, audit) is the
        only way in. A logged-in user without admin rights is refused."""
        index = reverse("admin:index", current_app=self.name)
        target = request.GET.get("next", "")
        if not target.startswith(index) or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = index
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(target)
            raise NotAllowed("admin.login", purpose=PURPOSE)
        return redirect_to_login(target)


site = SamenspelAdminSite(name="admin")
