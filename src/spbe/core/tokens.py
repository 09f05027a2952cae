"""API tokens: they expire (SPBE_API_TOKEN_DAYS), die with a password change, and each user can
see and revoke their own (page /account/tokens/ and GET/DELETE /api/v1/auth/tokens/).

One token per user (DRF's token model); the key is shown only when it is issued.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.utils import timezone


def _token_model():
    from rest_framework.authtoken.models import Token  # loaded with the API, not at start-up

    return Token


def expires_at(token) -> datetime.datetime:
    return token.created + datetime.timedelta(days=settings.SPBE_API_TOKEN_DAYS)


def is_expired(token) -> bool:
    return timezone.now() >= expires_at(token)


def issue(user):
    """The user's live token, or a new one when there is none or it expired."""
    Token = _token_model()
    token = Token.objects.filter(user=user).first()
    if token is not None and not is_expired(token):
        return token
    if token is not None:
        token.delete()
    return Token.objects.create(user=user)


def tokens_of(user) -> list[dict]:
    """What a user may know of their tokens: never the key, only its first characters."""
    return [
        {
            "prefix": token.key[:6],
            "created": token.created,
            "expires": expires_at(token),
            "expired": is_expired(token),
        }
        for token in _token_model().objects.filter(user=user)
    ]


def revoke(user) -> int:
    deleted, _per_model = _token_model().objects.filter(user=user).delete()
    return deleted


def _remember_password_change(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance.spbe_password_changed = stored is not None and stored != instance.password


def _revoke_after_password_change(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "spbe_password_changed", False):
        instance.spbe_password_changed = False
        revoke(instance)


def connect() -> None:
    user_model = get_user_model()
    pre_save.connect(_remember_password_change, sender=user_model, dispatch_uid="spbe-token-pw-pre")
    post_save.connect(_revoke_after_password_change, sender=user_model, dispatch_uid="spbe-token-pw-post")
