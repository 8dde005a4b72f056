"""Forms of the case pages. They offer only choices the user may make (allowed phases, the
categories their organisation may provide, organisations of the case's region) and check what
can be checked before the service runs; the services in cases.services check everything
again and remain the one write path."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Organisation, User
from samenspel.cases import workflow
from samenspel.cases.identity import MAX_ESTIMATED_AGE, Gender
from samenspel.cases.models import Case, DetentionStatus, IdeologyContext, LifeDomain, Relation
from samenspel.cases.validators import TEXT_MAX_LENGTH, validate_multiline_text
from samenspel.core.forms import UtrechtForm
from samenspel.core.validators import validate_plain_text
from samenspel.sharing import policy

NAME_MAX_LENGTH = 200
ADDRESS_MAX_LENGTH = 300


def _text(label, *, required: bool = True, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhaseForm(UtrechtForm):
    phase = forms.ChoiceField(label=_("Nieuwe fase"), widget=forms.RadioSelect)
    reason = _text(
        _("Reden"),
        required=False,
        help_text=_("Nodig bij afsluiten en bij terugzetten naar een eerdere fase."),
        rows=4,
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        allowed = workflow.TRANSITIONS[workflow.Phase(case.phase)]
        self.fields["phase"].choices = [(p.value, p.label) for p in workflow.Phase if p in allowed]

    def clean(self):
        cleaned = super().clean()
        phase = cleaned.get("phase")
        if phase and workflow.needs_reason(self.case.phase, phase) and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden voor het afsluiten of terugzetten van de casus."))
        return cleaned


class FlagsForm(UtrechtForm):
    is_minor = forms.BooleanField(label=_("Minderjarig"), required=False)
    is_returnee = forms.BooleanField(label=_("Terugkeerder"), required=False)
    detention_status = forms.ChoiceField(label=_("Detentie"), choices=DetentionStatus.choices)
    ideology_context = forms.ChoiceField(
        label=_("Ideologische context"),
        required=False,
        choices=[("", _("Niet vastgelegd")), *IdeologyContext.choices],
        help_text=_("Alleen invullen als het de aanpak helpt. Nooit verplicht; Samenspel leidt dit nergens uit af."),
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict:
        return {
            name: getattr(case, name) for name in ("is_minor", "is_returnee", "detention_status", "ideology_context")
        }


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_type_display()})"


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.organisation.name})"


class TeamMemberForm(UtrechtForm):
    organisation = OrganisationChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie")
    )
    contact = ContactChoiceField(
        label=_("Contactpersoon"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Geen vaste contactpersoon"),
        help_text=_("Een medewerker van de gekozen organisatie."),
    )
    is_lead = forms.BooleanField(label=_("Leidende partner"), required=False)

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Active organisations of the case's region that are not on the team yet.
        organisations = (
            Organisation.objects.filter(is_active=True, region_id=case.municipality.region_id)
            .exclude(case_memberships__case=case)
            .order_by("name")
        )
        self.fields["organisation"].queryset = organisations
        self.fields["contact"].queryset = (
            User.objects.filter(is_active=True, organisation__in=organisations)
            .select_related("organisation")
            .order_by("organisation__name", "full_name")
        )

    def clean(self):
        cleaned = super().clean()
        organisation, contact = cleaned.get("organisation"), cleaned.get("contact")
        if organisation is not None and contact is not None and contact.organisation_id != organisation.pk:
            self.add_error("contact", _("De contactpersoon moet een medewerker van deze organisatie zijn."))
        return cleaned


class InformationItemForm(UtrechtForm):
    category = forms.ModelChoiceField(
        label=_("Categorie"),
        queryset=None,
        empty_label=_("Kies een categorie"),
        help_text=_("Alleen de categorieën die uw organisatie volgens het convenant mag verstrekken."),
    )
    date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=_date_widget(),
        help_text=_("De datum waarop dit bekend werd. Leeg: vandaag."),
    )
    text = _text(_("Informatie"))

    def __init__(self, *args, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = policy.providable_categories(actor).filter(is_active=True)


class AssessmentForm(UtrechtForm):
    life_domain = forms.ChoiceField(
        label=_("Leefgebied"), choices=[("", _("Kies een leefgebied")), *LifeDomain.choices]
    )
    risk_factors = _text(_("Risicofactoren"), required=False, rows=4)
    protective_factors = _text(_("Beschermende factoren"), required=False, rows=4)
    judgement = _text(
        _("Professioneel oordeel"),
        help_text=_("Uw oordeel in woorden. Samenspel berekent geen score over een persoon."),
        rows=4,
    )


class RelatedPersonForm(UtrechtForm):
    relation = forms.ChoiceField(label=_("Relatie"), choices=[("", _("Kies een relatie")), *Relation.choices])
    given_names = forms.CharField(
        label=_("Voornamen"), required=False, max_length=NAME_MAX_LENGTH, validators=[validate_plain_text]
    )
    family_name = forms.CharField(
        label=_("Achternaam"), required=False, max_length=NAME_MAX_LENGTH, validators=[validate_plain_text]
    )
    date_of_birth = forms.DateField(label=_("Geboortedatum"), required=False, widget=_date_widget())
    estimated_age = forms.IntegerField(
        label=_("Geschatte leeftijd"), required=False, min_value=0, max_value=MAX_ESTIMATED_AGE
    )
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", _("Onbekend")), *Gender.choices])
    address = forms.CharField(
        label=_("Adres"), required=False, max_length=ADDRESS_MAX_LENGTH, validators=[validate_plain_text]
    )

    IDENTITY_FIELDS = ("given_names", "family_name", "date_of_birth", "estimated_age", "gender", "address")

    def identity(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.IDENTITY_FIELDS}
