from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "spbe.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self):
        from spbe.core import permissions
        from spbe.core.registry import registry
        from spbe.core.ui import register_uis

        from . import demo, views  # noqa: F401  (views declares the ModelUIs)
        from .policy import RolePolicy

        permissions.register_policy(RolePolicy())
        register_uis("org")  # API routes, navigation and search from the ModelUIs in views.py
        registry.add_demo(10, demo.build, demo.account_lines)
