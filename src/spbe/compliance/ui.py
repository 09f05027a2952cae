"""Compliance records through the same pattern as every other model: list (filter, export),
detail and history pages under /compliance/records/, and a read API under /api/v1/compliance/.
Read-only: regulations come from profiles, statuses from the engine, attestations from their
workflow (the dashboard pages stay where they were)."""

from django.utils.translation import gettext_lazy as _

from spbe.core.ui import ModelUI, Nav

from . import filtersets, tables
from .models import Attestation, ComplianceStatus, Obligation, Regulation


class RecordUI(ModelUI):
    read_only = True

    @classmethod
    def name(cls, action: str) -> str:
        # "record_" keeps the generic pages' URL names apart from the dashboard's own pages.
        return f"record_{cls.model._meta.model_name}_{action}"


class RegulationUI(RecordUI):
    model = Regulation
    path = "records/regulations"
    api_prefix = "compliance/regulations"
    table = tables.RegulationTable
    filterset = filtersets.RegulationFilterSet
    fields = ("code", "regency", "province", "number", "year", "title", "set_on", "based_on", "shipped")


class ObligationUI(RecordUI):
    model = Obligation
    path = "records/obligations"
    api_prefix = "compliance/obligations"
    table = tables.ObligationTable
    filterset = filtersets.ObligationFilterSet
    nav = Nav("compliance", _("Daftar kewajiban"), 10)
    fields = (
        "regulation",
        "code",
        "citation",
        "article",
        "paragraph",
        "group",
        "statement",
        "subject",
        "period",
        "severity",
        "check_type",
        "retired",
    )


class ComplianceStatusUI(RecordUI):
    model = ComplianceStatus
    path = "records/statuses"
    api_prefix = "compliance/statuses"
    searchable = False  # derived rows: found through their obligation
    table = tables.ComplianceStatusTable
    filterset = filtersets.ComplianceStatusFilterSet
    nav = Nav("compliance", _("Status kepatuhan"), 11)
    fields = ("obligation", "agency", "status", "reason", "next_step", "evaluated_at", "since", "stale")


class AttestationUI(RecordUI):
    model = Attestation
    path = "records/attestations"
    api_prefix = "compliance/attestations"
    searchable = False  # listed and filtered on their own pages
    table = tables.AttestationTable
    filterset = filtersets.AttestationFilterSet
    fields = (
        "obligation",
        "agency",
        "statement",
        "evidence_links",
        "valid_from",
        "valid_until",
        "status",
        "submitted_by",
    )
