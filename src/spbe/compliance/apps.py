from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "spbe.compliance"
    label = "compliance"
    verbose_name = _("Kepatuhan regulasi")

    def ready(self):
        from . import wiring

        wiring.connect()
