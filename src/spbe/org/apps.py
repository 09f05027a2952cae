from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

AGENCY_CHOICES_VERSION = "org.agency_choices"


class OrgConfig(AppConfig):
    name = "spbe.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from spbe.core import home as home_panels
        from spbe.core import people, permissions
        from spbe.core.registry import registry
        from spbe.core.ui import register_uis

        from . import demo, home, models, navigation, views  # noqa: F401  (views declares the ModelUIs)
        from .choices import Role
        from .policy import RolePolicy, may_grant
        from .selectors import forget_shared_government_kind

        permissions.register_policy(RolePolicy())
        # the shared kind of government labels read per row (org/selectors.py)
        post_save.connect(forget_shared_government_kind, sender=models.Government, weak=False)
        post_delete.connect(forget_shared_government_kind, sender=models.Government, weak=False)
        # Role grants and agency choices kept across requests (core/versions.py): any change to
        # what they are computed from retires them in every process.
        from django.contrib.auth import get_user_model

        from spbe.core import accounts, versions

        from .policy import GRANTS_VERSION

        versions.register(GRANTS_VERSION)
        versions.register(AGENCY_CHOICES_VERSION)

        def grants_changed(sender, **kwargs):
            versions.bump(GRANTS_VERSION)

        def agencies_changed(sender, **kwargs):
            versions.bump(GRANTS_VERSION)  # the hierarchy expands agency-scoped roles
            versions.bump(AGENCY_CHOICES_VERSION)

        def person_changed(sender, instance, **kwargs):
            # The header of an account's pages shows its person: a person with an account
            # changed, or (before the save) a person is about to lose the account it had.
            loaded = instance._loaded_values or {}
            if instance.user_id is not None or loaded.get("user_id") is not None:
                accounts.changed()

        for signal in (post_save, post_delete):
            signal.connect(grants_changed, sender=models.RoleAssignment, weak=False)
            signal.connect(agencies_changed, sender=models.Agency, weak=False)
        for signal in (pre_save, post_save, post_delete):
            signal.connect(person_changed, sender=models.Person, weak=False)
        versions.track(accounts.VERSION, models.Agency)  # the header names the person's agency
        post_delete.connect(grants_changed, sender=get_user_model(), weak=False)
        versions.cache_choices(models.Agency, AGENCY_CHOICES_VERSION)
        people.register(related=("person", "person__agency"), label=models.person_label)
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
        permissions.register_action(
            permissions.Action(
                "core.signing_key.manage",
                _("Mengganti sertifikat penanda tangan dokumen"),
                roles=(Role.PLATFORM_ADMIN, Role.ICT_ADMIN),
                who=_("Admin platform dan admin Dinas Kominfo (seluruh pemerintah daerah)."),
            )
        )
        register_uis("org")  # API routes, navigation and search from the ModelUIs in views.py
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
