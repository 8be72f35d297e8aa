"""One env-driven settings file.

Environment:
  NQ57_DATABASE_URL  sqlite:///path.db (default: ./var/nq57.sqlite3) or postgresql://user@host:port/db
  NQ57_SECRET_KEY    required when NQ57_DEBUG is off
  NQ57_DEBUG         1 to enable debug pages (default 0)
  NQ57_ALLOWED_HOSTS comma-separated (default 127.0.0.1,localhost)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("NQ57_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("NQ57_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("NQ57_SECRET_KEY") or "dev-only-insecure-key-change-me"
ALLOWED_HOSTS = os.environ.get("NQ57_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")


def _database(url: str) -> dict[str, Any]:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = parsed.path or str(VAR_DIR / "nq57.sqlite3")
        if url.startswith("sqlite:///") and not path.startswith("/"):
            path = "/" + path
        # IMMEDIATE: a transaction takes the write lock when it starts, so two writers queue
        # (for up to `timeout` seconds) instead of failing when one upgrades its read lock.
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            # Tests use a file too (not shared-cache memory, which fails at once with 'table is
            # locked' instead of waiting), one per test process.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"nq57-test-{os.getpid()}.db")},
        }
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/") or "nq57",
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            # JIT compiles each dashboard query for 25–60 ms and saves less (bench_national.py)
            "OPTIONS": {"options": "-c jit=off"},
        }
    raise ValueError(f"Unsupported NQ57_DATABASE_URL scheme: {parsed.scheme}")


DATABASES = {
    "default": _database(
        os.environ.get("NQ57_DATABASE_URL", f"sqlite:///{VAR_DIR / 'nq57.sqlite3'}")
    )
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "nq57.orgs",
    "nq57.plans",
    "nq57.imports",
    "nq57.reporting",
    "nq57.evaluation",
    "nq57.cascade",
    "nq57.audit",
    "nq57.web",
    "nq57.api",
    "ninja",  # serves Swagger UI's own assets for /api/docs (else ninja links a CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nq57.audit.middleware.RequestIdMiddleware",  # X-Request-ID, kept in every audit row
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nq57.urls"
WSGI_APPLICATION = "nq57.wsgi.application"

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
                "nq57.web.context.navigation",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a check: Django's hook called after every saved password change writes the audit row.
    {"NAME": "nq57.audit.auth_hooks.PasswordChangeAudit"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

AUTH_USER_MODEL = "orgs.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"
# Wrong passwords in a row before an account is locked, and for how long.
NQ57_LOGIN_MAX_FAILURES = int(os.environ.get("NQ57_LOGIN_MAX_FAILURES", "5"))
NQ57_LOGIN_LOCK_MINUTES = int(os.environ.get("NQ57_LOGIN_LOCK_MINUTES", "15"))
# A session ends after this many idle minutes and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("NQ57_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
EMAIL_BACKEND = os.environ.get(
    "NQ57_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("NQ57_FROM_EMAIL", "nq57@localhost")
# Host name used in links of e-mails sent outside a web request (account invitations).
NQ57_SITE_DOMAIN = os.environ.get("NQ57_SITE_DOMAIN", "127.0.0.1:8000")

# A plan file larger than this is refused before it is read.
NQ57_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Uploads above the largest of these limits are dropped while they are read (nq57.web.uploads).
FILE_UPLOAD_HANDLERS = [
    "nq57.web.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A unit's report form has ~7 fields per task and ~10 per indicator: a unit with 200 tasks
# sends well over Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
# An evidence file larger than this is refused before it is stored.
NQ57_EVIDENCE_MAX_BYTES = int(os.environ.get("NQ57_EVIDENCE_MAX_MB", "20")) * 1024 * 1024
# Weekend days for business-day rules (Monday = 0 … Sunday = 6).
NQ57_WEEKEND = tuple(int(d) for d in os.environ.get("NQ57_WEEKEND", "5,6").split(",") if d)
# Reminders: this many working days before a report is due (and on the due day itself).
NQ57_REMIND_DAYS_BEFORE = int(os.environ.get("NQ57_REMIND_DAYS_BEFORE", "3"))
