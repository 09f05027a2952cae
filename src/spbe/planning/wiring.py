"""What this module plugs into at start-up: navigation, search, API routes, check types, evidence
kinds, approval flows, demo data."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_references(sender, **kwargs):
    """Load the national reference codes (levels 1-2) after every migrate; writes only changes."""
    if sender.label == "planning":
        from .references import sync_national

        sync_national()


NAVIGATION = (
    # (url name, label)
    ("planning:overview", _("Ringkasan perencanaan")),
    ("planning:architecture_list", _("Arsitektur SPBE")),
    ("planning:roadmap_list", _("Peta Rencana SPBE")),
    ("planning:masterplan_list", _("Rencana induk / roadmap TIK")),
    ("planning:budgetline_list", _("Anggaran SPBE")),
    ("planning:budget_summary", _("Ringkasan anggaran")),
    ("planning:businessprocess_list", _("Proses bisnis")),
    ("planning:service_list", _("Layanan SPBE")),
    ("planning:agencyneed_list", _("Kebutuhan TIK PD")),
    ("planning:review_list", _("Reviu dokumen")),
    ("planning:reference_overview", _("Referensi arsitektur")),
)


def connect() -> None:
    from spbe.core.registry import NavItem, registry

    from . import api, checks, demo, models  # noqa: F401  (checks register on import)

    post_migrate.connect(_sync_references, dispatch_uid="planning-sync-references")
    for order, (url_name, label) in enumerate(NAVIGATION):
        registry.add_nav(NavItem("planning", label, url_name, "", order))
    for model in (
        models.Architecture,
        models.ArchitectureItem,
        models.Roadmap,
        models.RoadmapItem,
        models.MasterPlan,
        models.BudgetLine,
        models.Service,
        models.BusinessProcess,
        models.Review,
        models.AgencyNeed,
        models.ReferenceModel,
    ):
        registry.add_search(model, model.search_fields)
    api.register()
    registry.add_demo(60, demo.build)
