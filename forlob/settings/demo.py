"""Settings for ``make run``: the embedded SQLite database, demo data, the demo way in."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = "demo-only-not-secret-6c1f0b1e4d2a4f7c9e8b3a5d7f1c2e4a"  # noqa: S105  # nosec B105  # demo only
FORLOB_DEMO = True
# Fixed keys for demo data only (fictional CPR numbers); production takes them from the environment.
FORLOB_CPR_KEY = "vR4TQ/oyQnuektaovFpHQgEymEM3JWOr9e1/l+hrBqw="  # noqa: S105
FORLOB_CPR_INDEX_KEY = "9YmXTlva6hiSeeaV+A49jK7oRaru2jTDUer1syAOvDg="  # noqa: S105
FORLOB_AUDIT_ANCHOR_KEY = "sTj7BI5n60s3CK/s0yuDqJcs1u08NxEB1cpntoD/XB4="  # noqa: S105  (demo only)
FORLOB_TOTP_KEY = "8vBH1em+um6JFGp8LMmf0533N8tJrUYHCsChUqsQhEw="  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # enrolment codes in the terminal
