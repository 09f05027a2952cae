"""API authentication classes (kept apart from views: DRF imports them while loading its views)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .. import tokens


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token is older than SPBE_API_TOKEN_DAYS."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if tokens.is_expired(token):
            raise exceptions.AuthenticationFailed(_("Token API sudah kedaluwarsa; minta token baru."))
        return user, token
