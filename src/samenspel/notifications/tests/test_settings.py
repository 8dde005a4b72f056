"""SAMENSPEL_BASE_URL: the site's root, or start-up stops."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from samenspel.settings.base import _base_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://samenspel.voorbeeldstad.nl", "https://samenspel.voorbeeldstad.nl"),
        ("https://samenspel.voorbeeldstad.nl/", "https://samenspel.voorbeeldstad.nl"),
        (" http://127.0.0.1:8000 ", "http://127.0.0.1:8000"),
    ],
)
def test_a_site_root_is_accepted(value, expected):
    assert _base_url("SAMENSPEL_BASE_URL", value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "samenspel.voorbeeldstad.nl",
        "ftp://samenspel.voorbeeldstad.nl",
        "https://samenspel.voorbeeldstad.nl/pad/",
        "https://samenspel.voorbeeldstad.nl/?x=1",
        "https://samenspel.voorbeeldstad.nl/#x",
        "https://gebruiker:geheim@samenspel.voorbeeldstad.nl",
        "https://samenspel.voorbeeldstad.nl:poort",
        "javascript:alert(1)",
    ],
)
def test_anything_else_stops_start_up(value):
    with pytest.raises(ImproperlyConfigured, match="SAMENSPEL_BASE_URL"):
        _base_url("SAMENSPEL_BASE_URL", value)
