"""Input rules of the case conference. Free text (minutes, decisions, actions, reasons) follows
cases.validators: kept as typed, escaped on output, no control characters, bounded length."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

ONLINE_LINK_MAX_LENGTH = 500
REASON_MAX_LENGTH = 2_000
ACTION_MAX_LENGTH = 2_000

_https_only = URLValidator(schemes=["https"])


def validate_online_link(value: str) -> None:
    """A meeting link must be an https address: no javascript:, data:, http: or other schemes,
    no spaces or markup."""
    if not value:
        return
    if any(character in value for character in "<>\"' \t\r\n") or not value.lower().startswith("https://"):
        raise ValidationError(
            _("Geef een volledige https-link op, bijvoorbeeld https://overleg.example.nl/…"), code="https"
        )
    try:
        _https_only(value)
    except ValidationError as error:
        raise ValidationError(
            _("Geef een volledige https-link op, bijvoorbeeld https://overleg.example.nl/…"), code="https"
        ) from error
