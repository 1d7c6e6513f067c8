"""Production settings: everything from the environment, hardened, and never the demo way in."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if os.environ.get("FORLOB_DEMO"):
    raise ImproperlyConfigured("FORLOB_DEMO must never be set in production.")
FORLOB_DEMO = False

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY.") from missing
for _name in ("FORLOB_CPR_KEY", "FORLOB_CPR_INDEX_KEY"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"Set {_name} (32 random bytes, base64).")
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
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
