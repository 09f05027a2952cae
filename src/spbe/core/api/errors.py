"""One error body for the whole API: {"detail": ..., "code": ..., "errors": {field: [..]}}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from ..errors import ConflictError, DomainError


def _messages(value, where: str = "") -> list[str]:
    """A field's errors as the documented flat list of strings; errors of a list's items or a
    nested object's fields ({"0": ["..."]}) are named by their place ("butir 1: ...")."""
    if isinstance(value, dict):
        out = []
        for key, inner in value.items():
            label = _("butir %(n)s") % {"n": int(key) + 1} if str(key).isdigit() else str(key)
            out += _messages(inner, f"{where}{label}: ")
        return out
    if isinstance(value, list | tuple):
        return [m for item in value for m in _messages(item, where)]
    return [f"{where}{value}"]


def exception_handler(exc, context):
    if isinstance(exc, ConflictError):
        return Response(
            {"detail": exc.message, "code": "conflict", "errors": {}}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DomainError):
        code = status.HTTP_409_CONFLICT if exc.code == "protected" else status.HTTP_400_BAD_REQUEST
        return Response({"detail": exc.message, "code": exc.code, "errors": {}}, status=code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        errors = {field: _messages(value) for field, value in errors.items()}
        response.data = {"detail": "Data tidak valid.", "code": "invalid", "errors": errors}
    else:
        detail = data.get("detail", data) if isinstance(data, dict) else data
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"detail": str(detail), "code": code, "errors": {}}
    return response
