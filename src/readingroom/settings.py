"""Django settings, all driven by the environment so one install serves every setup.

READINGROOM_DATA_DIR  where the SQLite database and the secret key live (default ./var)
DATABASE_URL          sqlite:///path or postgres://user@host:port/name
                      (default: SQLite in the data dir)
DATABASE_REPLICA_URL  PostgreSQL read replicas, comma-separated: readers' pages read
                      from one of them (readingroom.routers; docs/deployment.md)
REDIS_URL             redis://host:port/db: the page cache and sessions' cache shared
                      by every worker and app server (default: each process its own)
READINGROOM_SECRET_KEY  the key that signs sessions and cookies (default: generated
                      into the data dir); every app server of one site needs the same
READINGROOM_PROXIES   how many proxies (load balancers) stand before the app servers,
                      each adding to X-Forwarded-For: login throttling counts by the
                      address the outermost one saw (default 0: the peer's address)
READINGROOM_DEBUG     1 for development error pages
READINGROOM_ALLOWED_HOSTS  comma-separated host names to serve (default: localhost names)
READINGROOM_HTTPS     1 when served over HTTPS: secure cookies, HSTS, redirect to https
READINGROOM_EMAIL_HOST  an SMTP host for password-reset mail (else printed on the console);
                      with READINGROOM_EMAIL_PORT (587, STARTTLS), _USER, _PASSWORD, _FROM
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(os.environ.get("READINGROOM_DATA_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    """Generated into the data dir on first run, so no key is ever committed or shared."""
    if key := os.environ.get("READINGROOM_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Written aside and linked into place, so processes starting at once on a new
        # data dir (the test suite's workers, say) all read the one key that won.
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        draft = DATA_DIR / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


# How long a write waits for another writer's locks before it gives up.
WRITE_WAIT_SECONDS = 5
_POSTGRESQL = "django.db.backends.postgresql"


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets the web server read while an import writes; IMMEDIATE makes a
            # writer wait for the lock up front instead of failing mid-transaction.
            # Reads map the file (up to SQLite's own 2 GB ceiling): a connection lasts
            # one request, so SQLite's page cache starts empty every time, and a search
            # reads its page's rows at random in a file of gigabytes.
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA mmap_size=2147418112"
            ),
            "transaction_mode": "IMMEDIATE",
            # How long a write waits for another writer: an editor's save during an
            # import gets "busy, try again" (web/middleware.py) rather than a long
            # wait; imports wait for each other in catalog/locking.py instead.
            "timeout": WRITE_WAIT_SECONDS,
        }
        config["CONN_MAX_AGE"] = 0
        config["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    elif config["ENGINE"] == _POSTGRESQL:
        # The same wait for another writer's locks as SQLite's busy timeout: an editor's
        # save during an import gets "busy, try again" (web/middleware.py), not a hang.
        config["OPTIONS"] = {"options": f"-c lock_timeout={WRITE_WAIT_SECONDS * 1000}"}
    return config


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("READINGROOM_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("READINGROOM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "axes",
    "csp",
    "readingroom.catalog",
    "readingroom.search",
    "readingroom.web",
    "readingroom.readers",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "readingroom.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: an editor's pages read the primary, a reader's a replica.
    "readingroom.web.middleware.replica_reads",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "readingroom.web.middleware.refuse_nul_parameters",
    "csp.middleware.CSPMiddleware",
    "readingroom.web.middleware.CatalogBusyMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Five failed logins for one user name from one address lock it for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind load balancers (docs/deployment.md), the client's address is the one the
# outermost of them saw, from X-Forwarded-For (readingroom.web.addresses).
_proxies = os.environ.get("READINGROOM_PROXIES", "0")
if not _proxies.isdigit():
    raise ImproperlyConfigured(f"READINGROOM_PROXIES: a number (0, 1, 2…), not {_proxies!r}")
PROXIES = int(_proxies)
AXES_CLIENT_IP_CALLABLE = "readingroom.web.addresses.client_address"
# Readers' accounts (readingroom.readers): the site's own pages, not the admin's.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-reading"
LOGOUT_REDIRECT_URL = "home"
# Mail (password resets): printed on the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("READINGROOM_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("READINGROOM_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("READINGROOM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("READINGROOM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = EMAIL_PORT == 587
DEFAULT_FROM_EMAIL = os.environ.get("READINGROOM_EMAIL_FROM", "readingroom <noreply@localhost>")


ROOT_URLCONF = "readingroom.urls"
WSGI_APPLICATION = "readingroom.wsgi.application"

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
                "readingroom.web.reading.context",
            ],
        },
    },
]

DATABASES = {
    "default": _database(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'readingroom.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite writes one transaction at a time, and an import is one long transaction.
    # Login throttling writes on every attempt, so it keeps its own small database
    # (readingroom.routers), where a login never waits behind an import.
    DATABASES["logins"] = _database(f"sqlite:///{DATA_DIR / 'logins.sqlite3'}")
    DATABASES["logins"]["TEST"] = {"NAME": str(DATA_DIR / "test-logins.sqlite3")}
ON_POSTGRESQL = DATABASES["default"]["ENGINE"] == _POSTGRESQL


def _replicas(urls: str, primary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """PostgreSQL read replicas by alias ("replica1", …); readingroom.routers sends
    readers' pages to them. In tests each mirrors the primary's test database."""
    replicas = {}
    for number, url in enumerate(filter(None, (u.strip() for u in urls.split(","))), 1):
        config = _database(url)
        if {primary["ENGINE"], config["ENGINE"]} != {_POSTGRESQL}:
            raise ImproperlyConfigured(
                "DATABASE_REPLICA_URL: read replicas are PostgreSQL replicas of a "
                "PostgreSQL DATABASE_URL"
            )
        replicas[f"replica{number}"] = {**config, "TEST": {"MIRROR": "default"}}
    return replicas


DATABASE_REPLICAS = _replicas(os.environ.get("DATABASE_REPLICA_URL", ""), DATABASES["default"])
DATABASES.update(DATABASE_REPLICAS)
DATABASE_ROUTERS = ["readingroom.routers.LoginsRouter", "readingroom.routers.ReplicaRouter"]
# After a reader's POST, their pages read the primary for this long, so they see
# what they wrote however far a replica lags (readingroom.routers).
REPLICA_PIN_SECONDS = 15
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# How long an import waits for another to finish before giving up (seconds).
IMPORT_LOCK_WAIT = float(os.environ.get("READINGROOM_LOCK_WAIT", "300"))

# Pages for readers are cached whole, keyed by the catalog's version
# (readingroom.web.cache), so edits show at once: in each worker process's memory,
# or with REDIS_URL in Redis, shared by every worker and app server.
PAGE_CACHE = os.environ.get("READINGROOM_PAGE_CACHE", "1") == "1"
PAGE_CACHE_SECONDS = 600
REDIS_URL = os.environ.get("REDIS_URL", "")


def _caches(redis_url: str, database: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Django's own Redis backend where REDIS_URL names a server, else per-process memory.

    Keys start with the catalog's database, so sites (and test runs) that share one
    Redis never read each other's pages.
    """
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        }
    where = f"{database.get('HOST') or ''}:{database.get('PORT') or ''}/{database['NAME']}"
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"readingroom:{where}",
            # A Redis that stops answering costs a second, not a hung worker: the
            # page cache then renders (web/cache.py), sessions read the database.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


CACHES = _caches(REDIS_URL, DATABASES["default"])
if ON_POSTGRESQL:
    # Sessions (a reader's reading speed, a login) in the one database every app
    # server shares, read through the Redis cache where there is one.
    SESSION_ENGINE = (
        "readingroom.web.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
    )
else:
    # On SQLite, files in the data dir: shared by the server's workers (one machine,
    # as SQLite is), and never waiting for the catalog's one writer.
    SESSION_ENGINE = "django.contrib.sessions.backends.file"
    SESSION_FILE_PATH = DATA_DIR / "sessions"
    SESSION_FILE_PATH.mkdir(parents=True, exist_ok=True)

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script anywhere: JSON-LD is data, and data blocks are not executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

if os.environ.get("READINGROOM_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The REST API (readingroom.api, docs/api.md): read for everyone, written by editors
# with a revocable token (`readingroom token create USERNAME`), JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["readingroom.api.permissions.EditorsWriteOthersRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "readingroom.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "readingroom.api.schema.Schema",
    "EXCEPTION_HANDLER": "readingroom.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "readingroom API",
    "DESCRIPTION": "Authors, works and annotated reading guides, with their provenance; "
    "search, likely duplicates and exports. Read by anyone; written by editors with a "
    "token (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
