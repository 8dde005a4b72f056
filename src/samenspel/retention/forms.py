"""Forms of the retention pages. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cases.validators import validate_multiline_text
from samenspel.core.forms import UtrechtForm
from samenspel.retention.models import REASON_MAX_LENGTH, HoldTarget
from samenspel.retention.policy import MIN_MONTHS, RecordType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PeriodForm(UtrechtForm):
    months = forms.IntegerField(
        label=_("Bewaartermijn in maanden"),
        min_value=MIN_MONTHS,
        error_messages={
            "required": _("Vul het aantal maanden in."),
            "invalid": _("Vul een heel aantal maanden in, zoals 12."),
            "min_value": _("Een termijn is minstens %(limit_value)s maand."),
        },
    )
    reason = forms.CharField(
        label=_("Onderbouwing"),
        help_text=_("Waarom deze gemeente korter bewaart, bijvoorbeeld het besluit waarin dat staat."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        validators=[validate_multiline_text],
        error_messages={"required": _("Geef een onderbouwing.")},
    )

    def __init__(self, *args, default: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["months"].help_text = _(
            "Van %(min)s tot en met %(max)s maanden. %(max)s is de standaardtermijn: langer kan niet."
        ) % {"min": MIN_MONTHS, "max": default}
        self.default = default

    def clean_months(self):
        months = self.cleaned_data["months"]
        if months > self.default:
            raise forms.ValidationError(
                _("Langer dan de standaardtermijn van %(max)s maanden kan niet.") % {"max": self.default}
            )
        return months


class HoldForm(UtrechtForm):
    target_type = forms.ChoiceField(
        label=_("Wat moet bewaard blijven"),
        choices=HoldTarget.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u wilt bewaren."), "invalid_choice": _("Kies wat u wilt bewaren.")},
    )
    target_id = forms.IntegerField(
        label=_("Nummer"),
        help_text=_("Het nummer van de betrokkene, de casus of de melding, zoals de dossierhouder het ziet."),
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": _("Vul een nummer in."),
            "invalid": _("Vul een nummer in, alleen cijfers."),
            "min_value": _("Vul een nummer in, alleen cijfers."),
            "max_value": _("Vul een nummer in, alleen cijfers."),
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_("Bijvoorbeeld een lopende procedure of een verzoek van de rechter. Zonder namen."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        validators=[validate_multiline_text],
        error_messages={"required": _("Geef een reden.")},
    )
    ends_on = forms.DateField(
        label=_("Bewaren tot en met"),
        widget=DateInput(),
        error_messages={"required": _("Vul een einddatum in."), "invalid": _("Vul een geldige datum in.")},
    )


PREVIEW_CHOICES = [
    (RecordType.SIGNAL_NO_CONCERN, RecordType.SIGNAL_NO_CONCERN.label),
    (RecordType.SIGNAL_CLOSED, RecordType.SIGNAL_CLOSED.label),
    (RecordType.CASE, RecordType.CASE.label),
]


class PreviewForm(UtrechtForm):
    """The dry-run page's filter: which record type, and from which id on (keyset paging)."""

    soort = forms.ChoiceField(
        label=_("Soort gegeven"),
        choices=PREVIEW_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Kies een soort gegeven uit de lijst.")},
    )
    na = forms.IntegerField(
        label=_("Vanaf nummer"),
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Deze pagina bestaat niet."),
            "min_value": _("Deze pagina bestaat niet."),
            "max_value": _("Deze pagina bestaat niet."),
        },
    )

    def clean_soort(self):
        return self.cleaned_data.get("soort") or RecordType.SIGNAL_NO_CONCERN

    def clean_na(self):
        return self.cleaned_data.get("na") or 0
