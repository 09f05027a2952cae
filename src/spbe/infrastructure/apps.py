from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "spbe.infrastructure"
    label = "infrastructure"
    verbose_name = _("Infrastruktur SPBE")

    def ready(self):
        from . import wiring

        wiring.connect()
