"""Forms of the login flow: password, second factor, enrolment and setting a password.

Labels and messages are Dutch msgids. Django links each error and help text to its input
through aria-describedby and marks invalid inputs with aria-invalid; core.forms gives the
inputs their Utrecht classes and renders each field with its error next to it.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from samenspel.accounts.otp import normalise_code
from samenspel.core.forms import UtrechtFormMixin


def normalise_email(value: str) -> str:
    """The one spelling of an e-mail address used for login and lockout: trimmed, lower case."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


class LoginForm(UtrechtFormMixin, forms.Form):
    """The address field is named "username" (as in Django's own login form) because
    django-axes masks a POST field of that name in the attempt records it stores; under the
    name "email" the typed address would be kept there in the clear."""

    ADDRESS_FIELD = "username"

    username = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl."),
        },
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )

    # The same words whether the password was wrong, the account is unknown or inactive.
    invalid_login = _("Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.")

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])

    def reject(self) -> None:
        self.add_error("password", self.invalid_login)


class SecondFactorForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Vul de code in.")},
    )

    wrong_code = _("Deze code klopt niet. Controleer de code en probeer het opnieuw.")
    throttled = _("U heeft net een onjuiste code ingevoerd. Wacht even en probeer het dan opnieuw.")

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(self.fields["code"].error_messages["required"], code="required")
        return code


class EnrolForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=16,
        help_text=_("De zes cijfers die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Vul de code uit de app in.")},
    )

    wrong_code = _(
        "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de code in die de app nu toont."
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."), code="digits")
        return code


class PasswordConfirmForm(UtrechtFormMixin, forms.Form):
    """Demo mode only: step-up by typing the password again, for users without an app."""

    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )

    wrong_password = _("Dit wachtwoord klopt niet.")


class ResetRequestForm(UtrechtFormMixin, PasswordResetForm):
    """Asks for the e-mail address. Unlike Django's form, accounts that have no usable
    password yet (new accounts, see accounts.services.create_user) get the link too: this is
    how people set their first password. Inactive accounts get nothing."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl."),
        },
    )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def get_users(self, email):
        user_model = get_user_model()
        return user_model._default_manager.filter(email__iexact=normalise_email(email), is_active=True)


def _password_rules() -> str:
    """The validators' rules as plain sentences (help texts are shown as text, not HTML), in
    the language of the request."""
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


_password_help_text = lazy(_password_rules, str)


def _new_password_fields():
    first = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_password_help_text(),
        error_messages={"required": _("Vul een nieuw wachtwoord in.")},
    )
    second = forms.CharField(
        label=_("Herhaal het nieuwe wachtwoord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Vul het nieuwe wachtwoord nog een keer in.")},
    )
    return first, second


_MISMATCH = _("De twee wachtwoorden zijn niet gelijk.")


def _in_dutch(error: forms.ValidationError) -> forms.ValidationError:
    """Django 5.2 changed the msgid of the minimum-length message and its Dutch catalogue has
    not caught up, so that one would appear in English; the similarity message reads oddly."""
    if error.code == "password_too_short":
        length = error.params["min_length"]
        message = ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens lang zijn.",
            length,
        )
        return forms.ValidationError(message, code=error.code, params=error.params)
    if error.code == "password_too_similar":
        # Django's Dutch reads "lijkt te veel op de e-mailadres".
        return forms.ValidationError(
            _("Het wachtwoord lijkt te veel op uw %(verbose_name)s."), code=error.code, params=error.params
        )
    return error


class PasswordRulesMixin:
    """Runs the validators of AUTH_PASSWORD_VALIDATORS with their messages in Dutch."""

    @sensitive_variables("password")
    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107 - a field name
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error(password_field_name, [_in_dutch(e) for e in error.error_list])


class NewPasswordForm(UtrechtFormMixin, PasswordRulesMixin, SetPasswordForm):
    """Setting a password from the e-mailed link. The password validators of the settings
    apply (SetPasswordForm runs them)."""

    new_password1, new_password2 = _new_password_fields()
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": _MISMATCH}


class ChangePasswordForm(UtrechtFormMixin, PasswordRulesMixin, PasswordChangeForm):
    old_password = forms.CharField(
        label=_("Huidig wachtwoord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": _("Vul uw huidige wachtwoord in.")},
    )
    new_password1, new_password2 = _new_password_fields()
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": _MISMATCH,
        "password_incorrect": _("Uw huidige wachtwoord klopt niet."),
    }
    field_order = ["old_password", "new_password1", "new_password2"]
