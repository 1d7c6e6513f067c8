"""Production settings: everything from the environment, hardened, and never the demo way in."""

import os

from django.core.exceptions import ImproperlyConfigured

from forlob.keys import key_problems

from .base import *  # noqa: F403

if os.environ.get("FORLOB_DEMO"):
    raise ImproperlyConfigured("FORLOB_DEMO must never be set in production.")
FORLOB_DEMO = False

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY.") from missing
# Every key must be exactly 32 bytes, base64 (forlob.keys); the message names it, never its value.
if _key_problems := key_problems(os.environ):
    raise ImproperlyConfigured(" ".join(_key_problems))
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# WhiteNoise serves the static files right after SecurityMiddleware, as its documentation asks.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE[: _security + 1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_security + 1 :]]  # noqa: F405
STORAGES = {
    # Letters: files 0600 in folders 0700 (FILE_UPLOAD_PERMISSIONS in base).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Static files are public: readable by a web server running as another user.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
# `manage.py collectstatic` must have run before the start; `manage.py check --deploy` refuses
# a start without its manifest (accounts.checks.static_manifest_collected).
