"""The authentication backend: Django's, reading the signed-in user's person record (name,
position, agency: core.people) in the same query as the account. Every page names the user in
its header; without this, each request paid two more round trips for that name."""

from django.contrib.auth.backends import ModelBackend

from . import people


class Backend(ModelBackend):
    def get_user(self, user_id):
        user_model = self._user_model()
        try:
            user = user_model._default_manager.select_related(*people.related_paths()).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
