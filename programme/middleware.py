from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class FrenchFirstLocaleMiddleware(MiddlewareMixin):
    """Speak French unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a
    French local authority's site speaks French first, so only the language cookie set
    by the language switch counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
