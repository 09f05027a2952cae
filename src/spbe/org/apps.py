from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "spbe.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self):
        from spbe.core import home as home_panels
        from spbe.core import people, permissions
        from spbe.core.registry import NavItem, registry

        from . import api, demo, home, models, navigation
        from .policy import RolePolicy

        permissions.register_policy(RolePolicy())
        people.register(related=("person", "person__agency"), label=models.person_label)
        for order, (url_name, label, icon) in enumerate(
            [
                ("org:agency_list", _("Perangkat Daerah"), "building"),
                ("org:person_list", _("Pegawai"), "users"),
                ("org:decree_list", _("Keputusan"), "file-certificate"),
                ("org:coordinationteam_list", _("Tim Koordinasi SPBE"), "users-group"),
                ("org:roleassignment_list", _("Penugasan peran"), "key"),
                ("org:government_list", _("Pemerintah daerah"), "building-community"),
            ]
        ):
            registry.add_nav(NavItem("org", label, url_name, icon, order))
        for model in (
            models.Agency,
            models.Person,
            models.Decree,
            models.CoordinationTeam,
            models.Government,
        ):
            registry.add_search(model, model.search_fields)
        api.register()
        navigation.register()
        registry.add_demo(10, demo.build, demo.account_lines)
        home_panels.register(
            home_panels.HomePanel(
                "role_work",
                tuple(home.ROLE_WORK),
                "org/home_role.html",
                home.role_panel,
                order=50,
            )
        )
