"""Login and token brute-force protection: failures counted per username and per address.

A success clears only the username's counter: clearing the address's too would let an attacker
who knows one good login interleave it with guesses and guess forever from one address.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("spbe.security")


def _user_key(username: str) -> str:
    return f"login-fail:user:{(username or '').lower()}"


def _address_key(address: str) -> str:
    return f"login-fail:addr:{address}"


def _keys(username: str, address: str) -> list[str]:
    return [_user_key(username), _address_key(address)]


def client_address(request) -> str:
    header = settings.SPBE_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def is_locked(username: str, address: str) -> bool:
    limit = settings.SPBE_LOGIN_MAX_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        if cache.add(key, 1, settings.SPBE_LOGIN_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.SPBE_LOGIN_WINDOW_SECONDS)


def record_success(username: str) -> None:
    """The account's own counter restarts; the address keeps counting its failures."""
    cache.delete(_user_key(username))


def proxy_warning() -> str:
    """Why login throttling would count every client together, or "" when it will not."""
    if settings.DEBUG or not settings.SPBE_BEHIND_PROXY or settings.SPBE_CLIENT_IP_HEADER:
        return ""
    return (
        "SPBE berjalan di belakang proxy (SPBE_BEHIND_PROXY=1) tanpa SPBE_CLIENT_IP_HEADER: semua klien "
        "tampak dengan alamat proxy dan berbagi satu penghitung kegagalan login. Setel "
        "SPBE_CLIENT_IP_HEADER (nginx: HTTP_X_REAL_IP)."
    )


def warn_if_misconfigured() -> None:
    message = proxy_warning()
    if message:
        logger.warning(message)
