"""One error body for the whole API: {"detail": ..., "code": ..., "errors": {field: [..]}}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from ..errors import ConflictError, DomainError


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
        response.data = {"detail": "Data tidak valid.", "code": "invalid", "errors": errors}
    else:
        detail = data.get("detail", data) if isinstance(data, dict) else data
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"detail": str(detail), "code": code, "errors": {}}
    return response
