"""Language choice: Dutch unless the user picked another language with the switch.

Django's LocaleMiddleware also follows the browser's Accept-Language header, so an official
whose browser happens to be set to English would get `lang="en"` and a half-translated page
without ever asking for it. Samenspel is a Dutch service: the language changes only when the
user uses the language switch (which sets the language cookie through /i18n/setlang/).

To use it, MIDDLEWARE lists "samenspel.core.i18n.ChosenLanguageMiddleware" in place of
"django.middleware.locale.LocaleMiddleware".
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code in {language for language, _name in settings.LANGUAGES}:
        return code
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
