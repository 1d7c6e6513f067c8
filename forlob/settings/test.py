"""Settings for the test suite (SQLite unless DATABASE_URL points elsewhere)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-0b6f3c1d2e4a5b6c7d8e9f0a1b2c3d4e"  # noqa: S105  # nosec B105  # tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fixed keys for test data only (fictional CPR numbers); production takes them from the environment.
FORLOB_CPR_KEY = "2hw1JKkr2RBLT1MxeJsARVDL9IcE7OLqHC2/78j6wyk="  # noqa: S105
FORLOB_CPR_INDEX_KEY = "BBPDsitLUSLVF8k1iCVCY7XgDU+NtCyR5uKymvtUOD4="  # noqa: S105
# The audit chain's anchors: a fixed test key, and a file of this run's own (tests pass tmp_path).
FORLOB_AUDIT_ANCHOR_KEY = "3TEHILMOt6wYA7YwMLm+3xVF6Lx/4BqLnOYB8axdQSU="  # noqa: S105
FORLOB_AUDIT_ANCHOR_FILE = Path(tempfile.gettempdir()) / f"forlob-test-anchors-{os.getpid()}" / "anchors.jsonl"
FORLOB_TOTP_KEY = "evcSzAT2umj9t//VxvehDvP3cmZBpaP38+xkgjLewes="  # noqa: S105

# One test database per test run, so that runs sharing a PostgreSQL server never collide.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
