"""Error pages in the reader's language, shown whenever DEBUG is off (production and the demo)."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _is_api(request) -> bool:
    """An address no API route matched (`/api/v1/org/people/x/`, `/infrastructure/api/...`): its
    client reads JSON, in the API's one error shape (core/api/errors.py), not an HTML page."""
    return "/api/" in request.path


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    return render(request, "errors/403.html", status=403)


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan."), "code": "not_found", "errors": {}}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No request context: whatever failed (the database, a context processor) must not fail this too.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
