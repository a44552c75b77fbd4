"""Django settings: one module, every knob from an environment variable.

The defaults are the embedded ones (SQLite and the search file under `var/`, inline jobs),
so `make run` works on a laptop with nothing installed. Production (DEBUG off) refuses to
start without `SECRET_KEY` and `ALLOWED_HOSTS`. README.md lists every variable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import django_stubs_ext
import environ
from cryptography.fernet import Fernet
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from config.env import (
    ConfigError,
    email_url_settings,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
)

# Lets admin and model classes be subscripted (ModelAdmin[User]) at run time, for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# A development key is only acceptable with DEBUG on; production must bring its own secrets.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY is required when DEBUG is off (set SECRET_KEY=...)")
    SECRET_KEY = _DEV_SECRET_KEY
# Rotation: the new key in SECRET_KEY, the old one here until sessions and links made with it
# have expired (docs/operations.md, rotating keys).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS and not DEBUG:
    raise ConfigError(
        "ALLOWED_HOSTS is required when DEBUG is off (e.g. ALLOWED_HOSTS=jobs.example)"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The web app comes before allauth: app template directories are searched in this order,
    # so backend/web/templates/ overrides allauth's pages (allauth/layouts, allauth/elements,
    # account/*.html) and mails (account/email/*) by having the same names, the way Django
    # documents overriding another app's templates (no extra TEMPLATES DIRS to keep in step).
    "backend.web",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
    "allauth.mfa",
    "allauth.headless",
    "django_dramatiq",
    "backend.core",
    "backend.accounts",
    "backend.notifications",
    "backend.taxonomy",
    "backend.seekers",
    "backend.employers",
    "backend.jobs",
    "backend.mentoring",
    "backend.fairs",
    "backend.training",
    "backend.matching",
    "backend.reports",
    "backend.demo",
    "workers",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff sessions: the second factor and the idle timeout (backend/accounts/staff_security.py).
    "backend.accounts.staff_security.StaffSessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Pages spend the API's throttle budgets (backend/core/throttling.py).
    "backend.web.middleware.PageThrottleMiddleware",
    # Personal data never lands in a browser's or a proxy's cache.
    "backend.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Django's form renderer with its simple widget templates written in Python (web/renderers.py).
FORM_RENDERER = "backend.web.renderers.WidgetRenderer"

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
                "django.template.context_processors.i18n",
                "backend.web.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# Embedded default: one SQLite file under var/. Production and tests: DATABASE_URL=postgres://…
_env = environ.Env()
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
if DATABASE_URL.split(":", 1)[0] not in _DATABASE_SCHEMES:
    raise ConfigError(
        f"DATABASE_URL is not a database URL this project runs on "
        f"(schemes: {', '.join(_DATABASE_SCHEMES)})"
    )
try:
    DATABASES = {"default": _env.db_url_config(DATABASE_URL)}
except (environ.ImproperlyConfigured, KeyError, ValueError) as error:
    raise ConfigError(f"DATABASE_URL is not a database URL: {error}") from None
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
# With kept connections, check one before its first use in a request or job (a SELECT 1), so
# a connection the server dropped (restart, pg_terminate_backend, idle timeout) is replaced
# instead of failing that request or job.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while a worker writes; a busy timeout instead of
    # "database is locked" errors when two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Cache (allauth's login rate limits live here: share it between processes) -------------
CACHE_URL = env_str("CACHE_URL", "locmemcache://")
try:
    CACHES = {"default": _env.cache_url_config(CACHE_URL)}
except (KeyError, ValueError) as error:
    raise ConfigError(
        f"CACHE_URL is not a cache URL ({error}); e.g. redis://127.0.0.1:6379/1"
    ) from None

# --- Accounts: django-allauth, email login, headless API at /_allauth/ ----------------------
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = env_choice(
    "ACCOUNT_EMAIL_VERIFICATION", "mandatory", ("mandatory", "optional", "none")
)
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "backend.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "backend.web.adapters.WebAccountAdapter"
SOCIALACCOUNT_ADAPTER = "backend.accounts.adapters.SocialAccountAdapter"
# Kakao/Naver signups always go through the signup form: it asks the role and the consents
# (service required, matching and marketing optional) as the email signup does, and records
# them. Auto signup would create the account with no consent recorded.
SOCIALACCOUNT_AUTO_SIGNUP = False
# Failed logins per account and per address; the admin login goes through allauth too
# (config/urls.py), so the same lockout covers it.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "5/5m/key,30/5m/ip"),
    "signup": "20/m/ip",
}
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[시흥 일자리 잇다] "
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app", "browser")
# Login goes to the role's dashboard (AccountAdapter.get_login_redirect_url); this is only
# the fallback of allauth's own code paths.
LOGIN_REDIRECT_URL = "/"

# Staff accounts: TOTP two-factor authentication (allauth.mfa), required unless DEBUG (the
# demo's staff login works without it), and an idle timeout of their sessions.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
STAFF_IDLE_TIMEOUT_SECONDS = env_int("STAFF_IDLE_TIMEOUT_SECONDS", 30 * 60, minimum=60)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "시흥 일자리 잇다"
MFA_ADAPTER = "backend.accounts.adapters.MFAAdapter"  # TOTP secrets encrypted at rest

# Kakao and Naver login: on when their client id and secret are set, off otherwise.
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {}
for _provider in ("kakao", "naver"):
    _client_id = env_str(f"{_provider.upper()}_CLIENT_ID", "")
    _secret = env_str(f"{_provider.upper()}_SECRET", "")
    if _client_id and _secret:
        SOCIALACCOUNT_PROVIDERS[_provider] = {
            "APPS": [{"client_id": _client_id, "secret": _secret}]
        }

# --- Search -------------------------------------------------------------------------------
SEARCH_BACKEND = env_choice("SEARCH_BACKEND", "embedded", ("embedded", "elasticsearch"))
SEARCH_EMBEDDED_PATH = Path(env_str("SEARCH_EMBEDDED_PATH", str(VAR_DIR / "search.sqlite3")))
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_TIMEOUT = env_float("ELASTICSEARCH_TIMEOUT", 2.0, minimum=0.1)
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "sjl")
# Replicas of each index (created by a rebuild or the first start): 0 for one node, 1 for the
# 3-node cluster of compose.yaml (docs/operations.md, sizing).
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 0, minimum=0)
# Make every write visible to searches at once (tests); production relies on the refresh
# interval of Elasticsearch (1 s).
SEARCH_REFRESH_ON_WRITE = env_bool("SEARCH_REFRESH_ON_WRITE", False)
# A failed push backs its outbox rows off: base × 2^(attempts − 1) seconds, capped.
SEARCH_OUTBOX_BACKOFF_SECONDS = env_float("SEARCH_OUTBOX_BACKOFF_SECONDS", 5.0, minimum=0)
SEARCH_OUTBOX_BACKOFF_MAX_SECONDS = env_float("SEARCH_OUTBOX_BACKOFF_MAX_SECONDS", 600.0, minimum=0)

# --- Matching ------------------------------------------------------------------------------
# Recompute the recommendations a change affects after each search sync (the nightly refresh
# runs regardless). Off only for bulk loads such as the search benchmarks.
MATCHING_REFRESH_ON_CHANGE = env_bool("MATCHING_REFRESH_ON_CHANGE", True)
# The nightly refresh (backend/matching/nightly.py): seekers per chunk job (a chunk must end
# well inside JOB_TIME_LIMIT_SECONDS: ~25 ms a seeker, so 1,000 take under a minute), and
# whether the city-wide assignment runs after it.
NIGHTLY_CHUNK_SIZE = env_int("NIGHTLY_CHUNK_SIZE", 1000, minimum=1)
NIGHTLY_ASSIGN = env_bool("NIGHTLY_ASSIGN", True)
# Profiles a chunk computes and stores in one transaction (the cursor moves after each).
NIGHTLY_BATCH_SIZE = env_int("NIGHTLY_BATCH_SIZE", 200, minimum=1)

# --- Mentoring -----------------------------------------------------------------------------
# Hours the best-ranked mentors have to accept a staged offer before the request opens to
# every mentor of its field (backend/mentoring/offers.py). 0 opens every request at once.
MENTORING_OFFER_HOURS = env_float("MENTORING_OFFER_HOURS", 48.0, minimum=0)

# --- Reports of postings (신고) ------------------------------------------------------------
# Reports one client (an address, or an account when signed in) may file an hour; each posting
# once a day per client (backend/jobs/reports.py). Tests and load runs raise it by env.
POSTING_REPORTS_PER_HOUR = env_int("POSTING_REPORTS_PER_HOUR", 5, minimum=1)


def _with_query(url: str, **params: float) -> str:
    """`url` with `params` added to its query string (existing keys win)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for key, value in params.items():
        query.setdefault(key, str(value))
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- Background jobs ------------------------------------------------------------------------
WORKER_ENGINE = env_choice("WORKER_ENGINE", "inline", ("inline", "celery", "dramatiq"))
BROKER_URL = env_str("BROKER_URL", "redis://127.0.0.1:6379/0")
if urlsplit(BROKER_URL).scheme not in ("redis", "rediss"):
    # Celery and Dramatiq both run on Redis here (django-dramatiq builds its broker at start).
    raise ConfigError(
        f"BROKER_URL must be a redis:// or rediss:// URL, not {BROKER_URL.split(':')[0]}://"
    )
BROKER_TIMEOUT = env_float("BROKER_TIMEOUT", 2.0, minimum=0.1)
# Extra modules that register jobs when imported (the contract tests add theirs this way).
JOB_MODULES = env_list("JOB_MODULES")
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 5, minimum=1)
JOB_RETRY_BACKOFF_SECONDS = env_float("JOB_RETRY_BACKOFF_SECONDS", 10.0, minimum=0)
JOB_RETRY_BACKOFF_MAX_SECONDS = env_float("JOB_RETRY_BACKOFF_MAX_SECONDS", 600.0, minimum=0)
# Hard limit of one job execution; the soft limit raises inside the job first (Celery).
JOB_TIME_LIMIT_SECONDS = env_int("JOB_TIME_LIMIT_SECONDS", 900, minimum=1)
JOB_SOFT_TIME_LIMIT_SECONDS = env_int(
    "JOB_SOFT_TIME_LIMIT_SECONDS", max(1, JOB_TIME_LIMIT_SECONDS - 30), minimum=1
)
# A running run whose lease expired is taken as lost (its worker died) and may be reclaimed;
# the lease outlives the hard time limit so that a slow but live job is never run twice.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", JOB_TIME_LIMIT_SECONDS + 60, minimum=1)
JOB_STALE_AFTER_SECONDS = env_int("JOB_STALE_AFTER_SECONDS", 300, minimum=0)
JOB_SWEEP_INTERVAL_SECONDS = env_int("JOB_SWEEP_INTERVAL_SECONDS", 60, minimum=1)

# Celery (config/celery.py reads the CELERY_* names). Celery keeps no redelivery count: the
# attempt cap lives in JobRun. The Redis visibility timeout must outlive the longest job, or
# a running job's message is handed to a second worker.
CELERY_VISIBILITY_TIMEOUT_SECONDS = env_int(
    "CELERY_VISIBILITY_TIMEOUT_SECONDS", JOB_LEASE_SECONDS + 60, minimum=1
)
CELERY_BROKER_URL = BROKER_URL
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT_SECONDS,
    "socket_connect_timeout": BROKER_TIMEOUT,
    "socket_timeout": max(BROKER_TIMEOUT, 10.0),
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes every database connection before and after each task, whatever
# CONN_MAX_AGE says, unless DB_REUSE_MAX is set: then it closes them every that many tasks.
# With kept connections, let CONN_MAX_AGE and the health checks decide instead (the adapter
# calls close_old_connections around each run); the forced close every 1,000 tasks stays as a
# backstop. 0 = close around every task (Celery's default).
_CELERY_DB_REUSE_MAX = env_int(
    "CELERY_DB_REUSE_MAX", 1000 if DATABASES["default"]["CONN_MAX_AGE"] else 0, minimum=0
)
CELERY_DB_REUSE_MAX = _CELERY_DB_REUSE_MAX or None
CELERY_TASK_TIME_LIMIT = JOB_TIME_LIMIT_SECONDS
CELERY_TASK_SOFT_TIME_LIMIT = JOB_SOFT_TIME_LIMIT_SECONDS
# A request must not hang on a dead broker: one quick retry, then the sweep takes over.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Asia/Seoul"
CELERY_BEAT_SCHEDULE_FILENAME = env_str(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(VAR_DIR / "celerybeat-schedule")
)

# Dramatiq through django-dramatiq, on Redis. Retries and backoff are set per actor from the
# JOB_* settings; a worker that stops sending heartbeats for this long has its unacked
# messages requeued by the other workers.
DRAMATIQ_HEARTBEAT_TIMEOUT_MS = env_int("DRAMATIQ_HEARTBEAT_TIMEOUT_MS", 60_000, minimum=1000)
# Chance per million broker commands that a worker runs maintenance (requeueing messages of
# dead workers); tests raise it to make requeueing prompt.
DRAMATIQ_MAINTENANCE_CHANCE = env_int("DRAMATIQ_MAINTENANCE_CHANCE", 1000, minimum=1)
DRAMATIQ_BROKER = {
    "BROKER": "dramatiq.brokers.redis.RedisBroker",
    "OPTIONS": {
        # With a URL, redis-py takes socket timeouts from its query, not from keywords.
        "url": _with_query(
            BROKER_URL,
            socket_connect_timeout=BROKER_TIMEOUT,
            socket_timeout=max(BROKER_TIMEOUT, 10),
        ),
        "namespace": "sjl-dramatiq",
        "heartbeat_timeout": DRAMATIQ_HEARTBEAT_TIMEOUT_MS,
        "maintenance_chance": DRAMATIQ_MAINTENANCE_CHANCE,
    },
    "MIDDLEWARE": [
        "dramatiq.middleware.AgeLimit",
        "dramatiq.middleware.TimeLimit",
        "dramatiq.middleware.ShutdownNotifications",
        "dramatiq.middleware.Callbacks",
        "dramatiq.middleware.Retries",
        "django_dramatiq.middleware.DbConnectionsMiddleware",
    ],
}
DRAMATIQ_AUTODISCOVER_MODULES = ["dramatiq_actors"]
DRAMATIQ_IGNORED_MODULES = ["django_dramatiq.tasks"]

# --- Mail -----------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "consolemail://")
# The console transport prints every mail, password-reset and verification links included,
# into the process log, where anyone who reads logs could take over an account. With DEBUG off
# it needs saying so explicitly (e.g. a staging box without a mail relay).
EMAIL_CONSOLE_ALLOWED = env_bool("EMAIL_CONSOLE_ALLOWED", False)
if not DEBUG and EMAIL_URL.startswith("consolemail:") and not EMAIL_CONSOLE_ALLOWED:
    raise ConfigError(
        "EMAIL_URL=consolemail:// writes password-reset links into the logs: set a real "
        "EMAIL_URL (smtp+tls://user:pass@host:587) or EMAIL_CONSOLE_ALLOWED=true when DEBUG is off"
    )
try:
    vars().update(email_url_settings(EMAIL_URL, base_dir=BASE_DIR, default_dir=VAR_DIR / "mail"))
except (KeyError, ValueError) as error:
    raise ConfigError(f"EMAIL_URL is not a mail URL ({error}); e.g. consolemail://") from None
# The site's address as people reach it: links in mails sent by background jobs (which have
# no request to build them from) start with it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "시흥 일자리 잇다 <noreply@localhost>")

# --- Personal data --------------------------------------------------------------------------
# Contact fields are encrypted at rest (backend/core/fields.py) with Fernet keys: one, or
# several comma-separated while keys rotate — the first encrypts, every one decrypts, and
# `manage.py reencrypt_fields` rewrites every value with the first. Each is a real Fernet key
# (URL-safe base64 of 32 random bytes). In development (DEBUG) one is derived from the
# SECRET_KEY so that nothing needs configuring; production must set its own.
_FERNET_HINT = (
    "make one with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'"
)
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ConfigError(f"FIELD_ENCRYPTION_KEY is required when DEBUG is off ({_FERNET_HINT})")
    # The same key bytes as before keys had to be Fernet keys, so a development database
    # written then still decrypts.
    _derived = hashlib.sha256(f"field-key:{SECRET_KEY}".encode()).hexdigest()
    FIELD_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(_derived.encode()).digest()).decode()
    ]
for _position, _key in enumerate(FIELD_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key)
    except (ValueError, binascii.Error):
        raise ConfigError(
            f"FIELD_ENCRYPTION_KEY: key {_position} of {len(FIELD_ENCRYPTION_KEYS)} is not a "
            f"Fernet key (URL-safe base64 of 32 bytes; {_FERNET_HINT})"
        ) from None

# The privacy officer (개인정보 보호책임자) gets the bulk-read alert: a staff member reading
# the personal data of more than ACCESS_ALERT_READS_PER_HOUR people within an hour.
PRIVACY_OFFICER_EMAIL = env_str("PRIVACY_OFFICER_EMAIL", "")
ACCESS_ALERT_READS_PER_HOUR = env_int("ACCESS_ALERT_READS_PER_HOUR", 300, minimum=1)
# TRUSTED_PROXY_COUNT (the hardening settings) says how many proxies append to
# X-Forwarded-For; backend/core/client_ip.py reads it (default 0) for the log and throttles.

# --- Internationalisation: Korean first, English second ------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves the static files from the web process, compressed (gzip and Brotli) and
# with far-future caching of hashed names once `collectstatic` has run (production, make test).
# In development (DEBUG) it serves them straight from the apps, no collectstatic needed.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "backend.core.authentication.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "backend.core.api.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "backend.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": ["backend.core.throttling.RoleRateThrottle"],
    # The browsable API (HTML forms over every endpoint) is a development aid only.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}


def _rate(name: str, default: str) -> str:
    """A throttle rate `N/period` (period s, min, h or day), else a ConfigError."""
    value = env_str(name, default).strip()
    count, _, period = value.partition("/")
    if not count.isdigit() or not period or period[0] not in "smhd":
        raise ConfigError(f"{name}={value!r} is not a rate such as 60/min")
    return value


# Anti-automation (backend/core/throttling.py): requests per caller, counted in the default
# cache (set CACHE_URL=redis://… so that every process shares the counts). Tests, `make fuzz`
# and the benchmarks raise them through these variables.
API_THROTTLE_RATES = {
    "anon": _rate("API_THROTTLE_ANON", "60/min"),
    "search": _rate("API_THROTTLE_SEARCH", "120/min"),
    "seeker": _rate("API_THROTTLE_SEEKER", "120/min"),
    "employer": _rate("API_THROTTLE_EMPLOYER", "120/min"),
    "mentor": _rate("API_THROTTLE_MENTOR", "120/min"),
    "staff": _rate("API_THROTTLE_STAFF", "600/min"),
}
# Shortlist rows one employer organisation may view per day (Asia/Seoul), API and web
# together; staff are not capped (their reads are access-logged).
CANDIDATE_VIEWS_PER_DAY = env_int("CANDIDATE_VIEWS_PER_DAY", 200, minimum=1)
# Saved-search alerts (issue 16): at most this many postings in one alert mail, and this many
# saved searches per seeker.
SAVED_SEARCH_ALERT_MAX_POSTINGS = env_int("SAVED_SEARCH_ALERT_MAX_POSTINGS", 10, minimum=1)
SAVED_SEARCHES_PER_USER = env_int("SAVED_SEARCHES_PER_USER", 20, minimum=1)
# Renewal reminders: mailed this many days before a posting's deadline, with a signed link
# that works for POSTING_RENEWAL_LINK_DAYS; an extended deadline is at most
# POSTING_MAX_OPEN_DAYS after today.
POSTING_REMINDER_DAYS_BEFORE = env_int("POSTING_REMINDER_DAYS_BEFORE", 3, minimum=1)
POSTING_RENEWAL_LINK_DAYS = env_int("POSTING_RENEWAL_LINK_DAYS", 14, minimum=1)
POSTING_MAX_OPEN_DAYS = env_int("POSTING_MAX_OPEN_DAYS", 90, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": _("시흥 일자리 잇다 API"),
    "DESCRIPTION": _("시흥 일자리 잇다 — REST API 계약 v1"),
    "VERSION": "1",
    # The English machine name beside the Korean title (client generators name packages by it;
    # openapi-python-client reads scripts/api-client.yaml).
    "EXTENSIONS_INFO": {"x-machine-name": "siheung-jobs-link"},
    # Operation ids from the path after the version: `areas_list`, never `v1_areas_list`.
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Clients send JSON (API.md); the form parsers DRF also accepts are not part of the contract.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "backend.core.schema.declare_error_responses",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar: the docs page loads nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Seekers and postings share these value sets (backend/taxonomy/vocabulary.py).
    "ENUM_NAME_OVERRIDES": {
        "CohortEnum": "backend.taxonomy.vocabulary.Cohort",
        "EmploymentTypeEnum": "backend.taxonomy.vocabulary.EmploymentType",
        "ShiftEnum": "backend.taxonomy.vocabulary.Shift",
        "MatchRunKindEnum": "backend.matching.models.MatchRunKind",
        "MatchRunStatusEnum": "backend.matching.models.MatchRunStatus",
        "MentorKindEnum": "backend.mentoring.models.MentorKind",
        "MentorStatusEnum": "backend.mentoring.models.MentorStatus",
        "PostingReportStatusEnum": "backend.jobs.moderation.ReportStatus",
        "PostingReportReasonEnum": "backend.jobs.moderation.ReportReason",
        "ApplicationStatusEnum": "backend.jobs.models.ApplicationStatus",
        "DecisionRequestKindEnum": "backend.matching.models.DecisionRequestKind",
        "DecisionSubjectEnum": "backend.matching.models.DecisionSubject",
    },
}

# --- Security for production ----------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS: production redirects plain HTTP and pins HTTPS with HSTS (a year, subdomains, preload);
# tests and local runs over http set SECURE_SSL_REDIRECT=false.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a TLS-terminating proxy, the header it sets to say the client used HTTPS
# (`X-Forwarded-Proto`); empty when the process faces the clients itself, because a header a
# client can send must never decide whether the request was secure.
SECURE_PROXY_SSL_HEADER_NAME = env_str("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + SECURE_PROXY_SSL_HEADER_NAME.upper().replace("-", "_"), "https")
    if SECURE_PROXY_SSL_HEADER_NAME
    else None
)
# How many proxies of ours stand in front of the process, each appending to X-Forwarded-For:
# the client's address is the entry that many places from the right (0: REMOTE_ADDR, the
# header ignored, since a client writes whatever it likes there). allauth's rate limits and
# the access log (backend.accounts.services.client_ip) both read the address through it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Content-Security-Policy (django-csp 4): scripts and styles from this site only, inline
# <script>/<style> only with the per-response nonce (request.csp_nonce), no eval, no plugins,
# no framing. Style *attributes* stay allowed: they cannot run script, and the score bars set
# their width with one. Social logins redirect a form post to their provider's host.
_FORM_ACTION = [SELF] + [
    host
    for provider, host in (("kakao", "https://kauth.kakao.com"), ("naver", "https://nid.naver.com"))
    if provider in SOCIALACCOUNT_PROVIDERS
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": _FORM_ACTION,
    },
}

LOG_LEVEL = env_choice("LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "workers": {"level": "INFO"},
    },
}
