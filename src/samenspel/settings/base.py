"""Settings shared by every environment. Everything configurable comes from the environment
through samenspel.settings.env; see docs/configuration.md for the full list."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samenspel.settings.env import env_bool, env_choice, env_int, env_list, env_minutes, env_str

SRC_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(env_str("SAMENSPEL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Demo mode: a banner on every page and no forced second factor. Refused in production.
DEMO_MODE = env_bool("SAMENSPEL_DEMO_MODE", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "samenspel.core",
    "samenspel.accounts",
    "samenspel.audit",
    "samenspel.api",
    "samenspel.sharing",
    "samenspel.intake",
    "samenspel.cases",
    "samenspel.meetings",
    "samenspel.notifications",
    "samenspel.restricted",
    "samenspel.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samenspel.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenspel.core.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samenspel.accounts.middleware.SessionPolicyMiddleware",
    "samenspel.core.middleware.SamenspelLoginRequiredMiddleware",
    "samenspel.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samenspel.audit.middleware.AuditDeniedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenspel.core.context_processors.samenspel",
                "samenspel.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite in ./var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    try:
        _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
    if _database["ENGINE"] not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://) or SQLite (sqlite://).")
else:
    _database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "samenspel.sqlite3")}
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers wait
    # instead of failing half-way with "database is locked".
    _database.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
else:
    # No JIT compilation: it pays off for long analytical queries, not for the short ones of
    # a page, where its compile time (measured up to 200 ms in bench/) lands on the user.
    _database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: stored in the database (shared by all app servers), expiring after inactivity
# (the cookie age, refreshed on every request) and absolutely after a fixed time since login.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = env_minutes("SAMENSPEL_SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_TIMEOUT = env_minutes("SAMENSPEL_SESSION_ABSOLUTE_MINUTES", 600)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "samenspel_session"
CSRF_COOKIE_NAME = "samenspel_csrftoken"

# Second factor: asked again for sensitive actions when older than this.
SAMENSPEL_STEP_UP_MAX_AGE = env_minutes("SAMENSPEL_STEP_UP_MINUTES", 15)
OTP_TOTP_ISSUER = env_str("SAMENSPEL_OTP_ISSUER", "Samenspel")

# Lockout after repeated failures, keyed on the e-mail address typed (whether or not the
# account exists) so the answer never reveals which accounts exist.
AXES_FAILURE_LIMIT = env_int("SAMENSPEL_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("SAMENSPEL_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes counts failures under a keyed hash of the typed address, never the address itself.
AXES_USERNAME_CALLABLE = "samenspel.accounts.views.login.lockout_key"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samenspel.accounts.views.login.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_IPWARE_PROXY_COUNT = env_int("SAMENSPEL_PROXY_COUNT", 0, minimum=0) or None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "samenspel" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [("vendor", BASE_DIR / "node_modules")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# Security headers. The CSP allows no inline script or style anywhere.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Signals and cases (issue 3). The first assessment of a signal is due this many working days
# (Monday to Friday; public holidays are not counted out) after it was received.
SAMENSPEL_TRIAGE_NORM_WORKING_DAYS = env_int("SAMENSPEL_TRIAGE_NORM_WORKING_DAYS", 5, minimum=1)
# Attachments to signals: stored outside any served directory, under random names, and only
# ever sent through the access-checked, audited download.
SAMENSPEL_ATTACHMENT_MAX_MB = env_int("SAMENSPEL_ATTACHMENT_MAX_MB", 10, minimum=1)
SAMENSPEL_ATTACHMENTS_DIR = VAR_DIR / "attachments"
# The public concern form for citizens: at most this many sends per source address per window.
SAMENSPEL_CITIZEN_CONCERN_LIMIT = env_int("SAMENSPEL_CITIZEN_CONCERN_LIMIT", 5, minimum=1)
SAMENSPEL_CITIZEN_CONCERN_WINDOW_SECONDS = env_int("SAMENSPEL_CITIZEN_CONCERN_WINDOW_SECONDS", 3600, minimum=60)
# Follow-up of cases (issue 4): returnee cases are reviewed at least every this many weeks;
# a new case's first review is due within the same period.
SAMENSPEL_RETURNEE_REVIEW_WEEKS = env_int("SAMENSPEL_RETURNEE_REVIEW_WEEKS", 6, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samenspel.api.authentication.HashedTokenAuthentication",
        "samenspel.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "samenspel.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "samenspel.api.problems.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samenspel API",
    "DESCRIPTION": "API van Samenspel, de ketenaanpak radicalisering.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI and Redoc from our own static files (no CDN; the CSP allows only 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Statuses and phases appear under several field names (status, from_status, to_status).
    "ENUM_NAME_OVERRIDES": {
        "SignalStatusEnum": "samenspel.intake.workflow.SignalStatus",
        "PhaseEnum": "samenspel.cases.workflow.Phase",
        "RestrictedDocumentKindEnum": "samenspel.restricted.models.DocumentKind",
        "AgendaItemKindEnum": "samenspel.meetings.models.AgendaItemKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samenspel.api.schema.add_problem_responses",
    ],
}


EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND",
    (
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ),
    "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samenspel@localhost")


def _base_url(name: str, value: str) -> str:
    """An absolute http(s) URL of the site's root, without path, query or fragment."""
    from urllib.parse import urlsplit

    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
    ):
        message = f"{name} must be the http(s) address of the site's root, like https://host, not {value!r}."
        raise ImproperlyConfigured(message)
    return f"{parts.scheme}://{parts.netloc}"


# Notification e-mails link to the start page at this address (issue: notifications).
SAMENSPEL_BASE_URL = _base_url("SAMENSPEL_BASE_URL", env_str("SAMENSPEL_BASE_URL", "http://127.0.0.1:8000"))

# Structured logs without personal data: only ids, actions and timings are logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

# Lockout is per e-mail address only: in municipal networks many people share one address
# behind NAT, and locking by IP would let one person lock out a whole office (ADR 0003).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
