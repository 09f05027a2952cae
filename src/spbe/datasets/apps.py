from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "spbe.datasets"
    label = "datasets"
    verbose_name = _("Satu Data")

    def ready(self):
        from . import wiring

        wiring.connect()
