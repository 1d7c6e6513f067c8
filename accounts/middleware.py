"""Deny by default, and the idle and absolute session limits."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record

SESSION_STARTED = "forlob_started"
SESSION_LAST_SEEN = "forlob_last_seen"


class VerifiedStaffRequiredMiddleware:
    """Every view needs a logged-in user who passed the second factor, unless marked otherwise.

    Public views carry Django's ``@login_not_required``; the verify and enrol steps carry
    ``@second_factor_not_required``. Anything else redirects to the login (deny by default).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
        if not getattr(view_func, "forlob_second_factor_required", True):
            return None
        if not user.is_verified():
            return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.get_full_path()})}")
        return None


class SessionLimitMiddleware:
    """Ends a session after ``FORLOB_SESSION_IDLE_SECONDS`` idle or ``FORLOB_SESSION_MAX_SECONDS`` in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if now - last_seen > settings.FORLOB_SESSION_IDLE_SECONDS:
                minutes = settings.FORLOB_SESSION_IDLE_SECONDS // 60
                return self._end(
                    request, _("You were logged out after %(minutes)s minutes without activity.") % {"minutes": minutes}
                )
            if now - started > settings.FORLOB_SESSION_MAX_SECONDS:
                hours = settings.FORLOB_SESSION_MAX_SECONDS // 3600
                return self._end(
                    request,
                    _("You were logged out because a session lasts at most %(hours)s hours.") % {"hours": hours},
                )
            request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)

    def _end(self, request, message: str):
        user = request.user
        audit_record(actor=user, action=AuditEvent.Action.SESSION_EXPIRED, obj=user)
        logout(request)
        messages.info(request, message + " " + _("Log in again; text you had not saved is restored."))
        next_path = request.get_full_path() if request.method == "GET" else request.path
        return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': next_path})}")
