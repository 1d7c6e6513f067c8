"""Login in two steps (password, then TOTP code), enrolment, logout and the session keep-alive."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forlob.net import has_control_characters
from organisations.models import Municipality

from . import services
from .decorators import login_not_required, second_factor_not_required
from .forms import EnrolmentCodeForm, LoginForm, TokenForm


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path only (redirect() would take anything else for a URL name: a 500), without controls.
    if (
        target.startswith("/")
        and not has_control_characters(target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_verified():
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["public_municipalities"] = Municipality.objects.filter(standards__isnull=False).distinct()
        context["demo"] = settings.FORLOB_DEMO
        return context

    def get_success_url(self) -> str:
        # The password was right; the second factor comes next (Django has cycled the session key).
        next_url = _safe_next(self.request)
        step = "accounts:verify" if services.confirmed_device(self.request.user) else "accounts:enrol"
        return f"{reverse(step)}?{urlencode({'next': next_url})}"


login_view = login_not_required(LoginView.as_view())


@second_factor_not_required
def verify(request: HttpRequest) -> HttpResponse:
    device = services.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': _safe_next(request)})}")
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.second_factor_verify(request=request, device=device, token=form.cleaned_data["otp_token"])
        if check.accepted:
            return redirect(_safe_next(request))
        form.add_error(
            "otp_token",
            _("Too many wrong codes. Wait a moment and try again.")
            if check.throttled
            else _("The code is wrong or has expired. Try the newest code."),
        )
    if not form.errors:
        # The second step starts in the code field (the error summary takes the focus otherwise).
        form.fields["otp_token"].widget.attrs["autofocus"] = True
    demo = services.demo_code(device) if settings.FORLOB_DEMO else None
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request), "demo": demo})


NO_CODE_MESSAGE = gettext_lazy(
    "The enrolment code is wrong, has expired or has already been used. Ask your administrator for a new code."
)


@second_factor_not_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Step 1: the one-time enrolment code; step 2: the QR code and the app's first code."""
    if services.confirmed_device(request.user):
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': _safe_next(request)})}")
    device = services.enrolment_device(request)
    if device is None:
        return _enrolment_code_step(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.second_factor_enrol(request=request, device=device, token=form.cleaned_data["otp_token"])
        if check.accepted:
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(_safe_next(request))
        if check.enrolment_lapsed:
            messages.error(request, NO_CODE_MESSAGE)
            return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': _safe_next(request)})}")
        form.add_error("otp_token", _("The code is wrong or has expired. Try the newest code."))
    context = {
        "form": form,
        "next": _safe_next(request),
        "qr_svg": services.device_qr_svg(device),
        "secret": services.device_secret(device),
    }
    return render(request, "accounts/enrol.html", context)


def _enrolment_code_step(request: HttpRequest) -> HttpResponse:
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.enrolment_code_check(request=request, code=form.cleaned_data["enrolment_code"])
        if check.accepted:
            return redirect(f"{reverse('accounts:enrol')}?{urlencode({'next': _safe_next(request)})}")
        form.add_error(
            "enrolment_code",
            _("Too many wrong tries: the enrolment code no longer works. Ask your administrator for a new code.")
            if check.exhausted
            else NO_CODE_MESSAGE,
        )
    return render(request, "accounts/enrol_code.html", {"form": form, "next": _safe_next(request)})


@login_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


@require_POST
def keepalive(request: HttpRequest) -> JsonResponse:
    """The session warning's "stay logged in": the request itself resets the idle clock."""
    return JsonResponse({"idle_seconds": settings.FORLOB_SESSION_IDLE_SECONDS})
