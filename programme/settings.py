"""Settings of Tremplin, read from the environment.

Every variable is documented in the README's configuration table. Production mode is
the default: without ``DJANGO_DEBUG=1`` the site refuses to start unless it is given a
real secret key and the hosts it answers for.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from programme.environment import BASE_DIR, env, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG")

_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. In production set it to a long random value "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))"); '
            "for local development set DJANGO_DEBUG=1."
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters, "
        "not a django-insecure key."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is empty: list the host names the site answers for, "
        "comma-separated (for example tremplin.example.fr)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "programme.apps.TremplinAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "django_tasks",
    "programme.apps.OutboxConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "programme",
    "editions",
    "projects",
    "jury",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, letting forms lead to ProConnect when it is configured.
    "programme.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "programme.middleware.FrenchFirstLocaleMiddleware",
    # Inside the language's activation: French pages get their unbreakable spaces.
    "programme.typography.FrenchTypographyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "programme.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "programme.middleware.SessionLimitsMiddleware",
    "programme.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "programme.urls"
WSGI_APPLICATION = "programme.wsgi.application"

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
                "programme.context_processors.branding",
            ],
            # « 1er décembre »: the date filter of every template (programme.dates).
            "builtins": ["programme.templatetags.french_dates"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds a double click: WAL lets pages read while one request
    # writes, IMMEDIATE takes the write lock as a transaction starts (two submissions of
    # one draft queue instead of failing as « database is locked »), and a writer waits
    # up to 20 seconds for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Every server of one site shares it; two sites on one Redis set their own.
            "KEY_PREFIX": env("TREMPLIN_CACHE_KEY_PREFIX", "tremplin"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts and signing in (passwords, links, ProConnect, second factor, cool-offs).
from programme.settings_accounts import *  # noqa: E402, F403

# French first: the site speaks French unless the visitor picks English.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: they live outside the static tree and no URL serves
# MEDIA_ROOT; permission-checked views stream them.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Or, for more than one application server, an S3-compatible object storage: private
# objects only, read back by the same permission-checked views.
S3_STORAGE_OPTIONS = {
    "bucket_name": env("TREMPLIN_S3_BUCKET"),
    "endpoint_url": env("TREMPLIN_S3_ENDPOINT_URL") or None,
    "region_name": env("TREMPLIN_S3_REGION") or None,
    "access_key": env("TREMPLIN_S3_ACCESS_KEY_ID") or None,
    "secret_key": env("TREMPLIN_S3_SECRET_ACCESS_KEY") or None,
    "location": env("TREMPLIN_S3_PREFIX"),
    "default_acl": "private",
    "querystring_auth": True,
    "querystring_expire": 60,
    "file_overwrite": False,
}
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": S3_STORAGE_OPTIONS}
        if S3_STORAGE_OPTIONS["bucket_name"]
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Tremplin <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mail): run at once in development and tests; in production a
# database queue served by `python manage.py run_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env("DJANGO_TASKS_BACKEND", "immediate" if DEBUG else "database")]
    }
}
# Attachments: checked by content; this is the largest accepted file.
TREMPLIN_UPLOAD_MAX_BYTES = int(env("TREMPLIN_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# The ClamAV daemon that scans every upload: a Unix socket path or tcp://host:port; empty
# turns scanning off (the default in debug mode only). A scan that fails refuses the file.
TREMPLIN_CLAMAV_SOCKET = env("TREMPLIN_CLAMAV_SOCKET", "" if DEBUG else "/var/run/clamav/clamd.ctl")
TREMPLIN_CLAMAV_TIMEOUT = float(env("TREMPLIN_CLAMAV_TIMEOUT", "30"))
# A request body larger than this is refused (413) before it is read: the largest file
# and room for the form around it. The reverse proxy's limit (nginx
# `client_max_body_size`) must be at least this; the README's deployment notes say so.
TREMPLIN_REQUEST_MAX_BYTES = TREMPLIN_UPLOAD_MAX_BYTES + 1024 * 1024
# Django's own limits, set here rather than left implicit: the form fields of a request
# (files apart) held in memory, and the size above which an upload goes to a temporary
# file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# The site's public address, for links in e-mails.
SITE_URL = env("TREMPLIN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Public pages: how long any cache may keep them before asking again (their ETag then
# says whether staff changed anything), and what identifies this release of the code in
# those ETags (by default the newest modification time of the code and templates).
TREMPLIN_PUBLIC_MAX_AGE = int(env("TREMPLIN_PUBLIC_MAX_AGE", "60"))
# The shared cache of public pages (``programme.public_cache``): how long a rendered page
# is kept at most (a change through the site or the admin ends it at once; this bounds
# what the site cannot see: raw SQL, or, with the cache in local memory, a change made by
# another process), and the largest page kept. 0 keeps nothing.
TREMPLIN_PUBLIC_CACHE_SECONDS = int(
    env("TREMPLIN_PUBLIC_CACHE_SECONDS", "3600" if REDIS_URL else "60")
)
TREMPLIN_PUBLIC_CACHE_MAX_BYTES = int(env("TREMPLIN_PUBLIC_CACHE_MAX_BYTES", str(2 * 1024 * 1024)))
TREMPLIN_RELEASE = env("TREMPLIN_RELEASE")
# French pages get narrow no-break spaces before « ; : ! ? » and inside « » on the way out
# (`programme.typography`).
TREMPLIN_FRENCH_TYPOGRAPHY = True
# News items still published this many days after their publication (and last change)
# are archived by `python manage.py archive_old_news`; 0 archives nothing.
TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS = int(env("TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS", "365"))
# The retention schedule, in days per kind of data, applied daily by
# `python manage.py apply_retention` and stated on the personal-data page
# (`programme.retention` says what each kind holds and from when it is counted).
TREMPLIN_RETENTION_DAYS = {
    # Drafts never submitted, from their call's closing: deleted.
    "drafts": int(env("TREMPLIN_RETENTION_DRAFTS_DAYS", "180")),
    # Applications not selected, from the decision that ended them: anonymised. Two
    # years, the CNIL's usual reference for unsuccessful candidates.
    "unsuccessful": int(env("TREMPLIN_RETENTION_UNSUCCESSFUL_DAYS", "730")),
    # Laureates' team, files and texts, from the end of the project: anonymised.
    "laureates": int(env("TREMPLIN_RETENTION_LAUREATES_DAYS", "1825")),
    # Sign-in traces (accounts left without any role, by their last sign-in) and the
    # server's logs (journald's MaxRetentionSec, see the README).
    "sign_in": int(env("TREMPLIN_RETENTION_SIGN_IN_DAYS", "365")),
    # Results of background tasks (they hold the e-mails' arguments), once finished.
    "task_results": int(env("TREMPLIN_RETENTION_TASK_RESULTS_DAYS", "30")),
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict Content Security Policy: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions end two weeks after signing in; staff's, which open the admin, after 8 hours,
# or after an hour without a request (``programme.middleware.SessionLimitsMiddleware``).
TREMPLIN_SESSION_MAX_DAYS = int(env("TREMPLIN_SESSION_MAX_DAYS", "14"))
TREMPLIN_STAFF_SESSION_MAX_HOURS = int(env("TREMPLIN_STAFF_SESSION_MAX_HOURS", "8"))
TREMPLIN_STAFF_SESSION_IDLE_MINUTES = int(env("TREMPLIN_STAFF_SESSION_IDLE_MINUTES", "60"))
SESSION_COOKIE_AGE = TREMPLIN_SESSION_MAX_DAYS * 24 * 60 * 60
# Every cookie is sent on links from other sites (a link in an e-mail opens signed in),
# never on their forms or scripts.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A refused form (expired page, cookies off) gets the site's French page.
CSRF_FAILURE_VIEW = "programme.views_site.csrf_failure"
# The browser features the site never uses are off, for it and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Monitoring probes may call the health endpoint over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    if env_bool("DJANGO_BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # One line per task run, or per step of a PDF's rendering, is noise; failures show.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
