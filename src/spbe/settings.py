"""The platform's one settings module, configured only from the environment.

Development and the demo run with no environment at all (SQLite under ./var, DEBUG on);
production sets SPBE_DEBUG=0, SPBE_SECRET_KEY, SPBE_ALLOWED_HOSTS and DATABASE_URL
(see docs/operations.md).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("SPBE_VAR_DIR", Path.cwd() / "var")).resolve()
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # SQLite, uploads and collected files live here

# The demo (`make demo`, SPBE_DEMO=1) runs like production (DEBUG off: Indonesian error pages, no
# URL list on a wrong address) but on this machine over plain HTTP; SPBE_DEBUG=1 asks for the debug page.
DEMO = env_bool("SPBE_DEMO", False)
DEBUG = env_bool("SPBE_DEBUG", not DEMO)
LOCAL = DEBUG or DEMO  # served to this machine only: development key, local host names, no TLS
_DEV_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SPBE_SECRET_KEY", _DEV_KEY if LOCAL else "")
if not SECRET_KEY:
    raise RuntimeError("SPBE_SECRET_KEY wajib diisi bila SPBE_DEBUG=0 (produksi).")
ALLOWED_HOSTS = env_list("SPBE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if LOCAL else "")
CSRF_TRUSTED_ORIGINS = env_list("SPBE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served locally: no CDN
    "django_tasks",
    "django_tasks_db",
    # The platform: core first (mechanisms), then org, then the domain modules.
    "spbe.core",
    "spbe.org",
    "spbe.compliance",
    "spbe.planning",
    "spbe.applications",
    # security module (issue 13)
    "spbe.security",
    # management (issue 14)
    "spbe.management",
    "spbe.datasets",  # datasets: Satu Data
    # infrastructure (issue 12)
    "spbe.infrastructure",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spbe.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "spbe.core.middleware.AuditContextMiddleware",
    "spbe.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "spbe.urls"
WSGI_APPLICATION = "spbe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "spbe.core.context_processors.platform",
            ],
        },
    },
]

# Django's own backend, reading the user's person record with the account (core/backends.py).
AUTHENTICATION_BACKENDS = ["spbe.core.backends.Backend"]

# Django's form renderer, with <select> options written in Python (core/renderers.py).
FORM_RENDERER = "spbe.core.renderers.Renderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'spbe.sqlite3'}",
        conn_max_age=int(os.environ.get("SPBE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a background import writes. Connections are kept
    # like on PostgreSQL (SPBE_DB_CONN_MAX_AGE): each thread of a gunicorn sync worker or of
    # runserver has its own, so the PRAGMAs and the schema are not re-read on every request.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,  # seconds a writer waits for another (busy timeout)
            # A transaction takes the write lock when it begins, so it waits (busy timeout) for
            # another writer instead of failing with "database is locked" when a read turns into
            # a write (SQLite cannot wait in that case).
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and cache live in the database so web processes stay stateless.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("SPBE_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("SPBE_CACHE_LOCATION", "spbe_cache"),
    },
    # Import progress is written outside the import's transaction, so not to the database.
    "progress": {
        "BACKEND": os.environ.get(
            "SPBE_PROGRESS_CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"
        ),
        "LOCATION": os.environ.get("SPBE_PROGRESS_CACHE_LOCATION", str(VAR_DIR / "progress")),
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# A list filter left on its empty choice does not filter: say "all", not Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Semua")

# Bahasa Indonesia first; English is the second locale. Source strings are Indonesian.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
FORMAT_MODULE_PATH = ["spbe.formats"]  # one date and time style per language (src/spbe/formats/)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("SPBE_TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    # Uploaded files are never served directly: downloads go through permission-checked views.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("SPBE_MEDIA_ROOT", str(VAR_DIR / "media"))},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not LOCAL
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Locally WhiteNoise serves straight from the source folders (no collectstatic), with DEBUG off too.
WHITENOISE_USE_FINDERS = LOCAL

# Attachments: what may be uploaded.
SPBE_UPLOAD_MAX_BYTES = int(os.environ.get("SPBE_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
SPBE_UPLOAD_EXTENSIONS = env_list(
    "SPBE_UPLOAD_EXTENSIONS", "pdf,png,jpg,jpeg,xlsx,xls,csv,docx,doc,odt,ods,zip,tar.gz,txt"
)
# The service desk's mail gateway (docs/management.md): the Maildir the scheduled job
# `management.mail` reads (empty: only `spbe tickets receive-mail` on a pipe), and the desk's own
# address, whose messages are never turned into tickets (no loops).
SPBE_TICKET_MAILDIR = os.environ.get("SPBE_TICKET_MAILDIR", "")
SPBE_TICKET_MAIL_ADDRESS = os.environ.get("SPBE_TICKET_MAIL_ADDRESS", "")
# Imports above this many rows run as a background task with a progress bar.
SPBE_IMPORT_INLINE_MAX_ROWS = int(os.environ.get("SPBE_IMPORT_INLINE_MAX_ROWS", "500"))
# An XLSX is parsed within the web request only when its sheet is at most this big uncompressed.
SPBE_IMPORT_INLINE_MAX_BYTES = int(os.environ.get("SPBE_IMPORT_INLINE_MAX_BYTES", str(2 * 1024 * 1024)))
# Refused before parsing: more data rows than this, or an XLSX inflating beyond this many bytes.
SPBE_IMPORT_MAX_ROWS = int(os.environ.get("SPBE_IMPORT_MAX_ROWS", "50000"))
SPBE_IMPORT_MAX_XLSX_BYTES = int(os.environ.get("SPBE_IMPORT_MAX_XLSX_BYTES", str(200 * 1024 * 1024)))
# Login throttling: failures allowed per username and per address within the window.
SPBE_LOGIN_MAX_FAILURES = int(os.environ.get("SPBE_LOGIN_MAX_FAILURES", "5"))
SPBE_LOGIN_WINDOW_SECONDS = int(os.environ.get("SPBE_LOGIN_WINDOW_SECONDS", "900"))
# API tokens expire this many days after they are issued, and are revoked by a password change.
SPBE_API_TOKEN_DAYS = int(os.environ.get("SPBE_API_TOKEN_DAYS", "30"))
# Behind a proxy REMOTE_ADDR is the proxy: name the header the proxy sets (nginx: HTTP_X_REAL_IP),
# so login throttling counts per real client and not for the whole site.
SPBE_CLIENT_IP_HEADER = os.environ.get("SPBE_CLIENT_IP_HEADER", "")
# Production runs behind nginx (docs/operations.md); a start without the header above logs a warning.
SPBE_BEHIND_PROXY = env_bool("SPBE_BEHIND_PROXY", not LOCAL)

# The audit chain's head is copied here (and to syslog when a socket is named, e.g. /dev/log) by
# `spbe audit anchor` and `spbe run-scheduled`; `spbe audit verify` checks the chain against it.
# `spbe backup` writes its sets here unless --output is given (deploy/spbe-backup.service sets it).
SPBE_BACKUP_DIR = os.environ.get("SPBE_BACKUP_DIR", str(VAR_DIR / "backups"))
SPBE_AUDIT_ANCHOR_FILE = os.environ.get("SPBE_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.jsonl"))
SPBE_AUDIT_ANCHOR_SYSLOG = os.environ.get("SPBE_AUDIT_ANCHOR_SYSLOG", "")

# Documents signed with a key that never leaves a hardware security module (PKCS#11): the module's
# library, the token's label, the key's label (the certificate is read from the token under the same
# label unless SPBE_SIGNING_PKCS11_CERT names another) and the user PIN, preferably in a file. Unset,
# the PKCS#12 sources of core/signing.py sign. The PIN is hidden from error reports (ErrorReportFilter).
SPBE_SIGNING_PKCS11_MODULE = os.environ.get("SPBE_SIGNING_PKCS11_MODULE", "")
SPBE_SIGNING_PKCS11_TOKEN = os.environ.get("SPBE_SIGNING_PKCS11_TOKEN", "")
SPBE_SIGNING_PKCS11_KEY = os.environ.get("SPBE_SIGNING_PKCS11_KEY", "")
SPBE_SIGNING_PKCS11_CERT = os.environ.get("SPBE_SIGNING_PKCS11_CERT", "")
SPBE_SIGNING_PKCS11_PIN = os.environ.get("SPBE_SIGNING_PKCS11_PIN", "")
SPBE_SIGNING_PKCS11_PIN_FILE = os.environ.get("SPBE_SIGNING_PKCS11_PIN_FILE", "")
DEFAULT_EXCEPTION_REPORTER_FILTER = "spbe.core.errors.ErrorReportFilter"

# Mail: console in development; production sets SMTP through these.
EMAIL_BACKEND = os.environ.get("SPBE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("SPBE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SPBE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SPBE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SPBE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SPBE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("SPBE_EMAIL_FROM", "spbe@localhost")
# The address links in mail point to.
SPBE_BASE_URL = os.environ.get("SPBE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("SPBE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "spbe.core.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["spbe.core.api.permissions.ObjectPolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "spbe.core.api.filters.PlatformFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "spbe.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "spbe.core.api.schema.PlatformAutoSchema",
    "EXCEPTION_HANDLER": "spbe.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SPBE API",
    "DESCRIPTION": (
        "REST API platform SPBE. Autentikasi: token (Authorization: Token <kunci>).\n\n"
        "Relasi dibaca sebagai objek `{id, display}` dan ditulis sebagai id. Daftar dibagi per "
        "halaman dengan kursor (`next`/`previous`). Setiap jawaban galat memakai satu bentuk: "
        "`{detail, code, errors}`.\n\n"
        "**Versi (penguncian optimistis).** Setiap jawaban memuat `version`. Perubahan (PUT/PATCH) "
        "sebaiknya mengirim kembali `version` yang dibaca: bila data telah diubah sejak itu, "
        "perubahan ditolak dengan 409 dan tidak ada yang ditulis. `version` harus bilangan bulat "
        "positif; nilai lain (teks, 0, negatif, null) ditolak dengan 400. Perubahan tanpa `version` "
        "diterima dan berlaku atas versi terbaru: PATCH hanya mengubah isian yang dikirim, sehingga "
        "skrip yang mengisi satu kolom tidak perlu membaca dulu; klien yang menyunting data yang "
        "dibaca pengguna wajib mengirim `version` agar tidak menimpa perubahan orang lain."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a `status` field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "DocumentStatusEnum": "spbe.planning.choices.DocumentStatus",
        "RoadmapStatusEnum": "spbe.planning.choices.RoadmapStatus",
        "NeedStatusEnum": "spbe.planning.choices.NeedStatus",
        "ApplicationStatusEnum": "spbe.applications.choices.ApplicationStatus",
        "CommonFieldEnum": "spbe.applications.choices.CommonField",
        # names the merged modules share ("category", "scope"): each choice set named for what it is
        "IPScopeEnum": "spbe.infrastructure.choices.IPScope",
        "AssetCategoryEnum": "spbe.infrastructure.choices.AssetCategory",
        "RiskCategoryEnum": "spbe.management.choices.RiskCategory",
        "CertificationScopeEnum": "spbe.management.choices.CertificationScope",
        # management (issue 14)
        "TicketStatusEnum": "spbe.management.choices.TicketStatus",
        "ArticleStatusEnum": "spbe.management.choices.ArticleStatus",
        "RegisterStatusEnum": "spbe.management.choices.RegisterStatus",
        "TreatmentStatusEnum": "spbe.management.choices.TreatmentStatus",
        "TicketKindEnum": "spbe.management.choices.TicketKind",
        "CriterionKindEnum": "spbe.management.choices.CriterionKind",
        "DevelopmentKindEnum": "spbe.management.choices.DevelopmentKind",
        "ChangeKindEnum": "spbe.management.choices.ChangeKind",
        "CalendarDayKindEnum": "spbe.management.choices.CalendarDayKind",
        "RiskLevelEnum": "spbe.management.choices.RiskLevel",
        "TreatmentOptionEnum": "spbe.management.choices.TreatmentOption",
        "TicketPriorityEnum": "spbe.management.choices.TicketPriority",
        "ImpactAreaEnum": "spbe.management.choices.ImpactArea",
        "LikelihoodEnum": "spbe.management.choices.Likelihood",
        "ImpactEnum": "spbe.management.choices.Impact",
        "CompetencyLevelEnum": "spbe.management.choices.CompetencyLevel",
        # security: a classification decision's `level` is the platform's classification
        "ClassificationEnum": "spbe.core.choices.Classification",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "spbe.core.api.schema.blank_is_anyof",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Production hardening; `spbe check --deploy` is clean with SPBE_DEBUG=0.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not LOCAL:
    SECURE_SSL_REDIRECT = env_bool("SPBE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SPBE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SPBE_LOG_LEVEL", "WARNING")},
}

SPBE_SITE_NAME = _("SPBE")
