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

    for order, (url_name, label) in enumerate(
        [
            ("applications:application_list", _("Katalog aplikasi")),
            ("applications:landscape", _("Lanskap aplikasi")),
            ("applications:applicationrelease_list", _("Repositori aplikasi")),
            ("applications:applicationdocument_list", _("Dokumen aplikasi")),
            ("applications:applicationintegration_list", _("Integrasi aplikasi")),
            ("applications:commonapplication_list", _("Aplikasi Umum nasional")),
        ]
    ):
        registry.add_nav(NavItem("applications", label, url_name, "", order))
    for model in (
        models.Application,
        models.CommonApplication,
        models.ApplicationDocument,
        models.ApplicationRelease,
    ):
        registry.add_search(model, model.search_fields)
    for ui, prefix in views.API_PREFIXES.items():
        registry.add_api(prefix, ui.viewset(), ui.model._meta.model_name)
    for flow in services.FLOWS:
        approvals.register_flow(flow)
    registry.add_demo(70, demo.build)
    post_migrate.connect(_load_common_applications, dispatch_uid="applications-common-applications")
