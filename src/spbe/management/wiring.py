"""What this module plugs into at start-up: navigation, search, API routes, check types and
evidence kinds, approval flows, scheduled jobs, the home panel, demo data, and the holiday
calendar of the current and next year loaded after migrate."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_calendar(sender, using="default", **kwargs):
    if sender.label != "management":
        return
    from django.db import connections

    from .models import CalendarDay
    from .services import calendar_load_current

    if CalendarDay._meta.db_table not in connections[using].introspection.table_names():
        return
    calendar_load_current()


def _desk_panel(request):
    from . import selectors

    return selectors.desk_summary(request.user)


def connect() -> None:
    from spbe.core import approvals, home, navigation, versions
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis
    from spbe.org.choices import Role

    from . import checks, demo, filtersets, mailgate, models, services, views  # noqa: F401  (checks register on import)

    versions.track(filtersets.PROBLEM_CHOICES_VERSION, models.Problem)
    versions.cache_choices(models.Problem, filtersets.PROBLEM_CHOICES_VERSION)
    registry.add_nav(NavItem("management", _("Buka tiket"), "management:ticket_open", "", 0))
    registry.add_nav(NavItem("management", _("Insiden berulang"), "management:repeated_incidents", "", 2))
    registry.add_nav(NavItem("management", _("Matriks analisis risiko"), "management:risk_matrix", "", 13))
    registry.add_nav(NavItem("management", _("Kesenjangan kompetensi"), "management:competency_gaps", "", 23))
    register_uis("management")
    for flow in (services.RISK_REGISTER_FLOW, services.CHANGE_FLOW):
        approvals.register_flow(flow)
    registry.add_scheduled("management.calendar", services.calendar_load_current)
    registry.add_scheduled("management.tickets", services.tickets_refresh)
    registry.add_scheduled("management.mail", mailgate.poll)
    registry.add_demo(80, demo.build)
    home.register(
        home.HomePanel(
            key="service_desk",
            roles=(Role.SERVICE_DESK_TIER1, Role.SERVICE_DESK_TIER2, Role.ICT_ADMIN),
            template="management/_home_desk.html",
            context=_desk_panel,
            order=5,
        )
    )
    desk = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.SERVICE_DESK_TIER1, Role.SERVICE_DESK_TIER2)
    navigation.restrict_to("management:calendarday_list", desk)
    navigation.restrict_to("management:inboundmail_list", desk)
    navigation.restrict_to("management:repeated_incidents", desk)
    navigation.restrict_to("management:servicelevel_list", (*desk, Role.AGENCY_ADMIN, Role.AGENCY_HEAD))
    post_migrate.connect(_load_calendar, dispatch_uid="management-calendar")
