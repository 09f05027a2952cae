from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManagementConfig(AppConfig):
    name = "spbe.management"
    label = "management"
    verbose_name = _("Manajemen SPBE")

    def ready(self):
        from . import wiring

        wiring.connect()
