"""API authentication classes (kept apart from views: DRF imports them while loading its views)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .. import accounts, tokens


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token is older than SPBE_API_TOKEN_DAYS.

    The token and its user are read through the process's account store (core/accounts.py):
    no query of their own while nothing about them changed."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        token = accounts.lookup(
            accounts.token_key(key), lambda: model.objects.select_related("user").filter(key=key).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Token API tidak dikenal."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Akun pemilik token API tidak aktif atau sudah dihapus."))
        if tokens.is_expired(token):
            raise exceptions.AuthenticationFailed(_("Token API sudah kedaluwarsa; minta token baru."))
        return token.user, token
