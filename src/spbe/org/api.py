from spbe.core.registry import registry


def register() -> None:
    from . import views

    for ui, prefix in (
        (views.GovernmentUI, "org/governments"),
        (views.AgencyUI, "org/agencies"),
        (views.PersonUI, "org/people"),
        (views.DecreeUI, "org/decrees"),
        (views.RoleAssignmentUI, "org/role-assignments"),
        (views.CoordinationTeamUI, "org/coordination-teams"),
        (views.CoordinationTeamMemberUI, "org/coordination-team-members"),
    ):
        registry.add_api(prefix, ui.viewset(), ui.model._meta.model_name)
