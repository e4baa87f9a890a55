from django.conf import settings
from django.utils import translation


class FrenchFirstLocaleMiddleware:
    """Speak French unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a
    French local authority's site speaks French first, so only the language cookie set
    by the language switch counts. The language is active for this request only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response
