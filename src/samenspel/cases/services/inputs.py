"""Small input checks shared by the plan, review, closure and transfer services: typed values
from forms and JSON arrive as anything, and each problem becomes a Dutch message keyed by the
field (collected in an Errors)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from samenspel.cases.services.common import Errors


def text(errors: Errors, field: str, value: Any, *, required: bool = True) -> str:
    """The trimmed text, or "" with an error for a missing required text or a non-text value.
    Length and control characters are checked by the model's validators."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, _("Vul hier tekst in."))
        return ""
    value = value.strip()
    if required and not value:
        errors.add(field, _("Dit veld is verplicht."))
    return value


def date(errors: Errors, field: str, value: Any, *, required: bool = True) -> datetime.date | None:
    """A date (a datetime counts as its date; an ISO string is read), or None with an error."""
    if value is None or value == "":
        if required:
            errors.add(field, _("Vul een datum in."))
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    errors.add(field, _("Vul een geldige datum in."))
    return None


def choice(errors: Errors, field: str, value: Any, choices: type[models.TextChoices], *, required: bool = True) -> str:
    """One of the choices' values, or "" with an error."""
    if value in (None, "") and not required:
        return ""
    if not isinstance(value, str) or value not in choices.values:
        errors.add(field, _("Maak een keuze uit de lijst."))
        return ""
    return value


def instance(errors: Errors, field: str, value: Any, model: type[models.Model], message: str, *, required: bool = True):
    """A saved instance of the model, or None with the message."""
    if value is None and not required:
        return None
    if not isinstance(value, model) or value.pk is None:
        errors.add(field, message)
        return None
    return value


def clean(errors: Errors, instance: models.Model, exclude: list[str] | tuple[str, ...] = ()) -> None:
    """The model's own validation (lengths, control characters, choices) for the fields that
    have no error yet, so a field gets one message, not two."""
    errors.clean(instance, exclude=[*exclude, *errors.by_field])
