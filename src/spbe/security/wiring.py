"""What this module plugs into at start-up: navigation, API routes and search (from the ModelUIs),
named actions, the approval flow of security services, check types and evidence kinds, the home
panel of the ICT office, the panel on an application's page, demo data, the shipped service kinds."""

from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _

ICT_ROLES = ("platform_admin", "ict_admin")


def _load_service_kinds(sender, using="default", **kwargs):
    if sender.label != "security":
        return
    from django.db import connections

    from .models import SecurityServiceKind
    from .services import service_kinds_load

    if SecurityServiceKind._meta.db_table not in connections[using].introspection.table_names():
        return
    service_kinds_load()


def _incident_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import incident_reported

        incident_reported(instance)


def connect() -> None:
    from spbe.core import approvals, permissions
    from spbe.core.home import HomePanel, register
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_panel, register_uis

    from . import checks, demo, home, models, services, views  # noqa: F401  (checks register on import)

    for name, label, who in (
        (services.HANDLE_ACTION, _("Menangani insiden keamanan"), _("Admin Dinas Kominfo (seluruh pemda)")),
        (
            services.MONITOR_ACTION,
            _("Mencatat pemantauan sertifikat elektronik"),
            _("Admin Dinas Kominfo (seluruh pemda)"),
        ),
        (
            services.SERVICE_REPORT_ACTION,
            _("Merencanakan dan melaporkan layanan keamanan informasi"),
            _("Admin Dinas Kominfo (seluruh pemda)"),
        ),
    ):
        permissions.register_action(
            permissions.Action(name, label, roles=("ict_admin",), scope=permissions.GOVERNMENT, who=who)
        )
    register_uis("security")
    registry.add_nav(NavItem("security", _("Cakupan sertifikat"), "security:coverage", "", 1))
    registry.add_nav(NavItem("security", _("Statistik insiden"), "security:statistics", "", 5))
    for flow in services.FLOWS:
        approvals.register_flow(flow)
    checks.register_evidence()
    register(HomePanel("security_ict", ICT_ROLES, "security/home_ict.html", home.ict_panel, 40))
    register_panel(
        "applications.application",
        "security_incidents",
        _("Insiden keamanan"),
        "security/panel_application_incidents.html",
        home.application_incidents,
    )
    # A risk registered from a vulnerability finding shows where it came from (the link back).
    register_panel(
        "management.risk",
        "security_findings",
        _("Asal temuan kerentanan"),
        "security/panel_risk_findings.html",
        views.risk_findings,
    )
    # Certificate coverage where leaders look: the compliance dashboard and an agency's compliance page.
    register_panel(
        "compliance.dashboard",
        "security_certificates",
        _("Cakupan sertifikat elektronik per perangkat daerah"),
        "security/panel_coverage.html",
        home.dashboard_coverage,
        order=20,
    )
    register_panel(
        "compliance.agency",
        "security_certificates",
        _("Cakupan sertifikat elektronik"),
        "security/panel_coverage.html",
        home.agency_coverage,
        order=20,
    )
    registry.add_demo(80, demo.build)
    registry.add_demo(90, demo.build_late)
    post_migrate.connect(_load_service_kinds, dispatch_uid="security-service-kinds")
    post_save.connect(_incident_saved, sender=models.Incident, dispatch_uid="security-incident-reported")
