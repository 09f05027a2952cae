from django.conf import settings
from django.utils import translation

from . import context
from .choices import EntryPoint


class AuditContextMiddleware:
    """Marks every request's writes with the acting user and the entry point."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/admin/"):
            entry = EntryPoint.ADMIN
        elif path.startswith("/api/"):
            entry = EntryPoint.API
        else:
            entry = EntryPoint.WEB
        with context.acting(entry_point=entry, request=request) as ctx:
            request.request_id = ctx.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = ctx.request_id
        return response


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: every script and style is served from our own origin."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/docs"):
            return response  # the API docs page loads its own inline bootstrap
        response.setdefault("Content-Security-Policy", self.POLICY)
        if not settings.DEBUG:
            response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class LanguageMiddleware:
    """Bahasa Indonesia unless the user chose otherwise with the language switch (its cookie).

    The browser's Accept-Language is ignored on purpose: staff laptops are often set to English,
    and the platform speaks Indonesian first.
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
