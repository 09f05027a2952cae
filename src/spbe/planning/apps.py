from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "spbe.planning"
    label = "planning"
    verbose_name = _("Perencanaan SPBE")

    def ready(self):
        from . import wiring

        wiring.connect()
