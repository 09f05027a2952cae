"""Everything the compliance module plugs into at start-up: incremental re-evaluation on record
changes, syncing shipped profiles after migrate, navigation, scheduled jobs, the attestation
approval flow, demo data and the regulation choices a government picks from."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

_state = threading.local()


def _watched() -> dict[str, set[str]]:
    from .checks import watched_models

    if getattr(_state, "watched", None) is None:
        _state.watched = watched_models()
    return _state.watched


def _pending() -> dict:
    if not hasattr(_state, "pending"):
        _state.pending = {}
    return _state.pending


def _flush(key) -> None:
    """Re-evaluate what a committed change affects; later callbacks for the same record kind and
    owner in the same transaction find the work done. (A rolled-back change leaves an entry that
    the next change of that kind simply replaces.)"""
    from . import engine

    entry = _pending().pop(key, None)
    if entry is not None:
        engine.reevaluate_for_record(*entry)


def _on_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .models import Attestation, ComplianceStatus, RunSummary, StatusChange

    if sender in (ComplianceStatus, StatusChange, RunSummary):
        return
    if sender is Attestation:
        # Submitted and decided in one transaction (or many attestations in one, as the demo does):
        # one re-evaluation per obligation and subject, after commit.
        # (A rolled-back change leaves an entry that the next change simply replaces.)
        key = (sender._meta.label, instance.government_id, instance.obligation_id, instance.agency_id)
        _pending()[key] = instance
        transaction.on_commit(lambda: _reevaluate_attestation(_pending().pop(key, None)))
        return
    names = _watched().get(sender._meta.label)
    if not names:
        return
    key = (sender._meta.label, getattr(instance, "owner_agency_id", None))
    _pending()[key] = (instance, names)
    transaction.on_commit(lambda: _flush(key))


def _reevaluate_attestation(attestation) -> None:
    from . import engine

    if attestation is None:
        return  # done by an earlier callback

    government = attestation.government
    engine.reevaluate(government, [attestation.obligation], {attestation.agency_id})


def _on_activity_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        from . import services

        services.activity_recorded(instance)


# A government read without its regulation (a list showing only its name): nothing to remember,
# and reading it there would cost a query per record.
_NOT_LOADED = object()


def _on_government_saved(sender, instance, created=False, raw=False, **kwargs):
    """Choosing another regulation re-evaluates the whole government with it."""
    if raw:
        return
    loaded = getattr(instance, "_previous_regulation", None)
    if loaded is _NOT_LOADED and "regulation" not in instance.__dict__:
        return  # neither read nor set through this instance: unchanged by this save
    if instance.regulation and (created or loaded != instance.regulation):
        from . import engine
        from .models import Regulation

        if Regulation.objects.filter(code=instance.regulation).exists():
            transaction.on_commit(lambda: engine.run_full(instance, trigger="regulation"))
    instance._previous_regulation = instance.regulation


def _remember_regulation(sender, instance, **kwargs):
    instance._previous_regulation = instance.__dict__.get("regulation", _NOT_LOADED)


def _sync_profiles(sender, **kwargs):
    if sender.label == "compliance":
        from .profiles import sync_shipped

        sync_shipped()


def connect() -> None:
    from django.db.models.signals import post_init

    from spbe.core import approvals, permissions
    from spbe.core.registry import NavItem, registry
    from spbe.core.ui import register_uis
    from spbe.org.models import Government

    from . import activity_ui, checks, demo, panels, scheduled, services, ui  # noqa: F401  (checks register on import)
    from .models import RecordedActivity

    post_save.connect(_on_change, dispatch_uid="compliance-on-save")
    post_delete.connect(_on_change, dispatch_uid="compliance-on-delete")
    post_init.connect(_remember_regulation, sender=Government, dispatch_uid="compliance-gov-init")
    post_save.connect(_on_government_saved, sender=Government, dispatch_uid="compliance-gov-saved")
    post_migrate.connect(_sync_profiles, dispatch_uid="compliance-sync-profiles")
    post_save.connect(_on_activity_created, sender=RecordedActivity, dispatch_uid="compliance-activity")

    for order, (url_name, label) in enumerate(
        [
            ("compliance:government", _("Matriks kepatuhan")),
            ("compliance:my_agency", _("Kepatuhan PD saya")),
            ("compliance:regulation_list", _("Regulasi dan kewajiban")),
            ("compliance:attestation_list", _("Pernyataan pemenuhan")),
            ("compliance:recordedactivity_list", _("Kegiatan tercatat")),
        ]
    ):
        registry.add_nav(NavItem("compliance", label, url_name, "", order))
    approvals.register_flow(services.ATTESTATION_FLOW)
    approvals.register_flow(services.ACTIVITY_FLOW)
    panels.register()
    register_uis(
        "compliance"
    )  # records' API routes, navigation and search (compliance/ui.py, activity_ui.py)
    _register_home_panels()
    registry.add_scheduled("compliance.run", scheduled.run_if_due)
    registry.add_scheduled("compliance.attestation_expiry", scheduled.warn_expiring_attestations)
    registry.add_demo(50, demo.build)
    registry.add_demo(55, demo.build_activities)
    registry.add_demo(100, demo.final_run)
    registry.regulation_choices = services.regulation_choices
    registry.regulation_government_kind = services.regulation_government_kind
    for action in services.ACTIONS:
        permissions.register_action(action)


def _register_home_panels() -> None:
    from spbe.core.home import HomePanel, register

    from . import home

    for key, roles, order in (
        ("ict_office", ("platform_admin", "ict_admin"), 10),
        ("leader", ("leader",), 20),
        ("agency", ("agency_admin", "agency_head"), 30),
    ):
        register(HomePanel(key, roles, f"compliance/home_{key}.html", getattr(home, f"{key}_panel"), order))
