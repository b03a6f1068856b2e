"""Settings for QMS Objectives: one module, read from the environment (see README)."""

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from qms_objectives.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_cache_url,
    parse_database_url,
    pooled,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("QMS_TESTING", "pytest" in sys.modules)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (a long random string), "
            "or DEBUG=true for local development."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("SITE_URL must start with http:// or https://.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])
# Issued documents print SITE_URL in their QR code and never change: issuing refuses while it is
# a loopback address (documents.verification), except in development and in the test suite.
SITE_URL_LOOPBACK_ALLOWED = DEBUG or TESTING
# A form refused for its CSRF token: our page (templates/403_csrf.html), not Django's English one.
CSRF_FAILURE_VIEW = "qms_objectives.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "corsheaders",  # CORS for the public API only (CORS_URLS_REGEX)
    "ninja",  # the API's Swagger UI files (static/ninja/), served here, never from a CDN
    "agencies",
    "notifications",
    "corrective",
    "documents",
    "objectives",
    "monitoring",
    "evaluation",
    "risks",
    "audits",
    "dossiers",
    "conformity",
    "oversight",
    "inspections",
    "publication",
    "api",
    "operations",
    "django_celery_results",
    "post_office",  # the mail queue (notifications drives it)
]
# Province-scale demo data (load_scale_data) and the bench floor view: for the bench scripts,
# which turn this on, and the tests of those tools; never in production.
DEVTOOLS = env_bool("DEVTOOLS", TESTING)
if DEVTOOLS:
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Public pages served whole from the shared cache, before any session or database work.
    "publication.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qms_objectives.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qms_objectives.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qms_objectives.urls"
WSGI_APPLICATION = "qms_objectives.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "objectives.context_processors.navigation",
                "notifications.context_processors.bell",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
# "transaction" when DATABASE_URL points at pgbouncer in transaction mode (docs/DEPLOYMENT.md).
DATABASE_POOLER = env_choice("DATABASE_POOLER", "", ("", "session", "transaction"))
if DATABASE_URL:
    DATABASES = {"default": pooled(parse_database_url(DATABASE_URL), DATABASE_POOLER)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            # A file, not pytest-django's in-memory database, so that the Celery workers the
            # `services` tests start see the test's rows; one per process (xdist, colleagues).
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"qms-test-{os.getpid()}.db")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": parse_cache_url(env_str("CACHE_URL", "locmem://"))}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock that user name from that address for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Reset-link requests (a public form that sends mail): (requests, seconds) per client address
# and per email address; see qms_objectives/views.py PasswordResetView.
PASSWORD_RESET_RATE_PER_ADDRESS = (10, 60 * 60)
PASSWORD_RESET_RATE_PER_EMAIL = (3, 60 * 60)
# An invitation to an agency (agencies.Invitation) can be accepted for this many days.
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 7)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["qms_objectives.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))

# Files users upload or the app issues are private: no MEDIA_URL is served; views that check
# permission stream them. FILE_STORAGE_ROOT may point anywhere; object storage can replace it.
PRIVATE_FILES_ROOT = Path(env_str("FILE_STORAGE_ROOT", str(VAR_DIR / "files")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: Django's EMAIL_BACKEND is django-post-office's queue (its backend, passing text through
# unrendered: notifications/backends.py), so every message (notices, password resets,
# invitations) is a row of post_office.Email written with the request's transaction; the task
# notifications.tasks.mail_send_queued sends the queue after commit and every minute from beat,
# with EMAIL_DELIVERY_BACKEND: SMTP in production, and by default (`make run`) one file per
# message under var/mail/ (docs/DEPLOYMENT.md, "Mail").
EMAIL_BACKEND = "notifications.backends.QueueBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that stops answering must not hold a worker (and the sender's lock) for long:
# the send fails after this many seconds and is retried later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "QMS Objectives <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_BATCH_TIMEOUT = env_int("MAIL_BATCH_TIMEOUT", 2 * EMAIL_TIMEOUT)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_DELIVERY_BACKEND},
    # Its own Celery hook sends under a lock file of one machine: ours (notifications.tasks)
    # holds one lock for the installation instead.
    "CELERY_ENABLED": False,
    # One mail per batch: a worker killed mid-batch sends again what the batch had sent (the
    # statuses are written at its end), so at most one mail per kill.
    "BATCH_SIZE": env_int("MAIL_BATCH_SIZE", 1),
    "THREADS_PER_PROCESS": env_int("MAIL_THREADS", 1),
    "BATCH_DELIVERY_TIMEOUT": MAIL_BATCH_TIMEOUT,
    # A failed send is tried again MAIL_MAX_RETRIES times, MAIL_RETRY_MINUTES apart, then failed.
    "MAX_RETRIES": env_int("MAIL_MAX_RETRIES", 5),
    "RETRY_INTERVAL": timedelta(minutes=env_int("MAIL_RETRY_MINUTES", 3)),
    # A Message-ID made when the mail is queued and kept on its row: a copy sent again (a worker
    # killed after the SMTP server accepted it) carries the same id, which a server may drop.
    "MESSAGE_ID_ENABLED": True,
    "MESSAGE_ID_FQDN": urlsplit(SITE_URL).hostname or "localhost",
    "LOG_LEVEL": 2,  # every attempt in the mail's log (admin), sent or failed
}
# The sender's lock expires after this long: past any batch, and how long a worker killed while
# holding it stops the mail.
MAIL_SEND_LOCK_SECONDS = env_int("MAIL_SEND_LOCK_SECONDS", MAIL_BATCH_TIMEOUT + 60)
MAIL_SEND_SLICE_SECONDS = 240  # then the task goes on in a new one
MAIL_SENT_KEPT_DAYS = env_int("MAIL_SENT_KEPT_DAYS", 90)  # sent mail is purged after this

# Background work: Celery (docs/DEPLOYMENT.md). With no broker (`make run`, most tests) every
# task runs in process, right after the transaction that enqueued it commits
# (qms_objectives.tasks.enqueue_on_commit): the same task code, no service to start.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")  # redis://redis.internal:6379/0
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TIMEZONE = TIME_ZONE
# Results and failures in the database, listed in the admin (django-celery-results); beat
# deletes them after CELERY_RESULT_EXPIRES.
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True  # the task's name and arguments in the admin list
CELERY_RESULT_EXPIRES = 14 * 24 * 60 * 60
# A message is acknowledged when its task has finished, not when a worker takes it: a worker
# killed mid-task (power, OOM, deploy) leaves it to be delivered again, so tasks are idempotent.
CELERY_TASK_ACKS_LATE = True
# ...and if only the pool process dies (the worker survives), requeue the message at once
# instead of acknowledging it as failed.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker reserves one message per process at a time: nothing waits behind a slow task on one
# worker while another is idle, and a killed worker held at most one message per process.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# When the worker loses Redis, let running tasks finish (Celery 6 will cancel them): a mail
# cancelled between the SMTP server's "accepted" and the row's SENT would be sent twice, while
# one that finishes is found SENT when its message comes back.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Redis hands an unacknowledged message to another worker after this many seconds: longer than
# any task runs (the mail task hands on after MAIL_SEND_SLICE_SECONDS), or its message would be
# delivered twice (harmless, the tasks are idempotent, but wasted).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery beat (exactly one process per installation) starts the periodic work.
CELERY_BEAT_SCHEDULE = {
    "reminders": {
        "task": "monitoring.tasks.reminders_send_due",
        "schedule": crontab(hour=7, minute=15),
    },
    # What waits for a retry, or was queued while the broker was down or a dead worker held
    # the sender's lock.
    "mail-send-queued": {
        "task": "notifications.tasks.mail_send_queued",
        "schedule": 60,
    },
    # Open corrective actions past their due date: once at the date, then weekly.
    "corrective-reminders": {
        "task": "corrective.tasks.reminders_send_due",
        "schedule": crontab(hour=7, minute=30),
    },
    # Corrective actions an inspection opened, two weeks before their two-month deadline.
    "inspection-reminders": {
        "task": "inspections.tasks.inspection_reminders_send_due",
        "schedule": crontab(hour=7, minute=40),
    },
    # Agencies past a deadline of their oversight body: once per deadline, agency and period.
    "oversight-deadline-reminders": {
        "task": "oversight.tasks.deadline_reminders_send_due",
        "schedule": crontab(hour=7, minute=45),
    },
    "mail-purge": {
        "task": "notifications.tasks.mail_purge",
        "schedule": crontab(hour=2, minute=0),
    },
    # Uploaded dossier exports (citizens' personal data) past their agency's retention period.
    "dossier-files-expire": {
        "task": "dossiers.tasks.dossier_files_delete_expired",
        "schedule": crontab(hour=2, minute=30),
    },
}

# Signing certificates per agency: {"<agency short name or id>": {"pkcs12": path,
# "password_file": path}} in a JSON file the operator keeps outside the database.
SIGNING_CONFIG_FILE = env_str("SIGNING_CONFIG_FILE")
# The roots the public verification page (/v/) trusts for signers' certificates, besides those of
# the agencies' own signing chains: PEM or DER files, or folders of them, comma-separated
# (docs/DEPLOYMENT.md: the Government Cipher Committee's root and the licensed public CAs').
SIGNATURE_TRUST_ROOTS = env_list("SIGNATURE_TRUST_ROOTS", [])

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The read-only API (api/): any origin may read /api/v1/ from a browser, GET only, no cookies
# (a token travels in the Authorization header). Rate limits per client address and per token,
# (requests, seconds), counted in the shared cache (CACHE_URL) so they hold across servers.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After", "Content-Disposition")
CORS_PREFLIGHT_MAX_AGE = 86400
API_RATE_PER_ADDRESS = (env_int("API_RATE_PER_ADDRESS", 120), 60)
API_RATE_PER_TOKEN = (env_int("API_RATE_PER_TOKEN", 600), 60)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Offices share computers: a session lasts a working day at most and ends with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # pyHanko logs a traceback for every untrusted or tampered PDF the public page checks.
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}
