from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.utils import translation

from . import net


class DanishUnlessChosenMiddleware:
    """Danish for everyone, English only for a user who chose it (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, but a Danish
    municipality's system speaks Danish whatever the browser is set to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CleanRequestMiddleware:
    """First in the chain: no request header reaches the application with junk in it.

    Every ``HTTP_*`` value (User-Agent, Cookie with the session and CSRF cookies, Referer,
    X-Forwarded-For, ...) is cleaned by ``forlob.net.clean_header_value``: control characters such
    as NUL removed, invalid UTF-8 replaced, overlong values cut. So neither Django's session lookup
    nor django-axes' record of a failed login nor the audit log ever meets a value the database
    refuses (PostgreSQL text cannot hold NUL), and a login fails, counts and is audited as usual.
    A path with a control character is no page of Forløb: 404, before any view or lookup sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        for key, value in list(meta.items()):
            if key.startswith("HTTP_") and isinstance(value, str):
                limit = net.MAX_COOKIE_LENGTH if key == "HTTP_COOKIE" else net.MAX_HEADER_LENGTH
                cleaned = net.clean_header_value(value, limit)
                if cleaned != value:
                    meta[key] = cleaned
        # request.COOKIES and request.headers are read lazily from META; drop copies made before this ran.
        request.__dict__.pop("COOKIES", None)
        request.__dict__.pop("headers", None)
        if net.has_control_characters(request.path):
            raise Http404("A path with a control character.")
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing Forløb answers is kept in a browser's or proxy's cache, except the static files.

    Pages show personal data (health and social data about named citizens), and so do the PDF
    letters; a shared computer's browser cache or back button must not show them to the next
    person. Every response but those under ``STATIC_URL`` carries ``Cache-Control: no-store``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(_static_prefix()) and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


def _static_prefix() -> str:
    """The path under which static files are served (settings.STATIC_URL, with its script prefix)."""
    path = urlsplit(settings.STATIC_URL or "").path or "/static/"
    return path if path.startswith("/") else f"/{path}"
