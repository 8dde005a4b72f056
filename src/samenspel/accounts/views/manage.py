"""The application manager's UI (/beheer/): organisations, users and their roles.

Every view needs MANAGE_ACCOUNTS (others get an audited 403); objects outside the manager's
scope answer 404 (NotVisible, audited). Reads are filtered by the accounts querysets; every
write goes through accounts.services. Pages that show a person's name or e-mail address write
exactly one audit entry. User and role changes ask for a recent second factor (step-up).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.accounts import services
from samenspel.accounts.manage_forms import (
    ManagerScope,
    OrganisationForm,
    UserForm,
    role_formset,
    split_roles,
)
from samenspel.accounts.models import Organisation, User
from samenspel.accounts.querysets import users_manageable_by
from samenspel.accounts.roles import Capability
from samenspel.accounts.stepup import require_recent_second_factor
from samenspel.audit.services import record
from samenspel.core.access import capability_required, require_capability
from samenspel.core.exceptions import NotVisible
from samenspel.core.forms import apply_service_errors

USERS_PER_PAGE = 50
USER_FORM_FIELDS = ("full_name", "email", "organisation")

GET_POST = require_http_methods(["GET", "POST"])


def _manager_role(request, action: str) -> str:
    """The role under which the manager acts, for the audit entry."""
    return require_capability(request.user, Capability.MANAGE_ACCOUNTS, action)


def _organisation_or_404(request, pk: int, action: str) -> Organisation:
    organisation = (
        Organisation.objects.manageable_by(request.user).select_related("region", "municipality").filter(pk=pk).first()
    )
    if organisation is None:
        raise NotVisible(action, object_type="organisation", object_id=pk)
    return organisation


def _user_or_404(request, pk: int, action: str) -> User:
    user = users_manageable_by(request.user).filter(pk=pk).first()
    if user is None:
        raise NotVisible(action, object_type="user", object_id=pk)
    return user


def _save_failed(form) -> None:
    form.add_error(
        None,
        _("Dit kon niet worden opgeslagen, omdat tegelijk een vergelijkbare wijziging is gedaan. Probeer het opnieuw."),
    )


# Overview -------------------------------------------------------------------------------


@capability_required(Capability.MANAGE_ACCOUNTS, "manage.index")
@require_http_methods(["GET"])
def index(request):
    return render(request, "accounts/manage/index.html")


# Organisations --------------------------------------------------------------------------


@capability_required(Capability.MANAGE_ACCOUNTS, "organisation.list")
@require_http_methods(["GET"])
def organisation_list(request):
    organisations = Organisation.objects.manageable_by(request.user).select_related("region", "municipality")
    return render(request, "accounts/manage/organisation_list.html", {"organisations": organisations})


@capability_required(Capability.MANAGE_ACCOUNTS, "organisation.create")
@GET_POST
def organisation_create(request):
    form = OrganisationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_organisation(request.user, **form.service_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        except IntegrityError:
            _save_failed(form)
        else:
            messages.success(request, _("De organisatie is toegevoegd."))
            return redirect("manage:organisation_list")
    return render(request, "accounts/manage/organisation_form.html", {"form": form, "organisation": None})


@capability_required(Capability.MANAGE_ACCOUNTS, "organisation.update")
@GET_POST
def organisation_edit(request, pk: int):
    organisation = _organisation_or_404(request, pk, "organisation.update")
    form = OrganisationForm(request.POST or None, actor=request.user, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(request.user, organisation, **form.service_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        except IntegrityError:
            _save_failed(form)
        else:
            messages.success(request, _("De organisatie is opgeslagen."))
            return redirect("manage:organisation_list")
    return render(request, "accounts/manage/organisation_form.html", {"form": form, "organisation": organisation})


# Users ----------------------------------------------------------------------------------


@capability_required(Capability.MANAGE_ACCOUNTS, "user.list")
@require_http_methods(["GET"])
def user_list(request):
    organisations = Organisation.objects.manageable_by(request.user).select_related("region", "municipality")
    users = users_manageable_by(request.user)
    selected = None
    organisation_id = request.GET.get("organisatie", "")
    if organisation_id:
        is_id = re.fullmatch(r"[0-9]{1,18}", organisation_id) is not None
        selected = organisations.filter(pk=int(organisation_id)).first() if is_id else None
        # An unknown or unreachable organisation shows nobody rather than everybody.
        users = users.filter(organisation=selected) if selected else users.none()
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("pagina"))
    record("user.list", object_type="user", role=_manager_role(request, "user.list"))
    return render(
        request,
        "accounts/manage/user_list.html",
        {
            "page": page,
            "organisations": organisations,
            "selected_organisation": selected,
            "organisation_filter": organisation_id,
        },
    )


def _collect_errors(user_form, error: ValidationError) -> list[str]:
    """Field errors go next to the user form's fields; role errors are returned for the role
    rows."""
    role_errors: list[str] = []
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            if name in USER_FORM_FIELDS:
                for item in errors:
                    user_form.add_error(name, item)
            else:
                role_errors.extend(message for item in errors for message in item.messages)
    else:
        role_errors.extend(error.messages)
    return role_errors


@capability_required(Capability.MANAGE_ACCOUNTS, "user.create")
@require_recent_second_factor
@GET_POST
def user_create(request):
    scope = ManagerScope.of(request.user)
    data = request.POST if request.method == "POST" else None
    form = UserForm(data, actor=request.user)
    roles = role_formset(data, scope=scope)
    role_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and roles.is_valid():
        try:
            services.create_user(request.user, roles=roles.assignments(), **form.service_data())
        except ValidationError as error:
            role_errors = _collect_errors(form, error)
        except IntegrityError:
            _save_failed(form)
        else:
            messages.success(
                request,
                _("De gebruiker is toegevoegd. Hij of zij stelt zelf een wachtwoord in via de link om in te loggen."),
            )
            return redirect("manage:user_list")
    context = {"form": form, "roles": roles, "role_errors": role_errors, "subject": None, "fixed_roles": []}
    return render(request, "accounts/manage/user_form.html", context)


@capability_required(Capability.MANAGE_ACCOUNTS, "user.update")
@require_recent_second_factor
@GET_POST
def user_edit(request, pk: int):
    """The user's page: name, e-mail, organisation and roles, editable in one form."""
    subject = _user_or_404(request, pk, "user.view")
    scope = ManagerScope.of(request.user)
    changeable, fixed = split_roles(subject, scope)
    own_account = subject.pk == request.user.pk
    if own_account:
        # Nobody changes their own roles: that would let a manager give themselves access
        # to case content. Another application manager has to do it.
        changeable, fixed = [], changeable + fixed
    data = request.POST if request.method == "POST" else None
    form = UserForm(data, actor=request.user, instance=subject)
    roles = role_formset(data, scope=scope, roles=changeable)
    role_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and roles.is_valid():
        try:
            with transaction.atomic():
                updated = services.update_user(request.user, subject, **form.service_data())
                if not own_account:
                    services.set_roles(request.user, updated, [*fixed, *roles.assignments()])
        except ValidationError as error:
            role_errors = _collect_errors(form, error)
        except IntegrityError:
            _save_failed(form)
        else:
            messages.success(request, _("De gebruiker is opgeslagen."))
            return redirect("manage:user_list")
    # This page shows the person's name and e-mail address: one audit entry per view.
    record("user.view", object_type="user", object_id=subject.pk, role=_manager_role(request, "user.view"))
    context = {
        "form": form,
        "roles": roles,
        "role_errors": role_errors,
        "subject": subject,
        "fixed_roles": fixed,
        "own_account": own_account,
    }
    return render(request, "accounts/manage/user_form.html", context)


def _set_active(request, pk: int, active: bool):
    action = "user.reactivate" if active else "user.deactivate"
    subject = _user_or_404(request, pk, action)
    if subject.pk == request.user.pk:
        messages.error(request, _("Uw eigen account kunt u niet deactiveren. Vraag dit aan een andere beheerder."))
        return redirect("manage:user_edit", pk=subject.pk)
    if request.method == "POST":
        if subject.is_active != active:
            services.update_user(request.user, subject, is_active=active)
        if active:
            messages.success(request, _("Het account is weer actief. De gebruiker kan weer inloggen."))
        else:
            messages.success(request, _("Het account is gedeactiveerd. De gebruiker is overal uitgelogd."))
        return redirect("manage:user_edit", pk=subject.pk)
    record("user.view", object_type="user", object_id=subject.pk, role=_manager_role(request, "user.view"))
    return render(request, "accounts/manage/user_status.html", {"subject": subject, "activate": active})


@capability_required(Capability.MANAGE_ACCOUNTS, "user.deactivate")
@require_recent_second_factor
@GET_POST
def user_deactivate(request, pk: int):
    return _set_active(request, pk, active=False)


@capability_required(Capability.MANAGE_ACCOUNTS, "user.reactivate")
@require_recent_second_factor
@GET_POST
def user_reactivate(request, pk: int):
    return _set_active(request, pk, active=True)
