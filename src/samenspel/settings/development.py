"""Local development and demo: SQLite in ./var/, a fixed throw-away secret, DEBUG on."""

import os

os.environ.setdefault("SECRET_KEY", "development-only-not-secret")

from samenspel.settings.base import *  # noqa: F403
from samenspel.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
