"""What this module plugs into at start-up: navigation, search, API routes, check types and
evidence kinds, approval flows, the allocation right, and demo data."""

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from spbe.core import approvals, permissions
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis

    from . import checks, demo, services, views  # noqa: F401  (checks register on import)

    permissions.register_action(
        permissions.Action(
            services.ALLOCATE,
            _("Menomori dan mengalokasikan alamat IP, blok dan VLAN; menyusun laporan aset TIK"),
            roles=("platform_admin", "ict_admin"),
            scope=permissions.GOVERNMENT,
            who=_("Admin Dinas Kominfo dan admin platform (tingkat pemda)."),
        )
    )
    registry.add_nav(
        NavItem("infrastructure", _("Diagram jaringan dari inventaris"), "infrastructure:network_map", "", 23)
    )
    register_uis("infrastructure")
    for flow in services.FLOWS:
        approvals.register_flow(flow)
    registry.add_demo(80, demo.build)
