"""Production: every value from the environment, secure transport enforced, no demo mode."""

from django.core.exceptions import ImproperlyConfigured

from samenspel.settings.base import *  # noqa: F403
from samenspel.settings.base import DEMO_MODE, SECRET_KEY, _base_url
from samenspel.settings.env import env_bool, env_int, env_list, env_str

if DEMO_MODE:
    raise ImproperlyConfigured("SAMENSPEL_DEMO_MODE cannot be switched on under production settings.")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")
env_str("DATABASE_URL")  # required
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://) in production.")

# Notification e-mails link here: required, over https, so they never point to a local machine.
SAMENSPEL_BASE_URL = _base_url("SAMENSPEL_BASE_URL", env_str("SAMENSPEL_BASE_URL"))
if not SAMENSPEL_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("SAMENSPEL_BASE_URL must be an https:// address in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("SAMENSPEL_BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

_redis_url = env_str("REDIS_URL", "")
if _redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
