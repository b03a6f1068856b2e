from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switch (the language
    cookie). Django's own middleware would follow the browser's Accept-Language header, so
    an officer with an English-language browser would get English pages they did not ask for."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivatePagesMiddleware:
    """What a signed-in user is shown is theirs alone: `Cache-Control: private, no-store`, so that
    neither a shared proxy nor the browser's cache (an office computer passed on to a colleague,
    the back button after signing out) keeps it. A response that says its own Cache-Control keeps
    it; anonymous pages (login, /v/) and static files (answered before this runs) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
