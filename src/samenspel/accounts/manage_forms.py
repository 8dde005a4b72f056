"""Forms of the application manager's UI (/beheer/). They offer only choices within the
manager's own scope and check what can be checked before the service runs; the services in
accounts.services remain the one write path and check everything again."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality, Organisation, OrganisationType, Region, RoleAssignment, User
from samenspel.accounts.roles import Capability, Role
from samenspel.core.forms import UtrechtForm, UtrechtFormMixin

# Scope ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManagerScope:
    """Where an application manager may act: whole regions and single municipalities."""

    region_ids: frozenset[int]
    municipality_ids: frozenset[int]

    @classmethod
    def of(cls, user: User) -> ManagerScope:
        assignments = user.assignments_with(Capability.MANAGE_ACCOUNTS)
        return cls(
            region_ids=frozenset(a.region_id for a in assignments if a.region_id is not None),
            municipality_ids=frozenset(a.municipality_id for a in assignments if a.municipality_id is not None),
        )

    def regions(self):
        """Regions in which the manager may place an organisation."""
        return Region.objects.filter(
            Q(pk__in=self.region_ids) | Q(municipalities__pk__in=self.municipality_ids)
        ).distinct()

    def municipalities(self):
        return Municipality.objects.filter(
            Q(region_id__in=self.region_ids) | Q(pk__in=self.municipality_ids)
        ).select_related("region")

    def covers(self, region_id: int | None, municipality_id: int | None) -> bool:
        """Whether an organisation (or a role) with this region and municipality is within scope."""
        if region_id is not None and region_id in self.region_ids:
            return True
        return municipality_id is not None and municipality_id in self.municipality_ids


# Organisations --------------------------------------------------------------------------


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.region.name})"


class OrganisationForm(UtrechtForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    type = forms.ChoiceField(label=_("Soort organisatie"))
    region = forms.ModelChoiceField(label=_("Regio"), queryset=Region.objects.none(), empty_label=_("Kies een regio"))
    municipality = MunicipalityChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Geen: regionale organisatie"),
        help_text=_(
            "Laat leeg voor een organisatie die voor de hele regio werkt, zoals de politie of het "
            "Zorg- en Veiligheidshuis."
        ),
    )
    is_active = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        help_text=_("Nieuwe gebruikers kunt u alleen aan een actieve organisatie koppelen."),
    )

    def __init__(self, *args, actor: User, instance: Organisation | None = None, **kwargs) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": instance.name,
                    "type": instance.type,
                    "region": instance.region_id,
                    "municipality": instance.municipality_id,
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.scope = ManagerScope.of(actor)
        self.fields["type"].choices = [("", _("Kies een soort")), *OrganisationType.choices]
        self.fields["region"].queryset = self.scope.regions()
        self.fields["municipality"].queryset = self.scope.municipalities()
        self.fields["name"].error_messages["required"] = _("Vul de naam van de organisatie in.")
        self.fields["type"].error_messages["required"] = _("Kies de soort organisatie.")
        self.fields["region"].error_messages["required"] = _("Kies een regio.")
        if instance is None:
            # A new organisation starts active; switching it off is an edit.
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        region, municipality, name = data.get("region"), data.get("municipality"), data.get("name")
        if region is not None and municipality is not None and municipality.region_id != region.pk:
            self.add_error("municipality", _("Deze gemeente hoort niet bij de gekozen regio."))
            return data
        if region is not None and not self.scope.covers(region.pk, municipality.pk if municipality else None):
            self.add_error(
                "municipality",
                _("U beheert in deze regio alleen organisaties van uw eigen gemeente. Kies die gemeente."),
            )
            return data
        if region is not None and name:
            duplicates = Organisation.objects.filter(region=region, name=name)
            if self.instance is not None:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error("name", _("Er is in deze regio al een organisatie met deze naam."))
        return data

    def service_data(self) -> dict:
        data = {key: self.cleaned_data[key] for key in ("name", "type", "region", "municipality")}
        if "is_active" in self.fields:
            data["is_active"] = self.cleaned_data["is_active"]
        return data


# Users ----------------------------------------------------------------------------------


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        place = obj.municipality.name if obj.municipality_id else obj.region.name
        return f"{obj.name} ({place})"


class UserForm(UtrechtForm):
    full_name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het werkadres. De gebruiker logt hiermee in."),
    )
    organisation = OrganisationChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie")
    )

    def __init__(self, *args, actor: User, instance: User | None = None, **kwargs) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {"full_name": instance.full_name, "email": instance.email, "organisation": instance.organisation_id},
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        organisations = Organisation.objects.manageable_by(actor).select_related("municipality", "region")
        # New users only join active organisations; a user keeps an organisation that was
        # deactivated later.
        condition = Q(is_active=True)
        if instance is not None and instance.organisation_id:
            condition |= Q(pk=instance.organisation_id)
        self.fields["organisation"].queryset = organisations.filter(condition)
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["full_name"].widget.attrs["autocomplete"] = "off"
        self.fields["full_name"].error_messages["required"] = _("Vul de naam in.")
        self.fields["email"].error_messages["required"] = _("Vul het e-mailadres in.")
        self.fields["organisation"].error_messages["required"] = _("Kies een organisatie.")

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email

    def service_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("full_name", "email", "organisation")}


# Roles ----------------------------------------------------------------------------------


def scope_value(assignment: RoleAssignment) -> str:
    if assignment.region_id is not None:
        return f"regio-{assignment.region_id}"
    return f"gemeente-{assignment.municipality_id}"


def scope_choices(scope: ManagerScope) -> list:
    regions = [(f"regio-{r.pk}", r.name) for r in Region.objects.filter(pk__in=scope.region_ids)]
    municipalities = [(f"gemeente-{m.pk}", m.name) for m in scope.municipalities()]
    choices: list = [("", _("Kies een werkgebied"))]
    if regions:
        choices.append((_("Hele regio"), regions))
    if municipalities:
        choices.append((_("Gemeente"), municipalities))
    return choices


class RoleForm(UtrechtFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rol"), error_messages={"required": _("Kies een rol.")})
    scope = forms.ChoiceField(label=_("Werkgebied"), error_messages={"required": _("Kies een werkgebied.")})

    def __init__(self, *args, scope: ManagerScope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Kies een rol")), *Role.choices]
        self.fields["scope"].choices = scope_choices(scope)
        self.fields["scope"].error_messages["invalid_choice"] = _("Kies een werkgebied uit de lijst.")
        self.fields["role"].error_messages["invalid_choice"] = _("Kies een rol uit de lijst.")

    def assignment(self) -> RoleAssignment:
        kind, _sep, pk = self.cleaned_data["scope"].partition("-")
        if kind == "regio":
            return RoleAssignment(role=self.cleaned_data["role"], region_id=int(pk))
        return RoleAssignment(role=self.cleaned_data["role"], municipality_id=int(pk))


class BaseRoleFormSet(forms.BaseFormSet):
    def __init__(self, *args, scope: ManagerScope, **kwargs) -> None:
        self.scope = scope
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "scope": self.scope}

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Deze rol verwijderen")
            form.fields["DELETE"].template_name = "core/forms/field.html"
            form.fields["DELETE"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() and form.empty_permitted:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            key = (form.cleaned_data.get("role"), form.cleaned_data.get("scope"))
            if key in seen:
                raise forms.ValidationError(_("Dezelfde rol staat er twee keer in, met hetzelfde werkgebied."))
            seen.add(key)

    def assignments(self) -> list[RoleAssignment]:
        """The roles the rows ask for (unsaved), without deleted and untouched empty rows."""
        result = []
        for form in self.forms:
            if not form.has_changed() and form.empty_permitted:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            result.append(form.assignment())
        return result


RoleFormSet = forms.formset_factory(
    RoleForm, formset=BaseRoleFormSet, extra=2, can_delete=True, can_delete_extra=False, max_num=30, absolute_max=30
)


def split_roles(user: User, scope: ManagerScope) -> tuple[list[RoleAssignment], list[RoleAssignment]]:
    """The user's roles the manager may change, and those outside the manager's scope (shown,
    kept as they are)."""
    inside, outside = [], []
    for assignment in user.role_assignments.select_related("municipality", "region"):
        in_scope = scope.covers(assignment.region_id, assignment.municipality_id) or (
            assignment.municipality_id is not None and assignment.municipality.region_id in scope.region_ids
        )
        (inside if in_scope else outside).append(assignment)
    return inside, outside


def role_formset(data, *, scope: ManagerScope, roles: list[RoleAssignment] | None = None) -> BaseRoleFormSet:
    initial = [{"role": a.role, "scope": scope_value(a)} for a in roles or []]
    return RoleFormSet(data, initial=initial, prefix="rollen", scope=scope)
