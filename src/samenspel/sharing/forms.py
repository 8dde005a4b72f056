"""Forms of the agreement pages: the matrix as one form of checkboxes, and a new entry of a
managed list. The services in sharing.services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import OrganisationType
from samenspel.core.forms import UtrechtForm
from samenspel.core.validators import validate_plain_text
from samenspel.sharing.models import InformationCategory, SharingRule


def cell_name(organisation_type: str, category_pk: int, what: str) -> str:
    return f"{organisation_type}-{category_pk}-{what}"


class MatrixForm(UtrechtForm):
    """One checkbox per organisation type, per category, for providing and for receiving."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(InformationCategory.objects.order_by("position", "name"))
        self.types = list(OrganisationType.choices)
        self.current = {
            (rule.organisation_type, rule.category_id): (rule.may_provide, rule.may_receive)
            for rule in SharingRule.objects.all()
        }
        for type_value, type_label in self.types:
            for category in self.categories:
                provide, receive = self.current.get((type_value, category.pk), (False, False))
                for what, value, verb in (("provide", provide, _("verstrekken")), ("receive", receive, _("ontvangen"))):
                    self.fields[cell_name(type_value, category.pk, what)] = forms.BooleanField(
                        required=False,
                        initial=value,
                        label=f"{type_label}: {category.name} {verb}",
                    )

    def rows(self):
        """For the template: per organisation type, per category, the two checkboxes."""
        for type_value, type_label in self.types:
            cells = [
                (
                    category,
                    self[cell_name(type_value, category.pk, "provide")],
                    self[cell_name(type_value, category.pk, "receive")],
                )
                for category in self.categories
            ]
            yield type_label, cells

    def changes(self) -> list[tuple[str, InformationCategory, bool, bool]]:
        """The cells whose value differs from the stored matrix."""
        changed = []
        for type_value, _label in self.types:
            for category in self.categories:
                provide = self.cleaned_data[cell_name(type_value, category.pk, "provide")]
                receive = self.cleaned_data[cell_name(type_value, category.pk, "receive")]
                if (provide, receive) != self.current.get((type_value, category.pk), (False, False)):
                    changed.append((type_value, category, provide, receive))
        return changed


class CatalogueEntryForm(UtrechtForm):
    name = forms.CharField(label=_("Naam"), max_length=120, validators=[validate_plain_text])
    code = forms.SlugField(
        label=_("Code"),
        max_length=64,
        help_text=_("Vaste, korte code in kleine letters, cijfers en streepjes, bijvoorbeeld huisvesting."),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, max_length=500, validators=[validate_plain_text]
    )
