"""Who a signal, subject or related person is about, defined once.

`PersonIdentity` is the abstract set of identity fields that Signal, Subject and RelatedPerson
share, so a matcher (exact today, privacy-preserving and fuzzy later) reads and indexes the
same fields everywhere. `Identity` is the same set as a value passed to services and matchers.
All fields are optional: a reporter writes what they know.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.models import Municipality
from samenspel.core.validators import validate_plain_text

MAX_ESTIMATED_AGE = 120


class Gender(models.TextChoices):
    FEMALE = "female", _("Vrouw")
    MALE = "male", _("Man")
    OTHER = "other", _("Anders")


class PersonIdentity(models.Model):
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True, validators=[validate_plain_text])
    family_name = models.CharField(_("achternaam"), max_length=200, blank=True, validators=[validate_plain_text])
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(
        _("geschatte leeftijd"), null=True, blank=True, validators=[MaxValueValidator(MAX_ESTIMATED_AGE)]
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True, validators=[validate_plain_text])
    residence_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("woongemeente"),
    )
    school = models.CharField(_("school"), max_length=200, blank=True, validators=[validate_plain_text])
    # The normalised full name the matcher compares (see normalise_name); set with the
    # identity by Identity.apply_to, never typed.
    name_key = models.CharField(max_length=401, blank=True, editable=False)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["name_key", "date_of_birth"], name="%(app_label)s_%(class)s_match")]

    @property
    def identity(self) -> Identity:
        return Identity.of(self)


def normalise_name(value: str) -> str:
    """Case, accents, punctuation and spacing removed: "Ĳsbrand van 't Hoff" and
    "ijsbrand van t hoff" give the same key; other scripts are kept ("محمد")."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", without_marks.casefold()))


@dataclass(frozen=True)
class Identity:
    given_names: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    estimated_age: int | None = None
    gender: str = ""
    address: str = ""
    residence_municipality: Municipality | None = None
    school: str = ""

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, person: PersonIdentity) -> Identity:
        return cls(**{name: getattr(person, name) for name in cls.field_names()})

    @classmethod
    def coerce(cls, value: Identity | Mapping[str, Any] | None) -> Identity:
        """An Identity from an Identity, a mapping of its fields (e.g. a form's or
        serializer's cleaned data) or None. Unknown keys are a programming error."""
        if value is None:
            return cls()
        if isinstance(value, Identity):
            identity = value
        else:
            unknown = set(value) - set(cls.field_names())
            if unknown:
                raise TypeError(f"Unknown identity fields: {', '.join(sorted(unknown))}")
            identity = cls(**{key: ("" if val is None and key in _TEXT_FIELDS else val) for key, val in value.items()})
        # Outer whitespace is dropped, as forms do; everything inside is kept as typed.
        return replace(identity, **{name: (getattr(identity, name) or "").strip() for name in _TEXT_FIELDS})

    @property
    def name_key(self) -> str:
        return normalise_name(f"{self.given_names} {self.family_name}")

    def is_empty(self) -> bool:
        return all(getattr(self, name) in ("", None) for name in self.field_names())

    def has_name(self) -> bool:
        return bool(self.given_names or self.family_name)

    def apply_to(self, person: PersonIdentity) -> None:
        for name in self.field_names():
            setattr(person, name, getattr(self, name))
        person.name_key = self.name_key


_TEXT_FIELDS = ("given_names", "family_name", "gender", "address", "school")
