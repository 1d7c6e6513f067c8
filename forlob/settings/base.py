"""Settings shared by every environment.

Environment variables:
- ``DATABASE_URL``: database (default: the embedded SQLite file ``var/forlob.sqlite3``).
- ``FORLOB_SESSION_IDLE_MINUTES`` / ``FORLOB_SESSION_MAX_HOURS``: session limits (15 / 12).
- ``FORLOB_TRUSTED_PROXIES``: reverse proxies whose X-Forwarded-For is believed (docs/operations.md).
- ``FORLOB_LOCKOUT_BY_ADDRESS``: "1"/"0" to lock whole addresses or not (default: behind a trusted proxy).
- ``FORLOB_STATIC_ROOT``: where ``collectstatic`` writes (default ``var/static``).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    # Kept only for accounts' migration 0002, which moves its clear-text keys to the encrypted
    # accounts.AuthenticatorDevice and empties its table; no code uses TOTPDevice any more.
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",  # django-csp: its system checks on the policy below
    "audit",
    "organisations",
    "standards",
    "accounts",
    "citizens",
    "courses",
    "assessments",
    "decisions",
    "deadlines",
    "plans",
    "appointments",
    "treatment",
    "discharges",
    "followups",
    "journal",
    "timeline",
    "caseloads",
    "anonymous",
    "exports",
    "emergency",
    "dashboard",
    "smdb",
    "home",
    "scale",
    "demo",
]

MIDDLEWARE = [
    # First: no header with junk in it (NUL, control characters, invalid UTF-8, overlong) reaches
    # anything below, and no answer but a static file is kept in a cache (forlob.middleware).
    "forlob.middleware.CleanRequestMiddleware",
    "forlob.middleware.NoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response carries the policies, also the redirects and refusals that
    # the middleware below answers with itself.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "forlob.middleware.DanishUnlessChosenMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.middleware.RequestContextMiddleware",
    "accounts.middleware.SessionLimitMiddleware",
    "accounts.middleware.VerifiedStaffRequiredMiddleware",
    "organisations.middleware.SuperuserAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "forlob.urls"
WSGI_APPLICATION = "forlob.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.session_limits",
                "organisations.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'forlob.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers take the lock when their transaction starts, so that two requests writing audit
    # events at once wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication --------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out usernames/addresses before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes with the progressive rule of forlob.lockout: after 5 failures of one username from
# one address, that username is locked *from that address* for 1, then 5, 15, 60 minutes; from
# anywhere else it logs in as usual. Whole addresses are locked only when the client address can
# be believed (FORLOB_TRUSTED_PROXIES set, or FORLOB_LOCKOUT_BY_ADDRESS=1).
AXES_FAILURE_LIMIT = 5
AXES_HANDLER = "forlob.lockout.ProgressiveLockoutHandler"
AXES_COOLOFF_TIME = "forlob.lockout.cooloff"
AXES_LOCKOUT_PARAMETERS = "forlob.lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "forlob.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "forlob.net.request_client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "forlob.lockout.username_for_lockout"
AXES_VERBOSE = False

# django-otp: TOTP tokens, issuer shown in the authenticator app.
OTP_TOTP_ISSUER = "Forløb"
OTP_TOTP_THROTTLE_FACTOR = 1

# --- E-mail (enrolment codes go to the user only) ----------------------------------------
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "forlob@localhost")

# The reverse proxies in front of Forløb (comma-separated addresses or CIDR networks): only
# behind one of them is X-Forwarded-For believed for the client address (forlob.net).
FORLOB_TRUSTED_PROXIES = os.environ.get("FORLOB_TRUSTED_PROXIES", "")
# Lock a whole address after repeated failures: "1" on, "0" off; unset: on behind a trusted proxy.
FORLOB_LOCKOUT_BY_ADDRESS = (
    None if os.environ.get("FORLOB_LOCKOUT_BY_ADDRESS", "") == "" else os.environ["FORLOB_LOCKOUT_BY_ADDRESS"] == "1"
)

# --- Sessions ---------------------------------------------------------------------------
# Idle and absolute limits are enforced by accounts.middleware.SessionLimitMiddleware.
FORLOB_SESSION_IDLE_SECONDS = 60 * int(os.environ.get("FORLOB_SESSION_IDLE_MINUTES", "15"))
FORLOB_SESSION_MAX_SECONDS = 3600 * int(os.environ.get("FORLOB_SESSION_MAX_HOURS", "12"))
FORLOB_SESSION_WARNING_SECONDS = 120
SESSION_COOKIE_AGE = FORLOB_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# The demo-only way past the second factor (shows the current code on the verify page).
# Production settings refuse to start with it on (forlob.checks too).
FORLOB_DEMO = False

# --- CPR protection (citizens.crypto) --------------------------------------------------
# 32-byte keys, base64-encoded, from the environment; never stored in the database.
FORLOB_CPR_KEY = os.environ.get("FORLOB_CPR_KEY", "")
FORLOB_CPR_INDEX_KEY = os.environ.get("FORLOB_CPR_INDEX_KEY", "")
# Authenticator-app (TOTP) secrets and enrolment-code hashes (accounts.crypto): also 32 bytes,
# base64, from the environment, and a key of its own.
FORLOB_TOTP_KEY = os.environ.get("FORLOB_TOTP_KEY", "")
# How long a one-time enrolment code for a new authenticator app is valid, and how many wrong tries it takes.
FORLOB_ENROLMENT_CODE_HOURS = int(os.environ.get("FORLOB_ENROLMENT_CODE_HOURS", "72"))
FORLOB_ENROLMENT_CODE_ATTEMPTS = 5

# Break-the-glass: how long a reasoned access to a citizen outside one's centres lasts.
FORLOB_BREAK_GLASS_MINUTES = int(os.environ.get("FORLOB_BREAK_GLASS_MINUTES", "30"))

# --- Audit log: database roles and anchors (audit.roles, audit.anchors; docs/operations.md) ---
# The role the application connects as; ``migrate`` (run as the owner role) grants it the normal
# privileges on every table and only SELECT and INSERT on the audit log. Empty: no grants.
FORLOB_DB_APP_ROLE = os.environ.get("FORLOB_DB_APP_ROLE", "")
# The chain's signed heads, kept outside the database (``manage.py anchor_audit_chain``).
FORLOB_AUDIT_ANCHOR_FILE = Path(os.environ.get("FORLOB_AUDIT_ANCHOR_FILE") or BASE_DIR / "var/audit/anchors.jsonl")
FORLOB_AUDIT_ANCHOR_KEY = os.environ.get("FORLOB_AUDIT_ANCHOR_KEY", "")  # 32 random bytes, base64

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("FORLOB_STATIC_ROOT", BASE_DIR / "var" / "static"))
# Letters and other documents about citizens: private, never served as static files; the app
# serves each through a view that checks access and audits the download.
MEDIA_ROOT = Path(os.environ.get("FORLOB_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Letters are readable by the application's own user only (files 0600, folders 0700).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- Security headers (production tightens the rest) -----------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4). Everything comes from our own origin; no inline script
# and no eval anywhere (all JavaScript is in static/js; tests/security checks every template).
#  - style-src 'self' only: neither our templates nor Django's admin templates carry a style
#    attribute or a <style> element; scripts (ours, the admin's) set styles through the CSSOM,
#    which CSP does not restrict. Documents for the citizen (letters, plans, the GDPR copy)
#    take their stylesheets from files read by WeasyPrint (forlob.documents), never served inline.
#  - img-src data: only for the empty favicon (<link rel="icon" href="data:,">) in base.html.
#  - form-action 'self': every form posts to Forløb itself; frame-ancestors 'none' (with
#    X-Frame-Options DENY) against clickjacking; base-uri and object-src 'none': no <base>
#    hijacking and no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Permissions-Policy (django-permissions-policy): no page uses these browser features, so none may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Every handler masks CPR-like numbers and runs of six or more digits (forlob.logging). Django's
# own loggers are re-pointed at these handlers: "django" (incl. django.request) propagates to the
# root's console, and runserver's request lines (django.server) get a masked handler of their own.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_digit_runs": {"()": "forlob.logging.MaskDigitRuns"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_digit_runs"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_digit_runs"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Appointment reminders (appointments.reminders): "console" (logs only that one was sent), "file"
# (JSON lines, mode 0600, at FORLOB_REMINDER_FILE or MEDIA_ROOT/reminders.jsonl) or a dotted path
# to a class with send(to, channel, text). FORLOB_REMINDER_SENDER: a neutral signature added to the
# text (empty: none; never a name that reveals substance-use treatment).
FORLOB_REMINDER_BACKEND = os.environ.get("FORLOB_REMINDER_BACKEND", "console")
FORLOB_REMINDER_FILE = os.environ.get("FORLOB_REMINDER_FILE", "")
FORLOB_REMINDER_SENDER = os.environ.get("FORLOB_REMINDER_SENDER", "")
