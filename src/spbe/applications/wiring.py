"""What this module plugs into at start-up: navigation, search, API routes, check types, approval
flows, demo data, and the national list of common applications loaded after migrate."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_common_applications(sender, using="default", **kwargs):
    if sender.label != "applications":
        return
    from django.db import connections

    from .models import CommonApplication
    from .services import common_applications_load

    if CommonApplication._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back below the table
    common_applications_load()


def connect() -> None:
    from spbe.core import approvals, permissions
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis

    from . import checks, demo, models, selectors, services, views  # noqa: F401  (checks register on import)

    permissions.register_action(
        permissions.Action(
            "applications.download",
            _("Mengunduh arsip kode sumber dan dokumen dari repositori"),
            rule=selectors.may_download,
            who=_(
                "PD pemilik aplikasi (peran bercakupan PD itu), Dinas Kominfo (admin Dinas Kominfo dan "
                "peran bercakupan PD Kominfo) dan auditor."
            ),
        )
    )

    registry.add_nav(NavItem("applications", _("Lanskap aplikasi"), "applications:landscape", "", 1))
    register_uis("applications")  # API routes, navigation and search from the ModelUIs in views.py
    for flow in services.FLOWS:
        approvals.register_flow(flow)
    registry.add_demo(70, demo.build)
    post_migrate.connect(_load_common_applications, dispatch_uid="applications-common-applications")
