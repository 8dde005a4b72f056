"""Setting a password: through the e-mailed link (new accounts get an unusable password and
set their first one this way; it is also "forgot password"), and changing it when logged in.

The e-mail holds nothing personal besides the link. Whether an account exists is never shown:
the same page follows every request. Setting or changing a password ends the user's other
sessions.
"""

from __future__ import annotations

from axes.helpers import get_client_username
from axes.utils import reset as reset_lockout
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from samenspel.accounts.forms import ChangePasswordForm, NewPasswordForm, ResetRequestForm
from samenspel.accounts.models import UserSession
from samenspel.accounts.sessions import end_all_sessions
from samenspel.accounts.views.common import (
    PASSWORD_CHANGED,
    PASSWORD_RESET_COMPLETED,
    PASSWORD_RESET_REQUESTED,
)
from samenspel.audit.services import record, record_denied


class PasswordResetRequestView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        users = list(form.get_users(form.cleaned_data["email"]))
        for user in users:
            record(PASSWORD_RESET_REQUESTED, actor=user, object_type="user", object_id=user.pk)
        if not users:
            # Unknown or inactive address: no e-mail is sent, the address itself is not logged.
            record_denied(PASSWORD_RESET_REQUESTED, object_type="user")
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            if self.request.user.is_authenticated:
                # Whoever was logged in in this browser: start clean.
                auth_logout(self.request)
            end_all_sessions(form.user)
            record(PASSWORD_RESET_COMPLETED, actor=form.user, object_type="user", object_id=form.user.pk)
        # Someone who was locked out can log in with the new password straight away.
        reset_lockout(username=get_client_username(self.request, {"email": form.user.email}))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        with transaction.atomic():
            user = form.save()
            # End every session of the user, then let this one continue under a new key.
            end_all_sessions(user)
            update_session_auth_hash(self.request, user)
            UserSession.objects.get_or_create(user=user, session_key=self.request.session.session_key)
            record(PASSWORD_CHANGED, object_type="user", object_id=user.pk)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd. U bent op andere apparaten uitgelogd."))
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
