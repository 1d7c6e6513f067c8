"""Break-the-glass rules: pure."""

from datetime import datetime, timedelta

MIN_REASON_LENGTH = 20


def expires_at(granted_at: datetime, minutes: int) -> datetime:
    """Access ends ``minutes`` after it is granted; a new need needs a new reason."""
    return granted_at + timedelta(minutes=minutes)


def reason_is_sufficient(reason: str) -> bool:
    """A reason is a sentence that a reviewer can judge, not a token ("akut", "x")."""
    return len(" ".join(reason.split())) >= MIN_REASON_LENGTH
