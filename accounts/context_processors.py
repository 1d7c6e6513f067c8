from django.conf import settings


def session_limits(request) -> dict:
    """Idle limit and warning time for the session warning script (static/js/session.js)."""
    return {
        "session_idle_seconds": settings.FORLOB_SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.FORLOB_SESSION_WARNING_SECONDS,
        "session_warning_clock": "{}:{:02d}".format(*divmod(settings.FORLOB_SESSION_WARNING_SECONDS, 60)),
    }
