"""The login lockout: slow down guessing without letting anyone lock the real user out.

django-axes records every failed login (``AccessAttempt``, per username, client address and user
agent). The rule, in ``cooloff_after``: once a username has failed ``FAILURE_LIMIT`` times *from
one address* since its last successful login there, each further failure locks that username
from that address for a while that grows with the failures — 1 minute, then 5, 15 and at most 60.
A failure is forgotten 24 hours after the latest one (``RETENTION``). The same username from any
other address is not locked, so somebody guessing elsewhere cannot lock a colleague out.

Locks of a whole address (any username) are on only when the client address can be believed:
behind a configured trusted proxy (``FORLOB_TRUSTED_PROXIES``) or when enabled explicitly
(``FORLOB_LOCKOUT_BY_ADDRESS``); see ``address_wide_locks``.
"""

import datetime
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from audit.services import username_as_logged

from .net import trusted_proxies

FAILURE_LIMIT = 5
RETENTION = datetime.timedelta(hours=24)
# (failures at least, lock after each further failure), longest first.
STEPS = (
    (20, datetime.timedelta(minutes=60)),
    (15, datetime.timedelta(minutes=15)),
    (10, datetime.timedelta(minutes=5)),
    (FAILURE_LIMIT, datetime.timedelta(minutes=1)),
)


def cooloff_after(failures: int) -> datetime.timedelta | None:
    """How long the latest failure locks, after ``failures`` failures in all; None below the limit."""
    for threshold, delay in STEPS:
        if failures >= threshold:
            return delay
    return None


def locked_until(failures: int, latest: datetime.datetime | None) -> datetime.datetime | None:
    """When a lock after ``failures`` failures, the latest at ``latest``, ends; None when there is none."""
    delay = cooloff_after(failures)
    if delay is None or latest is None:
        return None
    return latest + delay


def address_wide_locks() -> bool:
    """Whether failures from one address lock every username from it.

    ``FORLOB_LOCKOUT_BY_ADDRESS`` decides when set; unset, only behind a trusted proxy: without
    one, everybody behind a municipality's shared address (or a proxy nobody configured) would
    share one lock, and one person's typing errors or one attacker would lock them all out.
    """
    explicit = getattr(settings, "FORLOB_LOCKOUT_BY_ADDRESS", None)
    return bool(trusted_proxies()) if explicit is None else bool(explicit)


def lockout_parameters(request_or_attempt=None, credentials=None) -> list:
    """django-axes' ``AXES_LOCKOUT_PARAMETERS``: the username with the address, and the address alone
    when ``address_wide_locks()``."""
    parameters: list = [["username", "ip_address"]]
    if address_wide_locks():
        parameters.append("ip_address")
    return parameters


def username_for_lockout(request, credentials=None) -> str:
    """django-axes' ``AXES_USERNAME_CALLABLE``: the typed username as the audit log keeps it, so that
    a password or CPR number typed into the username field is not stored in axes' records either.
    A real username is kept as it is, so its lock works as before."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    return username_as_logged(str(source.get(settings.AXES_USERNAME_FORM_FIELD) or ""))


def _now(request) -> datetime.datetime:
    return getattr(request, "axes_attempt_time", None) or timezone.now()


class ProgressiveLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with the progressive rule above.

    django-axes counts failures only inside one fixed cool-off window, and deletes every older
    record at once; here failures are kept for ``RETENTION`` and each lockout parameter set (the
    username with the address; the address alone) is locked while its latest failure is younger
    than ``cooloff_after`` its number of failures.
    """

    def failure_sets(self, request, credentials=None) -> list[tuple[int, datetime.datetime | None]]:
        """(failures, latest failure) for each lockout parameter set of the request."""
        sets = []
        for attempts in self.filter_user_attempts(request, credentials):
            totals = attempts.aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
            sets.append((totals["failures"] or 0, totals["latest"]))
        return sets

    def lock_end(self, request, credentials=None) -> datetime.datetime | None:
        """The latest end of a lock in force for the request, or None."""
        now = _now(request)
        ends = [locked_until(failures, latest) for failures, latest in self.failure_sets(request, credentials)]
        return max((end for end in ends if end is not None and end > now), default=None)

    def get_failures(self, request, credentials=None) -> int:
        """The failures of the longest-counting parameter set that is locked now (0 when none is)."""
        now = _now(request)
        locked = []
        for failures, latest in self.failure_sets(request, credentials):
            end = locked_until(failures, latest)
            if end is not None and end > now:
                locked.append(failures)
        return max(locked, default=0)

    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=timezone.now() - RETENTION).delete()
        return count


def cooloff(request=None) -> datetime.timedelta:
    """django-axes' ``AXES_COOLOFF_TIME``: how long the request's lock still lasts (the longest step
    when there is no request to look at)."""
    if request is None or not hasattr(request, "axes_attempt_time"):
        return STEPS[0][1]
    end = ProgressiveLockoutHandler().lock_end(request)
    return max(end - _now(request), datetime.timedelta(0)) if end else STEPS[-1][1]


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' ``AXES_LOCKOUT_CALLABLE``: the lockout page, saying when to try again (429)."""
    remaining = cooloff(request)
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE)
