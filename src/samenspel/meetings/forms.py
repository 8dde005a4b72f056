"""Forms of the case conference pages. They offer only choices the user may make (the
municipalities and regions they run meetings in, the organisations of the meeting's region,
the cases they may bring) and check what can be checked before the service runs; the services
in meetings.services check everything again and remain the one write path."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation, Region, User
from samenspel.accounts.roles import Capability, Role
from samenspel.cases.forms import ContactChoiceField, OrganisationChoiceField
from samenspel.cases.models import Case
from samenspel.cases.validators import validate_multiline_text
from samenspel.core.forms import UtrechtForm
from samenspel.core.validators import validate_plain_text
from samenspel.meetings.models import AgendaItemKind, Meeting
from samenspel.meetings.validators import ACTION_MAX_LENGTH, ONLINE_LINK_MAX_LENGTH, REASON_MAX_LENGTH
from samenspel.meetings.workflow import MEETING_TRANSITIONS, MeetingStatus
from samenspel.sharing import policy

LOCATION_MAX_LENGTH = 200
MINUTES_MAX_LENGTH = 10_000
DECISION_MAX_LENGTH = 2_000


def _text(label, max_length: int, *, required: bool = True, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _datetime_field(label, *, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _region_of(meeting: Meeting) -> int:
    return meeting.region_id if meeting.region_id is not None else meeting.municipality.region_id


def scopes_for(user) -> list[tuple[str, str]]:
    """The municipalities and regions the user may plan meetings for, as choices."""
    choices: list[tuple[str, str]] = []
    regions = set()
    municipalities = set()
    for capability in (Capability.CHAIR_MEETINGS, Capability.DIRECT_CASES):
        for assignment in user.assignments_with(capability):
            if assignment.region_id is not None:
                regions.add(assignment.region_id)
            else:
                municipalities.add(assignment.municipality_id)
    for region in Region.objects.filter(pk__in=regions).order_by("name"):
        choices.append((f"regio-{region.pk}", str(_("Regio: %(name)s") % {"name": region.name})))
    scoped = Municipality.objects.filter(Q(pk__in=municipalities) | Q(region_id__in=regions)).order_by("name")
    for municipality in scoped:
        choices.append((f"gemeente-{municipality.pk}", str(_("Gemeente: %(name)s") % {"name": municipality.name})))
    return choices


def run_regions(user) -> list[int]:
    """The regions in which the user plans meetings (their own, or their municipality's)."""
    ids = set()
    for capability in (Capability.CHAIR_MEETINGS, Capability.DIRECT_CASES):
        for assignment in user.assignments_with(capability):
            ids.add(assignment.region_id or assignment.municipality.region_id)
    return sorted(ids)


def chairs_in(region_ids) -> forms.models.QuerySet:
    """Active chairs and coordinators working in these regions (the service checks the scope)."""
    return (
        User.objects.filter(is_active=True, role_assignments__role__in=[Role.CHAIR, Role.COORDINATOR])
        .filter(
            Q(role_assignments__region_id__in=region_ids) | Q(role_assignments__municipality__region_id__in=region_ids)
        )
        .distinct()
        .order_by("full_name")
    )


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.organisation.name})" if obj.organisation_id else obj.full_name


class MeetingForm(UtrechtForm):
    scope = forms.ChoiceField(
        label=_("Gemeente of regio"), help_text=_("Alleen gemeenten en regio's waar u overleggen mag plannen.")
    )
    starts_at = _datetime_field(_("Begint om"), help_text=_("Datum en tijd, bijvoorbeeld 2026-12-01 10:00."))
    ends_at = _datetime_field(_("Eindigt om"), required=False, help_text=_("Mag leeg blijven."))
    location = forms.CharField(
        label=_("Plaats"),
        required=False,
        max_length=LOCATION_MAX_LENGTH,
        validators=[validate_plain_text],
        help_text=_("Een plaats of een online link, of allebei."),
    )
    online_link = forms.CharField(
        label=_("Online link"),
        required=False,
        max_length=ONLINE_LINK_MAX_LENGTH,
        help_text=_("Een volledige https-link."),
    )
    chair = ChairChoiceField(
        label=_("Voorzitter"), queryset=User.objects.none(), required=False, empty_label=_("Ikzelf")
    )

    def __init__(self, *args, user: User, meeting: Meeting | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting is not None:
            del self.fields["scope"]
            region_ids = [_region_of(meeting)]
            self.fields["chair"].empty_label = None
            self.fields["chair"].required = True
        else:
            self.fields["scope"].choices = [("", _("Kies een gemeente of regio")), *scopes_for(user)]
            region_ids = run_regions(user)
        self.fields["chair"].queryset = chairs_in(region_ids).select_related("organisation")

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        return {
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "location": meeting.location,
            "online_link": meeting.online_link,
            "chair": meeting.chair_id,
        }

    def scope_kwargs(self) -> dict:
        kind, _sep, pk = self.cleaned_data["scope"].partition("-")
        if kind == "regio":
            return {"region": Region.objects.get(pk=int(pk))}
        return {"municipality": Municipality.objects.get(pk=int(pk))}

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("starts_at", "ends_at", "location", "online_link")}
        if data.get("chair") is not None:
            fields["chair"] = data["chair"]
        return fields


class InviteForm(UtrechtForm):
    organisation = OrganisationChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie")
    )
    person = ContactChoiceField(
        label=_("Persoon"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("De hele organisatie"),
        help_text=_("Leeg: iedereen van de organisatie die aan casussen werkt, mag aansluiten."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(is_active=True, region_id=_region_of(meeting)).order_by("name")
        self.fields["organisation"].queryset = organisations
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, organisation__in=organisations)
            .select_related("organisation")
            .order_by("organisation__name", "full_name")
        )

    def clean(self):
        cleaned = super().clean()
        organisation, person = cleaned.get("organisation"), cleaned.get("person")
        if organisation is not None and person is not None and person.organisation_id != organisation.pk:
            self.add_error("person", _("Kies een medewerker van deze organisatie."))
        return cleaned


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Case) -> str:
        return str(
            _("Casus %(number)s · %(municipality)s · %(phase)s")
            % {"number": obj.pk, "municipality": obj.municipality.name, "phase": obj.get_phase_display()}
        )


class AgendaItemForm(UtrechtForm):
    case = CaseChoiceField(label=_("Casus"), queryset=Case.objects.none(), empty_label=_("Kies een casus"))
    kind = forms.ChoiceField(label=_("Soort bespreking"), choices=AgendaItemKind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, user: User, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cases = Case.objects.visible_to(user).open()
        if not policy.is_meeting_chair(user, meeting):
            cases = cases.filter(policy.directed_case_q(user))
        if meeting.municipality_id is not None:
            cases = cases.filter(municipality_id=meeting.municipality_id)
        else:
            cases = cases.filter(municipality__region_id=meeting.region_id)
        self.fields["case"].queryset = cases.exclude(agenda_items__meeting=meeting).select_related("municipality")


class MinutesForm(UtrechtForm):
    text = _text(_("Verslag"), MINUTES_MAX_LENGTH, rows=12)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class DecisionForm(UtrechtForm):
    text = _text(_("Besluit"), DECISION_MAX_LENGTH, rows=4)


class ActionForm(UtrechtForm):
    description = _text(_("Actie"), ACTION_MAX_LENGTH, rows=4)
    owner_organisation = OrganisationChoiceField(
        label=_("Organisatie die de actie uitvoert"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )
    owner_person = ContactChoiceField(
        label=_("Persoon"), queryset=User.objects.none(), required=False, empty_label=_("Geen vaste persoon")
    )
    due_date = forms.DateField(
        label=_("Uiterlijk klaar op"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = (
            Organisation.objects.filter(is_active=True)
            .filter(Q(case_memberships__case_id=item.case_id) | Q(meeting_invitations__meeting_id=item.meeting_id))
            .distinct()
            .order_by("name")
        )
        self.fields["owner_organisation"].queryset = organisations
        self.fields["owner_person"].queryset = (
            User.objects.filter(is_active=True, organisation__in=organisations)
            .select_related("organisation")
            .order_by("organisation__name", "full_name")
        )

    def clean(self):
        cleaned = super().clean()
        organisation, person = cleaned.get("owner_organisation"), cleaned.get("owner_person")
        if organisation is not None and person is not None and person.organisation_id != organisation.pk:
            self.add_error("owner_person", _("Kies een medewerker van deze organisatie."))
        return cleaned


class MeetingStatusForm(UtrechtForm):
    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    reason = _text(_("Reden"), REASON_MAX_LENGTH, required=False, rows=3, help_text=_("Nodig bij annuleren."))

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = MEETING_TRANSITIONS[MeetingStatus(meeting.status)]
        self.fields["status"].choices = [(s.value, s.label) for s in MeetingStatus if s in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == MeetingStatus.CANCELLED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden voor het annuleren."))
        return cleaned


class CancelActionForm(UtrechtForm):
    reason = _text(_("Reden"), REASON_MAX_LENGTH, rows=3)


class DisclosureForm(UtrechtForm):
    organisation = OrganisationChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie")
    )
    category = forms.ModelChoiceField(
        label=_("Categorie"), queryset=policy.disclosable_categories(), empty_label=_("Kies een categorie")
    )
    reason = _text(_("Reden"), REASON_MAX_LENGTH, rows=3, help_text=_("Waarom deze organisatie dit nodig heeft."))

    def __init__(self, *args, item, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(is_active=True, meeting_invitations__meeting_id=item.meeting_id)
            .distinct()
            .order_by("name")
        )
        self.fields["category"].queryset = policy.disclosable_categories().order_by("position", "pk")
