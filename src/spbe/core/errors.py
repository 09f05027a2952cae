"""Typed domain errors: each carries a message a user can read."""

import re

from django.views.debug import SafeExceptionReporterFilter


class DomainError(Exception):
    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class ConflictError(DomainError):
    """Someone else saved the record after this user loaded it."""

    def __init__(self, message: str):
        super().__init__(message, code="conflict")


class ProtectedError(DomainError):
    def __init__(self, message: str):
        super().__init__(message, code="protected")


class ErrorReportFilter(SafeExceptionReporterFilter):
    """Django's filter, also hiding PINs (the HSM's SPBE_SIGNING_PKCS11_PIN) from error reports."""

    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + r"|(^|_)PIN(_|$)", re.I
    )
