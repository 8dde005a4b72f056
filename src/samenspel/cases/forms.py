"""Forms of the case pages. They offer only choices the user may make (allowed phases, the
categories their organisation may provide, organisations of the case's region) and check what
can be checked before the service runs; the services in cases.services check everything
again and remain the one write path."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation, User
from samenspel.cases import selectors, workflow
from samenspel.cases.identity import MAX_ESTIMATED_AGE, Gender
from samenspel.cases.models import (
    Case,
    ClosureReason,
    DetentionStatus,
    GoalOutcome,
    IdeologyContext,
    LifeDomain,
    Relation,
    Trend,
)
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


# Plans, reviews, closure and transfer -------------------------------------------------------

GOAL_MAX_LENGTH = 2_000
REVIEW_REASON_MAX_LENGTH = 1_000


def _bounded_text(label, max_length: int, *, required: bool = True, help_text: str = "", rows: int = 4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        validators=[validate_multiline_text, MaxLengthValidator(max_length)],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PlanForm(UtrechtForm):
    summary = _text(
        _("Aanpak in woorden"),
        required=False,
        help_text=_("Een nieuw plan vervangt het huidige; het huidige blijft bewaard."),
    )


class GoalForm(UtrechtForm):
    text = _bounded_text(_("Doel"), GOAL_MAX_LENGTH)


class InterventionTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class InterventionForm(UtrechtForm):
    intervention_type = InterventionTypeChoiceField(
        label=_("Soort interventie"), queryset=None, empty_label=_("Kies een interventie")
    )
    goal = forms.ModelChoiceField(label=_("Doel"), queryset=None, required=False, empty_label=_("Geen bepaald doel"))
    responsible_organisation = OrganisationChoiceField(
        label=_("Verantwoordelijke organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        help_text=_("Een organisatie uit het casusteam, of uw eigen organisatie."),
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=_date_widget())
    planned_end_date = forms.DateField(label=_("Geplande einddatum"), widget=_date_widget())
    description = _text(_("Toelichting"), required=False, rows=3)

    def __init__(self, *args, plan, actor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention_type"].queryset = selectors.intervention_types()
        self.fields["goal"].queryset = selectors.goals_for(actor, plan)
        self.fields["goal"].label_from_instance = lambda goal: goal.text[:80]
        self.fields["responsible_organisation"].queryset = Organisation.objects.filter(
            Q(case_memberships__case=plan.case) | Q(pk=actor.organisation_id), is_active=True
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", _("De geplande einddatum ligt vóór de startdatum."))
        return cleaned


class InterventionStatusForm(UtrechtForm):
    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("Resultaat"),
        required=False,
        help_text=_("Nodig bij afronden en stoppen."),
    )
    outcome_text = _text(_("Toelichting op het resultaat"), required=False, rows=4)
    reason = _text(_("Reden"), required=False, rows=3)

    def __init__(self, *args, intervention, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = workflow.InterventionStatus(intervention.status)
        allowed = workflow.INTERVENTION_TRANSITIONS[current]
        self.fields["status"].choices = [(s.value, s.label) for s in workflow.InterventionStatus if s in allowed]
        self.fields["outcome"].choices = [("", _("Kies een resultaat")), *GoalOutcome.choices]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in workflow.ENDED_INTERVENTION_STATUSES:
            if not cleaned.get("outcome"):
                self.add_error("outcome", _("Kies het resultaat bij afronden of stoppen."))
            if not (cleaned.get("outcome_text") or "").strip():
                self.add_error("outcome_text", _("Licht het resultaat toe."))
        elif status and (cleaned.get("outcome") or (cleaned.get("outcome_text") or "").strip()):
            self.add_error("outcome", _("Een resultaat leg je vast bij het afronden of stoppen van de interventie."))
        return cleaned


class ReviewForm(UtrechtForm):
    trend = forms.ChoiceField(label=_("Ontwikkeling"), widget=forms.RadioSelect)
    reason = _bounded_text(_("Reden"), REVIEW_REASON_MAX_LENGTH, help_text=_("Kort: waarom deze ontwikkeling."))
    next_review_date = forms.DateField(label=_("Volgende herbeoordeling"), widget=_date_widget())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trend"].choices = Trend.choices


class CloseForm(UtrechtForm):
    reason = forms.ChoiceField(label=_("Reden van afsluiten"))
    outcome = _text(_("Resultaat"), rows=4)
    aftercare_until = forms.DateField(
        label=_("Nazorg tot"),
        required=False,
        widget=_date_widget(),
        help_text=_("Leeg: de casus sluit meteen, zonder nazorg. Nazorg kan alleen vanuit de fase uitvoering."),
    )
    aftercare_review_date = forms.DateField(
        label=_("Herbeoordeling tijdens nazorg"), required=False, widget=_date_widget()
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Kies een reden")), *ClosureReason.choices]

    def clean(self):
        cleaned = super().clean()
        until, review = cleaned.get("aftercare_until"), cleaned.get("aftercare_review_date")
        if until and not review and "aftercare_review_date" not in self.errors:
            self.add_error("aftercare_review_date", _("Geef bij nazorg ook een datum voor de herbeoordeling."))
        if review and not until and "aftercare_until" not in self.errors:
            self.add_error("aftercare_until", _("Geef aan tot wanneer de nazorg loopt."))
        return cleaned


class EndAftercareForm(UtrechtForm):
    note = _text(_("Toelichting"), required=False, rows=3)


class ReasonForm(UtrechtForm):
    reason = _text(_("Reden"), rows=4)


class TransferRequestForm(UtrechtForm):
    to_municipality = forms.ModelChoiceField(
        label=_("Naar gemeente"), queryset=None, empty_label=_("Kies een gemeente")
    )
    reason = _text(_("Reden"), rows=4)

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_municipality"].queryset = Municipality.objects.exclude(pk=case.municipality_id).order_by("name")
