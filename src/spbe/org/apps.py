from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "spbe.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self):
        from spbe.core import permissions
        from spbe.core.registry import NavItem, registry

        from . import api, demo, models
        from .policy import RolePolicy, may_grant

        permissions.register_policy(RolePolicy())
        permissions.register_action(
            permissions.Action(
                "org.role.grant",
                _("Memberi atau mengakhiri peran"),
                rule=lambda user, target: may_grant(user, *target),
                who=_(
                    "Admin platform: semua peran. Admin Dinas Kominfo: peran PD di PD mana pun dan "
                    "service desk tier 2. Admin PD dan kepala PD: peran PD di PD-nya dan sub-unitnya."
                ),
            )
        )
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
        registry.add_demo(10, demo.build, demo.account_lines)
