"""Forms of the restricted-documents pages. They shape input for restricted.services, which
remain the one write path and check everything again; service errors come back next to the
fields (core.forms.apply_service_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, validate_multiline_text
from samenspel.core.forms import UtrechtForm
from samenspel.restricted import policy
from samenspel.restricted.models import Classification, DocumentKind, ReleasePurpose


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class _NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return getattr(obj, "full_name", None) or obj.name


def _text(label, *, required: bool, max_length: int, rows: int = 5, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _number(label, help_text) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=help_text,
        error_messages={"invalid": _("Geef een nummer op.")},
    )


class DocumentForm(UtrechtForm):
    municipality = _NamedChoice(label=_("Gemeente"), queryset=None, empty_label=None)
    title = forms.CharField(
        label=_("Titel"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text=_("Een korte aanduiding, zonder namen of andere persoonsgegevens."),
    )
    classification = forms.ChoiceField(label=_("Rubricering"), choices=[("", "---------"), *Classification.choices])
    kind = forms.ChoiceField(label=_("Soort stuk"), choices=[("", "---------"), *DocumentKind.choices])
    received_on = forms.DateField(label=_("Ontvangen op"), widget=_DateInput())
    case = _number(_("Casusnummer"), _("Het nummer van de casus in deze gemeente waar het stuk over gaat."))
    description = _text(_("Omschrijving"), required=False, max_length=TEXT_MAX_LENGTH, rows=6)
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("PDF, PNG, JPEG, Word (.docx) of OpenDocument-tekst (.odt)."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = policy.registration_municipalities(user)


class GrantForm(UtrechtForm):
    grantee = _NamedChoice(label=_("Persoon"), queryset=None)
    ends_at = forms.DateTimeField(
        label=_("Toegang tot"),
        help_text=_("Datum en tijd waarop de toegang vanzelf vervalt (hoogstens een jaar vooruit)."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, document, **kwargs) -> None:
        super().__init__(*args, prefix="toegang", **kwargs)
        self.fields["grantee"].queryset = policy.grantable_users(document)


class ReleaseForm(UtrechtForm):
    purpose = forms.ChoiceField(label=_("Vrijgeven voor"), choices=[("", "---------"), *ReleasePurpose.choices])
    meeting = _number(_("Nummer van het casusoverleg"), _("Alleen bij vrijgave voor een verslag."))
    reason = _text(_("Motivering van het besluit"), required=True, max_length=2000, rows=4)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="vrijgave", **kwargs)
