from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "spbe.applications"
    label = "applications"
    verbose_name = _("Aplikasi SPBE")

    def ready(self):
        from . import wiring

        wiring.connect()
