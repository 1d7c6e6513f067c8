"""Settings for ``make bench`` and ``make serve`` on a test machine: production's code path (DEBUG
off, no demo way in) without its TLS-only cookies, with fixed keys for fictional data only.

The keys are the demo's (``forlob.settings.demo``), so a database loaded with ``load_demo`` or
``generate_scale_data`` under either reads back; never use them for real data. The database is
``DATABASE_URL`` (PostgreSQL for the bench).
"""

from forlob.settings import demo as _demo
from forlob.settings.base import *  # noqa: F403

DEBUG = False
FORLOB_DEMO = False
SECRET_KEY = "bench-only-not-secret-5d0c9b1f7a2e4c6b8d3f1a0e9c7b5a3d"  # noqa: S105  # nosec B105  # bench only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
FORLOB_CPR_KEY = _demo.FORLOB_CPR_KEY
FORLOB_CPR_INDEX_KEY = _demo.FORLOB_CPR_INDEX_KEY
FORLOB_AUDIT_ANCHOR_KEY = _demo.FORLOB_AUDIT_ANCHOR_KEY
FORLOB_TOTP_KEY = _demo.FORLOB_TOTP_KEY
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No collectstatic before a bench: plain static storage (production uses WhiteNoise's manifest).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
