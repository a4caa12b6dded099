"""Django settings of the opmodel server, built from the environment (``config.Config``)."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url

from opmodel.server.config import Config

CONFIG = Config.from_environ()

DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = [f"http://{h}:8000" for h in ALLOWED_HOSTS if not h.startswith("[")]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "axes",
    "ninja",  # its API docs page and static files, served from the package (no CDN)
    "django_tasks",
    "django_tasks_db",
    "opmodel.server.accounts",
    "opmodel.server.workspaces",
    "opmodel.server.audit",
    "opmodel.server.jobs",
    "opmodel.server.measurements",
    "opmodel.server.surveys",
    "opmodel.server.pages",
]

MIDDLEWARE = [
    "opmodel.server.middleware.BodyLimit",
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
    "axes.middleware.AxesMiddleware",
]

if CONFIG.behind_proxy:
    # one reverse proxy terminates TLS: it says so in X-Forwarded-Proto (so that CSRF origin
    # checks, Secure cookies and absolute URLs see https) and who called in X-Forwarded-For
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    MIDDLEWARE.insert(0, "opmodel.server.proxy.ForwardedFor")

ROOT_URLCONF = "opmodel.server.urls"
WSGI_APPLICATION = "opmodel.server.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # one writer at a time, waiting for the lock rather than failing; WAL lets readers go on
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling: before the password check
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"  # in the user's language, status 429

SESSION_COOKIE_SECURE = CONFIG.secure_cookies
CSRF_COOKIE_SECURE = CONFIG.secure_cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
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
    },
}

LANGUAGE_CODE = "ja"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365  # the language a user chose is remembered for a year
LANGUAGES = [("ja", "日本語"), ("en", "English")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CONFIG.data_dir / "static"  # where `collectstatic` puts files for a proxy to serve
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there first
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serves the packaged files without a collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = CONFIG.max_upload_bytes
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A revision stores a whole copy of the document when the change sets since the last copy add
# up to this share of its size, or are this many: reads stay bounded, small edits stay small.
OPMODEL_SNAPSHOT_SHARE = 0.25
OPMODEL_SNAPSHOT_EVERY = 200

# Days a job's file (a report) is kept after the job ends; the worker deletes older ones.
OPMODEL_JOB_FILES_DAYS = CONFIG.job_files_days

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING"},
                "opmodel": {"handlers": ["console"], "level": "INFO"}},
}
