from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "spbe.security"
    label = "security"
    verbose_name = _("Keamanan informasi")

    def ready(self):
        from . import wiring

        wiring.connect()
