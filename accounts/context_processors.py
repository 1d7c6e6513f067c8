from django.conf import settings
from django.utils.crypto import salted_hmac

DRAFT_OWNER_SALT = "forlob.accounts.draft_owner"


def draft_owner_key(user) -> str:
    """The key under which the browser keeps this user's unsent form text (static/js/session.js).

    An HMAC of the user's id with ``SECRET_KEY``: the same for the same user in every session (so
    text kept across an idle logout comes back after logging in again), different for every other
    user, and not guessable from the id. Drafts stored under another key are deleted, never shown.
    """
    return salted_hmac(DRAFT_OWNER_SALT, str(user.pk), algorithm="sha256").hexdigest()


def session_limits(request) -> dict:
    """Idle limit and warning time for the session warning script (static/js/session.js), and the
    draft owner key of a user who passed both factors (none on the login pages)."""
    user = getattr(request, "user", None)
    verified = bool(user and user.is_authenticated and getattr(user, "is_verified", lambda: False)())
    return {
        "session_idle_seconds": settings.FORLOB_SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.FORLOB_SESSION_WARNING_SECONDS,
        "session_warning_clock": "{}:{:02d}".format(*divmod(settings.FORLOB_SESSION_WARNING_SECONDS, 60)),
        "draft_owner_key": draft_owner_key(user) if verified else "",
    }
