"""Serializer fields with strict input rules and Dutch messages where DRF has none of its own
in Dutch (its `nl` catalogue misses a few)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from samenspel.api.validators import validate_plain_text


class _DutchSurrogateValidator(ProhibitSurrogateCharactersValidator):
    message = _("Deze tekst bevat een ongeldig teken (U+{code_point:X}).")


def _dutch_validators(validators: list) -> list:
    return [
        _DutchSurrogateValidator() if isinstance(v, ProhibitSurrogateCharactersValidator) else v for v in validators
    ]


class TextField(serializers.CharField):
    """Text typed by a person: kept exactly as typed (apart from surrounding spaces), any
    script, but no markup or control characters."""

    default_error_messages = {"invalid": _("Geef hier tekst op.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [*_dutch_validators(self.validators), validate_plain_text]

    def to_internal_value(self, data):
        if not isinstance(data, str):  # DRF would turn 12 or 1e999 into "12" or "inf"
            self.fail("invalid")
        return super().to_internal_value(data)


class EmailField(serializers.EmailField):
    default_error_messages = {"invalid": _("Voer een geldig e-mailadres in.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = _dutch_validators(self.validators)


class BooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": _("Geef true of false op.")}


LIST_MESSAGES = {
    "max_length": _("Geef er niet meer dan {max_length} op."),
    "min_length": _("Geef er minstens {min_length} op."),
}


@extend_schema_field(OpenApiTypes.INT64)
class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id: a JSON integer (or a string of digits), nothing else. Stops 1.5 from
    silently meaning 1 and out-of-range numbers from reaching the database."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not (
            isinstance(data, int) or (isinstance(data, str) and data.isascii() and data.isdigit())
        ):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < int(data) < 2**63:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(int(data))
