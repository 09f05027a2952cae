"""What this module plugs into at start-up: navigation, search, API routes, approval flows, check
types and evidence kinds, named actions, demo data."""

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from spbe.core import approvals, permissions, versions
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis
    from spbe.org.models import Agency

    from . import checks, demo, services, views  # noqa: F401  (checks and tabs register on import)
    from .models import Dataset, Resource, Tag
    from .selectors import CATALOG_VERSION

    # The open catalog's public answers are kept in each process until one of these is written.
    versions.track(CATALOG_VERSION, Dataset, Resource, Tag, Agency)

    permissions.register_action(
        permissions.Action(
            "datasets.steward",
            _("Memeriksa, menerima/mengembalikan, mengklasifikasi dan menyebarluaskan dataset"),
            rule=lambda user, dataset: dataset is not None and services.is_steward(user, dataset),
            who=_("Walidata dengan cakupan yang meliputi PD produsen data, atau walidata tingkat pemda."),
        )
    )
    registry.add_nav(NavItem("data", _("Portal data terbuka"), "opendata:index", "", 6))
    register_uis("datasets")
    for flow in services.FLOWS:
        approvals.register_flow(flow)
    registry.add_demo(80, demo.build)
