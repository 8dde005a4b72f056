"""Input rules shared by the API serializers and the token form."""

from __future__ import annotations

from samenspel.core.validators import validate_plain_text  # noqa: F401 - re-exported
