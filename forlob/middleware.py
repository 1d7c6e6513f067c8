from django.conf import settings
from django.utils import translation


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
