"""Helpers shared by the services of cases and intake: collecting field errors, checking
identities and categories, and the audit purposes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.cases.identity import Identity

PURPOSE_INTAKE = "intake"
PURPOSE_TRIAGE = "triage"
PURPOSE_CASE_WORK = "case_work"

EARLIEST_DATE_OF_BIRTH = datetime.date(1900, 1, 1)


class Errors:
    """Field errors gathered from several checks, raised together so a form shows them all."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(str(message))

    def has(self, field: str) -> bool:
        return field in self.by_field

    def clean(self, instance: models.Model, *, exclude: Iterable[str] = (), prefix: str = "") -> None:
        """Run the model's own validation (field validators, choices, lengths) and collect."""
        try:
            instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add(f"{prefix}{field}", message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def not_in_future(errors: Errors, field: str, value: Any, message: str) -> None:
    if isinstance(value, datetime.date) and not errors.has(field) and value > timezone.localdate():
        errors.add(field, message)


def check_identity(errors: Errors, identity: Identity, *, prefix: str = "") -> None:
    """Checks the model cannot make: dates of birth must be plausible."""
    field = f"{prefix}date_of_birth"
    value = identity.date_of_birth
    if value is not None and not isinstance(value, datetime.date):
        return  # the model's own validation reports the wrong type
    not_in_future(errors, field, value, _("Een geboortedatum kan niet in de toekomst liggen."))
    if value is not None and value < EARLIEST_DATE_OF_BIRTH:
        errors.add(field, _("Controleer deze geboortedatum."))


def instances(model: type[models.Model], values: Iterable[Any] | None, **conditions: Any) -> tuple[list, bool]:
    """Instances of the model from instances or primary keys, and whether all were found
    (and meet the conditions)."""
    keys = []
    for value in values or ():
        key = value.pk if isinstance(value, model) else value
        if isinstance(key, bool) or not isinstance(key, int | str):
            return [], False
        keys.append(key)
    try:
        found = list(model._default_manager.filter(pk__in=set(keys), **conditions))
    except (ValueError, TypeError, ValidationError):
        return [], False
    return found, len(found) == len(set(keys))


def names(objects: Iterable[Any]) -> str:
    return ", ".join(str(obj) for obj in objects)


def parse_id(pk: object) -> int:
    """Ids from URLs and JSON: anything but a positive bigint matches nothing (0)."""
    try:
        value = int(str(pk))
    except ValueError:
        return 0
    return value if 0 < value < 2**63 else 0
