"""Login and token brute-force protection: failures counted per username and per address."""

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    return [f"login-fail:user:{(username or '').lower()}", f"login-fail:addr:{address}"]


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


def reset(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
