from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "spbe.core"
    label = "core"
    verbose_name = _("Inti platform")

    def ready(self):
        from . import audit, checks_system  # noqa: F401  (system checks register on import)
        from .registry import registry

        audit.connect()
        from . import tokens

        tokens.connect()
        from django.db.models.signals import post_delete, post_save

        from . import models, notifications, versions

        versions.register_per_user(notifications.UNREAD_VERSION)
        # The signed-in account kept across requests (core/accounts.py): any write to an account
        # or a token retires it in every process.
        from django.apps import apps
        from django.contrib.auth import get_user_model

        from . import accounts

        versions.track(accounts.VERSION, get_user_model(), apps.get_model("authtoken", "Token"))
        for signal in (post_save, post_delete):
            signal.connect(notifications.notifications_changed, sender=models.Notification, weak=False)
        from .scheduled import fail_stale_imports

        registry.add_scheduled("core.fail_stale_imports", fail_stale_imports)
        registry.add_scheduled("core.audit_anchor", audit.scheduled_anchor)
        registry.add_nav_section("home", _("Beranda"), 0)
        registry.add_nav_section("org", _("Organisasi"), 10)
        registry.add_nav_section("compliance", _("Kepatuhan"), 20)
        registry.add_nav_section("planning", _("Perencanaan"), 30)
        registry.add_nav_section("applications", _("Aplikasi"), 40)
        registry.add_nav_section("data", _("Data"), 50)
        registry.add_nav_section("infrastructure", _("Infrastruktur"), 60)
        registry.add_nav_section("security", _("Keamanan"), 70)
        registry.add_nav_section("management", _("Manajemen"), 80)
        registry.add_nav_section("audit", _("Audit dan Evaluasi"), 90)
        registry.add_nav_section("system", _("Sistem"), 200)
        from .registry import NavItem

        # Official documents (core/documents.py): anyone checks one; administrators manage the key.
        registry.add_nav(NavItem("security", _("Verifikasi dokumen"), "core:verify", "certificate", 90))
        registry.add_nav(
            NavItem("system", _("Sertifikat penanda tangan"), "core:signing_key", "signature", 50)
        )
