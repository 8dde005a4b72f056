"""Input rules for the free text of signals and cases (observations, notes, reasons,
information items). Unlike names (core.validators.validate_plain_text), these texts keep line
breaks and keep markup exactly as typed: templates and the API escape on output. Control
characters other than tab and line breaks are refused."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Long enough for a detailed observation, short enough that nobody pastes a whole file.
TEXT_MAX_LENGTH = 10_000
SHORT_TEXT_MAX_LENGTH = 200

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_multiline_text(value: str) -> None:
    if _FORBIDDEN.search(value or ""):
        raise ValidationError(
            _("Gebruik geen onzichtbare stuurtekens in de tekst; regeleinden en tabs mogen wel."),
            code="control_characters",
        )


def text_validators(max_length: int = TEXT_MAX_LENGTH) -> list:
    """Validators for a TextField (Django does not enforce a TextField's max_length)."""
    return [MaxLengthValidator(max_length), validate_multiline_text]
