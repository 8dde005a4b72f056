from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.api.validators import validate_plain_text


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        validators=[validate_plain_text],
        help_text=_("Waarvoor gebruikt u deze sleutel? Bijvoorbeeld: koppeling met het zaaksysteem."),
    )
