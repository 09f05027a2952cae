"""What this module plugs into at start-up: navigation, search, API routes, check types, evidence
kinds, approval flows, demo data."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_references(sender, **kwargs):
    """Load the national reference codes (levels 1-2) after every migrate; writes only changes."""
    if sender.label == "planning":
        from .references import sync_national

        sync_national()


# Pages that are not a model's list (those come with their ModelUI's `nav`): (order, url name, label)
NAVIGATION = (
    (0, "planning:overview", _("Ringkasan perencanaan")),
    (5, "planning:budget_summary", _("Ringkasan anggaran")),
    (10, "planning:reference_overview", _("Referensi arsitektur")),
)


def connect() -> None:
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis

    from . import checks, demo, views  # noqa: F401  (checks register on import; views declares the UIs)

    post_migrate.connect(_sync_references, dispatch_uid="planning-sync-references")
    for order, url_name, label in NAVIGATION:
        registry.add_nav(NavItem("planning", label, url_name, "", order))
    register_uis("planning")  # API routes, navigation and search from the ModelUIs in views.py
    registry.add_demo(60, demo.build)
