"""The settings of signals: parsed strictly at start-up, like every other variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def load(**variables: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "samenspel.settings.test",
        **variables,
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SAMENSPEL_TRIAGE_NORM_WORKING_DAYS, settings.SAMENSPEL_ATTACHMENT_MAX_MB)"
    )
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False)


def test_defaults_and_overrides():
    assert load().stdout.split() == ["5", "10"]
    assert load(SAMENSPEL_TRIAGE_NORM_WORKING_DAYS="3", SAMENSPEL_ATTACHMENT_MAX_MB="25").stdout.split() == ["3", "25"]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SAMENSPEL_TRIAGE_NORM_WORKING_DAYS": "vijf"}, "SAMENSPEL_TRIAGE_NORM_WORKING_DAYS must be a whole number"),
        ({"SAMENSPEL_TRIAGE_NORM_WORKING_DAYS": "0"}, "SAMENSPEL_TRIAGE_NORM_WORKING_DAYS must be at least 1"),
        ({"SAMENSPEL_ATTACHMENT_MAX_MB": "10MB"}, "SAMENSPEL_ATTACHMENT_MAX_MB must be a whole number"),
    ],
)
def test_bad_values_stop_start_up(variables, message):
    result = load(**variables)
    assert result.returncode != 0
    assert message in result.stderr
