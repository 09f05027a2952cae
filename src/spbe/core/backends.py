"""The authentication backend: Django's, reading the signed-in user's person record (name,
position, agency: core.people) in the same query as the account. Every page names the user in
its header; without this, each request paid two more round trips for that name. The account is
kept in the process between requests while it is unchanged (core/accounts.py)."""

from django.contrib.auth.backends import ModelBackend

from . import accounts, people


class Backend(ModelBackend):
    def get_user(self, user_id):
        user_model = self._user_model()
        user = accounts.lookup(
            ("user", str(user_id)),
            lambda: (
                user_model._default_manager.select_related(*people.related_paths()).filter(pk=user_id).first()
            ),
            user_id=user_id,
        )
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
