"""What other modules read of the infrastructure records (servers, backup plans, restore drills,
bandwidth and access decisions). Other modules call these instead of reaching into the models,
so the module can change its tables without breaking its readers. Each is a fixed number of
queries, whatever the size."""

import datetime

from django.db.models import Q

from .models import BackupPlan, RestoreTest, Server

OUT_OF_SERVICE = ("planned", "retired")


def application_hosts(application_ids) -> list[tuple[int, str, str, int | None]]:
    """(application id, server name, facility kind or "", facility's managing agency id) for each
    server in service that hosts one of the applications: one query."""
    rows = (
        Server.applications.through._base_manager.filter(application_id__in=list(application_ids))
        .exclude(server__status__in=OUT_OF_SERVICE)
        .values_list(
            "application_id", "server__name", "server__facility__kind", "server__facility__agency_id"
        )
    )
    return [(app_id, name, kind or "", agency_id) for app_id, name, kind, agency_id in rows]


def servers_by_application(application_ids) -> dict[int, list[int]]:
    """server id -> the ids of the applications among `application_ids` it hosts: one query."""
    out: dict[int, list[int]] = {}
    for server_id, app_id in Server.applications.through._base_manager.filter(
        application_id__in=list(application_ids)
    ).values_list("server_id", "application_id"):
        out.setdefault(server_id, []).append(app_id)
    return out


def backup_plans_covering(government, application_ids, server_ids) -> list[tuple]:
    """The active backup plans of the government naming one of the applications or servers, as
    (plan id, name, restore period in months, application id, server id), by name: one query."""
    return list(
        BackupPlan._base_manager.filter(active=True, agency__government=government)
        .filter(Q(application_id__in=list(application_ids)) | Q(server_id__in=list(server_ids)))
        .order_by("name", "pk")
        .values_list("pk", "name", "restore_every_months", "application_id", "server_id")
    )


def last_good_restores(plan_ids) -> dict[int, datetime.date]:
    """plan id -> the date of its latest successful restore drill: one query."""
    last: dict[int, datetime.date] = {}
    for plan_id, tested_on in (
        RestoreTest._base_manager.filter(plan_id__in=list(plan_ids), result="success")
        .order_by("plan_id", "-tested_on")
        .values_list("plan_id", "tested_on")
    ):
        last.setdefault(plan_id, tested_on)
    return last


def bandwidth_in_force(agency, on=None) -> list:
    """The bandwidth allocations in force for an agency (one per link, and its internet access)."""
    from .services import bandwidth_in_force as in_force

    return in_force(agency, on)


def access_policy_in_force(agency, on=None):
    """The internet access policy that applies to an agency, or None."""
    from .services import access_policy_in_force as in_force

    return in_force(agency, on)
