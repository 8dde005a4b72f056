"""Configuration is parsed strictly: a bad value stops start-up with a message naming the
variable, and production settings refuse demo mode and weak secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from samenspel.settings import env

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (env.env_bool, "true", True),
        (env.env_bool, "Off", False),
        (env.env_int, " 42 ", 42),
        (env.env_list, "a.nl, b.nl", ["a.nl", "b.nl"]),
    ],
)
def test_valid_values_parse(monkeypatch, function, value, expected):
    monkeypatch.setenv("SAMENSPEL_X", value)
    assert function("SAMENSPEL_X") == expected


@pytest.mark.parametrize(
    ("function", "value", "message"),
    [
        (env.env_bool, "maybe", "SAMENSPEL_X must be true or false"),
        (env.env_int, "ten", "SAMENSPEL_X must be a whole number"),
        (env.env_list, "a.nl,,b.nl", "SAMENSPEL_X must be a comma-separated list"),
    ],
)
def test_bad_values_name_the_variable(monkeypatch, function, value, message):
    monkeypatch.setenv("SAMENSPEL_X", value)
    with pytest.raises(ImproperlyConfigured, match=message):
        function("SAMENSPEL_X")


def test_minimum_is_enforced(monkeypatch):
    monkeypatch.setenv("SAMENSPEL_X", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_minutes("SAMENSPEL_X")


def test_missing_required_value_is_named(monkeypatch):
    monkeypatch.delenv("SAMENSPEL_X", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SAMENSPEL_X must be set"):
        env.env_str("SAMENSPEL_X")


def _load_production(**overrides: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "samenspel.settings.production",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "samenspel.example.nl",
        "DATABASE_URL": "postgres://samenspel@db.example.nl/samenspel",
        "SAMENSPEL_BASE_URL": "https://samenspel.example.nl",
        **overrides,
    }
    environment = {k: v for k, v in environment.items() if v != ""}
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_SECURE)"
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False)


def test_production_settings_load_with_secure_cookies():
    result = _load_production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SAMENSPEL_DEMO_MODE": "true"}, "SAMENSPEL_DEMO_MODE cannot be switched on under production settings"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters"),
        ({"DATABASE_URL": ""}, "DATABASE_URL must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({"SAMENSPEL_SESSION_IDLE_MINUTES": "half an hour"}, "SAMENSPEL_SESSION_IDLE_MINUTES must be a whole number"),
        ({"DATABASE_URL": "mysql://db/samenspel"}, "DATABASE_URL must point to PostgreSQL"),
        ({"DATABASE_URL": "sqlite:////tmp/samenspel.sqlite3"}, "must point to PostgreSQL (postgres://) in production"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
        ({"SAMENSPEL_BASE_URL": ""}, "SAMENSPEL_BASE_URL must be set"),
        ({"SAMENSPEL_BASE_URL": "http://samenspel.example.nl"}, "SAMENSPEL_BASE_URL must be an https:// address"),
        ({"SAMENSPEL_BASE_URL": "https://samenspel.example.nl/start"}, "must be the http(s) address"),
    ],
)
def test_production_refuses_bad_configuration(overrides, message):
    result = _load_production(**overrides)
    assert result.returncode != 0
    assert message in result.stderr


def test_every_environment_variable_is_documented():
    """Each variable the settings read (env_str("NAME", ...) and friends) has a row in
    docs/configuration.md, so operators can find every knob in one place."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    read = set()
    for module in (root / "src" / "samenspel" / "settings").glob("*.py"):
        read |= set(re.findall(r'env_[a-z]+\(\s*"([A-Z][A-Z0-9_]*)"', module.read_text()))
    documented = (root / "docs" / "configuration.md").read_text()
    assert len(read) > 20  # the pattern still finds the settings
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"not in docs/configuration.md: {missing}"
