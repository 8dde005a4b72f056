"""Input rules shared by models, forms and the API, so the UI and the API refuse the same."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Angle brackets (markup) and control characters (NUL, escape sequences, line breaks) have no
# place in a name. Everything else, apostrophes, hyphens, any script (Arabic, Cyrillic, the
# Dutch Ĳ), is kept exactly as typed.
_FORBIDDEN = re.compile(r"[<>\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_plain_text(value: str) -> None:
    if _FORBIDDEN.search(value or ""):
        raise ValidationError(
            _("Gebruik geen punthaken (< of >) en geen stuurtekens zoals regeleinden."), code="plain_text"
        )
