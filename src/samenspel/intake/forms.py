"""Forms of the intake UI: reporting a concern (professionals and citizens), triage and
information requests. They shape input for the services in intake.services, which remain the
one write path and check everything again; service errors come back next to the fields
(core.forms.apply_service_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation
from samenspel.cases.identity import MAX_ESTIMATED_AGE, Gender
from samenspel.cases.models import Case, Subject
from samenspel.cases.validators import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from samenspel.core.forms import UtrechtForm
from samenspel.intake.models import DecisionOutcome, Urgency
from samenspel.sharing.models import ConcernCategory, InformationCategory

IDENTITY_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "estimated_age",
    "gender",
    "address",
    "residence_municipality",
    "school",
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the service checks type and size of each."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class NamedModelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def text_field(label, *, required: bool = False, max_length: int = SHORT_TEXT_MAX_LENGTH, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


def long_text(label, *, required: bool = True, rows: int = 6, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class IdentityFieldsMixin(forms.Form):
    """Whom a signal is about. Every field is optional: the reporter writes what they know."""

    given_names = text_field(_("Voornamen"), max_length=200)
    family_name = text_field(
        _("Achternaam"),
        max_length=200,
        help_text=_("Met tussenvoegsel, zoals de persoon zelf de naam schrijft."),
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Naam en geboortedatum samen helpen het meest om de persoon te herkennen."),
    )
    estimated_age = forms.IntegerField(
        label=_("Geschatte leeftijd"),
        required=False,
        min_value=0,
        max_value=MAX_ESTIMATED_AGE,
        help_text=_("Als u de geboortedatum niet weet."),
    )
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", _("Onbekend")), *Gender.choices])
    address = text_field(_("Adres"), max_length=300)
    residence_municipality = NamedModelChoiceField(
        label=_("Woongemeente"),
        required=False,
        queryset=Municipality.objects.all(),
        empty_label=_("Onbekend"),
        help_text=_("De melding gaat naar de dossierhouder van deze gemeente."),
    )
    school = text_field(
        _("School"), max_length=200, help_text=_("Als de persoon op school zit of een opleiding volgt.")
    )

    def identity_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in IDENTITY_FIELDS}


class ReportQuestionForm(UtrechtForm):
    """The one question before the form: is there acute danger or a crime?"""

    acute = forms.ChoiceField(
        label=_("Is er acuut gevaar, of gaat het om een strafbaar feit?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )


class SignalReportForm(UtrechtForm, IdentityFieldsMixin):
    observation = long_text(
        _("Wat heeft u gezien of gehoord?"),
        help_text=_("Beschrijf feitelijk wat u zag of hoorde, en in welke situatie. Geen oordeel of conclusie nodig."),
    )
    concern_categories = forms.ModelMultipleChoiceField(
        label=_("Soort zorg"),
        queryset=ConcernCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies één of meer."),
    )
    observed_on = forms.DateField(label=_("Wanneer was dit?"), required=False, widget=DateInput())
    reporter_relation = text_field(
        _("Uw relatie tot de persoon"), help_text=_("Bijvoorbeeld: mentor, jongerenwerker, buurman.")
    )
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Urgency.choices, initial=Urgency.NORMAL)
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_(
            "PDF, afbeelding (PNG of JPEG), Word (.docx) of OpenDocument (.odt). U kunt meer bestanden kiezen."
        ),
    )

    field_order = [
        "given_names",
        "family_name",
        "date_of_birth",
        "estimated_age",
        "gender",
        "address",
        "residence_municipality",
        "school",
        "observation",
        "concern_categories",
        "observed_on",
        "reporter_relation",
        "urgency",
        "attachments",
    ]


class CitizenConcernForm(UtrechtForm, IdentityFieldsMixin):
    municipality = NamedModelChoiceField(
        label=_("Over welke gemeente gaat uw zorg?"),
        queryset=Municipality.objects.all(),
        empty_label=_("Kies een gemeente"),
        error_messages={"required": _("Kies de gemeente waar uw zorg over gaat.")},
    )
    observation = long_text(
        _("Wat heeft u gezien of gehoord?"),
        help_text=_("Beschrijf wat u zag of hoorde, en wanneer. Noem alleen wat nodig is om uw zorg te begrijpen."),
    )
    concern_categories = forms.ModelMultipleChoiceField(
        label=_("Soort zorg"),
        required=False,
        queryset=ConcernCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    observed_on = forms.DateField(label=_("Wanneer was dit?"), required=False, widget=DateInput())
    reporter_relation = text_field(_("Uw relatie tot de persoon"), help_text=_("Bijvoorbeeld: buurman, familielid."))
    citizen_name = text_field(_("Uw naam"))
    citizen_contact = text_field(
        _("Hoe kan de gemeente u bereiken?"),
        help_text=_("Een telefoonnummer of e-mailadres, als de gemeente u iets mag vragen."),
    )

    field_order = [
        "municipality",
        "observation",
        "concern_categories",
        "observed_on",
        "given_names",
        "family_name",
        "date_of_birth",
        "estimated_age",
        "gender",
        "address",
        "residence_municipality",
        "school",
        "reporter_relation",
        "citizen_name",
        "citizen_contact",
    ]


class IdentityForm(UtrechtForm, IdentityFieldsMixin):
    """The coordinator completes or corrects whom the signal is about."""

    prefix = "identiteit"


class NoteForm(UtrechtForm):
    prefix = "notitie"
    text = long_text(_("Notitie"), rows=4)


class InformationRequestForm(UtrechtForm):
    prefix = "verzoek"
    organisation = NamedModelChoiceField(
        label=_("Aan welke organisatie?"), queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie")
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Over welke categorieën?"),
        queryset=InformationCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wat de organisatie volgens het convenant mag verstrekken en uw organisatie mag ontvangen."),
    )
    question = long_text(_("Vraag"), rows=4)

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class DecisionForm(UtrechtForm):
    prefix = "besluit"
    outcome = forms.ChoiceField(label=_("Besluit"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    reason = long_text(_("Onderbouwing"), rows=4)
    review_date = forms.DateField(
        label=_("Herbeoordelen op"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen bij monitoren."),
    )
    referred_to = NamedModelChoiceField(
        label=_("Doorverwezen naar of overgedragen aan"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        help_text=_("Bij doorverwijzen of overdragen aan de politie."),
    )
    referred_to_name = text_field(
        _("Andere organisatie"), help_text=_("Bij doorverwijzen naar een organisatie die niet in de lijst staat.")
    )
    case = forms.ModelChoiceField(
        label=_("Toevoegen aan bestaande casus"),
        required=False,
        queryset=Case.objects.none(),
        empty_label=_("Nee: open een nieuwe casus"),
        help_text=_("Alleen bij casus openen: een lopende casus van dezelfde betrokkene."),
    )

    def __init__(self, *args, organisations=None, cases=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["referred_to"].queryset = organisations
        if cases is not None:
            self.fields["case"].queryset = cases
            self.fields["case"].label_from_instance = lambda case: _("Casus %(number)s") % {"number": case.pk}


class LinkSubjectForm(UtrechtForm):
    subject = forms.ModelChoiceField(queryset=Subject.objects.none(), required=False)

    def __init__(self, *args, subjects=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if subjects is not None:
            self.fields["subject"].queryset = subjects


class AnswerForm(UtrechtForm):
    """One text (and date) per asked category the organisation may provide. An empty text
    means: nothing to share in that category."""

    def __init__(self, *args, categories=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[f"text_{category.pk}"] = long_text(category.name, required=False, rows=4)
            self.fields[f"date_{category.pk}"] = forms.DateField(
                label=_("Datum van deze informatie"), required=False, widget=DateInput()
            )

    def rows(self):
        return [(category, self[f"text_{category.pk}"], self[f"date_{category.pk}"]) for category in self.categories]

    def items(self) -> tuple[list[dict], list[str]]:
        """The service's items and, per item, the form field prefix its errors belong to."""
        items, fields = [], []
        for category in self.categories:
            text = self.cleaned_data.get(f"text_{category.pk}")
            if text:
                items.append({"category": category, "text": text, "date": self.cleaned_data.get(f"date_{category.pk}")})
                fields.append(str(category.pk))
        return items, fields
