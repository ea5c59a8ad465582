"""careloop settings, read from environment variables (12-factor).

Every setting a deployment may change is an environment variable; nothing secret is committed.
See docs/ARCHITECTURE.md for the list and README.md for the defaults.
"""

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any, overload

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


@overload
def env(name: str, default: str) -> str: ...
@overload
def env(name: str, default: None = None) -> str | None: ...
def env(name: str, default: str | None = None) -> str | None:
    """The variable's value; the default when it is unset or empty."""
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


# --- Data directory: database, secret key, uploads, models ------------------------------------
DATA_DIR = Path(env("CARELOOP_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"  # never served directly: files go through permission-checked views
MODELS_DIR = DATA_DIR / "models"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else generated once and kept in the data directory."""
    if key := env("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
# Production mode serves over HTTPS: secure cookies and HSTS. `careloop demo` serves plain
# HTTP on 127.0.0.1 and turns it off for itself.
HTTPS = env_bool("CARELOOP_HTTPS", not DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- The council -------------------------------------------------------------------------------
COUNCIL_NAME = env("CARELOOP_COUNCIL_NAME", "Northshire County Council")
# Published performance figures (Oflog) for the demo and benchmarks, when the machine has them.
PERFORMANCE_DATA = Path(
    env(
        "CARELOOP_PERFORMANCE_DATA", str(BASE_DIR.parent.parent / "shared" / "data" / "performance")
    )
)
COUNCIL_LOGO = env("CARELOOP_COUNCIL_LOGO", "careloop/images/northshire-logo.svg")
COUNCIL_WEBSITE = env("CARELOOP_COUNCIL_WEBSITE", "https://www.northshire.example")
SERVICE_NAME = "careloop"
PHASE = env("CARELOOP_PHASE", "Beta")
SUPPORT_EMAIL = env("CARELOOP_SUPPORT_EMAIL", "careloop-support@northshire.example")

# --- Applications ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "careloop.core",  # first, so that its templates (sign-in, password) override the admin's
    "careloop.feedback",
    "careloop.assurance",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "mozilla_django_oidc",
    "careloop.learning",
    "careloop.workforce",
    "careloop.innovation",
    "careloop.performance",
    "careloop.privacy",
    "careloop.coproduction",
    "careloop.themes",
    "careloop.demo",  # the Northshire demo council: `careloop demo`, and the benchmarks' world
    "django.forms",  # after the apps, so careloop's GOV.UK form templates take precedence
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careloop.core.middleware.NoStoreWhenSignedInMiddleware",
    "careloop.core.middleware.HtmxLoginRedirectMiddleware",
    "careloop.core.middleware.RejectNulMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "careloop.core.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careloop.urls"
WSGI_APPLICATION = "careloop.wsgi.application"
ASGI_APPLICATION = "careloop.asgi.application"

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
                "careloop.core.context_processors.careloop",
            ],
            "builtins": [
                "django.templatetags.static",
                "careloop.core.templatetags.govuk",
                "careloop.core.templatetags.submission",
            ],
        },
    }
]
# Forms render GOV.UK Frontend markup from careloop/core/templates/django/forms/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database ----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'careloop.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # One test database per checkout, so that several checkouts can test side by side.
    _checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {"NAME": f"test_careloop_{_checkout}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a period without activity (default one hour), and when the browser closes.
SESSION_COOKIE_AGE = int(env("CARELOOP_SESSION_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed sign-ins (django-axes): per account and address.
AXES_FAILURE_LIMIT = int(env("CARELOOP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("CARELOOP_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Counted case-blind and trimmed, as sign-in matches the address (issue 20).
AXES_USERNAME_CALLABLE = "careloop.core.signals.lockout_username"
AXES_VERBOSE = False  # axes would otherwise log the username tried: personal data
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Optional single sign-on with OpenID Connect (Microsoft Entra ID), switched on by settings.
OIDC_ENABLED = bool(env("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    _tenant = env("OIDC_ENTRA_TENANT_ID")
    _base = f"https://login.microsoftonline.com/{_tenant}" if _tenant else None
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_OP_AUTHORIZATION_ENDPOINT = env(
        "OIDC_OP_AUTHORIZATION_ENDPOINT", _base and f"{_base}/oauth2/v2.0/authorize"
    )
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", _base and f"{_base}/oauth2/v2.0/token")
    OIDC_OP_USER_ENDPOINT = env(
        "OIDC_OP_USER_ENDPOINT", "https://graph.microsoft.com/oidc/userinfo"
    )
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", _base and f"{_base}/discovery/v2.0/keys")
    OIDC_OP_LOGOUT_URL = env("OIDC_OP_LOGOUT_URL", _base and f"{_base}/oauth2/v2.0/logout")
    # Only people the council has already given an account may sign in: no self-provisioning.
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
    OIDC_DEFAULT_ROLE = env("OIDC_DEFAULT_ROLE", "viewer")
    OIDC_ROLE_GROUPS = {  # Entra group object id -> careloop role
        group: role for item in env_list("OIDC_ROLE_GROUPS") for group, role in [item.split("=", 1)]
    }
    AUTHENTICATION_BACKENDS.insert(1, "careloop.core.oidc.CareloopOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"

# --- Security headers --------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("CARELOOP_SSL_REDIRECT", False)
CARELOOP_BEHIND_PROXY = env_bool("CARELOOP_BEHIND_PROXY", False)
if CARELOOP_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of careloop append to X-Forwarded-For (load balancer, CDN, ...).
# Behind a proxy, a visitor's address is the one that many entries from the right of the chain
# (REMOTE_ADDR being the nearest proxy): what a client writes further left is not trusted.
try:
    CARELOOP_TRUSTED_PROXIES = int(env("CARELOOP_TRUSTED_PROXIES", "1"))
except ValueError as error:
    raise ImproperlyConfigured("CARELOOP_TRUSTED_PROXIES must be a whole number") from error
if CARELOOP_TRUSTED_PROXIES < 1:
    raise ImproperlyConfigured("CARELOOP_TRUSTED_PROXIES must be 1 or more")
# The nearest proxy's address, when careloop can be reached other than through it ("*": any).
CARELOOP_PROXY_ADDRESS = env("CARELOOP_PROXY_ADDRESS", "*")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF] + (["https://login.microsoftonline.com"] if OIDC_ENABLED else []),
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the app folders when not collected
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
CARELOOP_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# --- Email -------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "careloop <careloop@northshire.example>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# --- Background tasks (Django's Tasks API backport; database backend, own worker) --------------
TASKS: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": env("CARELOOP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}

# A running job's lease (core.jobs): renewed every third of it; a job whose lease ran out lost
# its worker and is retried or failed.
CARELOOP_JOB_LEASE_SECONDS = float(env("CARELOOP_JOB_LEASE_SECONDS", "60"))

# --- API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "careloop.core.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["careloop.core.permissions.RolePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "careloop.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/hour", "user": "5000/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "careloop API",
    "DESCRIPTION": "The careloop REST API: the same use cases and permissions as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["careloop.core.permissions.RolePermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "careloop.core.api.document_refusals",
    ],
}

# --- Internationalisation: England --------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"

# --- Logging: no personal data -----------------------------------------------------------------
# Application logs carry record ids and event names only. Sign-in names, email addresses and
# free text never go to the log; the audit trail (in the database) records who did what.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("CARELOOP_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "mozilla_django_oidc": {"level": "WARNING"},
        # WeasyPrint and its font subsetter narrate every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- careloop behaviour ------------------------------------------------------------------------
# Working days: England and Wales bank holidays, plus any local closure days (ISO dates).
CARELOOP_EXTRA_CLOSURE_DAYS = env_list("CARELOOP_EXTRA_CLOSURE_DAYS")
