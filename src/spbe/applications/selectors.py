"""Reads other modules and pages need: the documents an application must have under the
government's regulation, the national common applications it may duplicate, who may download
from the repository, and the landscape graph."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from spbe.compliance.selectors import profile_parameters
from spbe.org.choices import Role

from .choices import (
    ApplicationKind,
    ApplicationStatus,
    CommonField,
    DeveloperKind,
    DocumentType,
    IntegrationMethod,
    SourceModel,
)
from .models import Application, ApplicationDocument, ApplicationIntegration, CommonApplication

# The eight fields Perpres 95/2018 reserves for Aplikasi Umum: an agency application in one of
# them duplicates a national common application unless the ICT office decides otherwise.
NATIONAL_COMMON_FIELDS = frozenset(CommonField.values) - {CommonField.OTHER}


# --- Documents required by the regulation ------------------------------------------------------


def required_document_codes(parameters: dict) -> list[str]:
    """DocumentType codes a regulation profile requires, in the profile's order. With
    `lifecycle_stages_required` (Parigi Moutong Pasal 24 ayat (6)-(7)) the record of the system
    development life cycle stages is required too."""
    codes = [c for c in parameters.get("application_documents") or [] if c in DocumentType.values]
    if parameters.get("lifecycle_stages_required") and DocumentType.LIFECYCLE_RECORD not in codes:
        codes.append(DocumentType.LIFECYCLE_RECORD.value)
    return codes


def documents_expected(application: Application) -> bool:
    """National applications come from the central government; the regency is not handed
    their documents."""
    return application.developer_kind != DeveloperKind.NATIONAL


def required_documents(application: Application, parameters: dict | None = None) -> list[DocumentType]:
    """The documents this application must have under its government's regulation profile."""
    if not documents_expected(application):
        return []
    if parameters is None:
        parameters = profile_parameters(application.agency.government)
    return [DocumentType(code) for code in required_document_codes(parameters)]


@dataclass
class ChecklistItem:
    doc_type: DocumentType
    required: bool
    documents: list = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.documents)


@dataclass
class DocumentChecklist:
    items: list[ChecklistItem]
    profile_chosen: bool
    expected: bool
    lifecycle_required: bool

    @property
    def required(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.required]

    @property
    def missing(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.required and not i.present]

    @property
    def present_count(self) -> int:
        return sum(1 for i in self.required if i.present)


def document_checklist(application: Application) -> DocumentChecklist:
    """Every required document type, present or missing, then the other documents delivered."""
    government = application.agency.government
    parameters = profile_parameters(government)
    required = required_documents(application, parameters)
    documents: dict[str, list] = {}
    for doc in ApplicationDocument.objects.filter(application=application).order_by("doc_type", "-created"):
        documents.setdefault(doc.doc_type, []).append(doc)
    items = [ChecklistItem(t, True, documents.get(t.value, [])) for t in required]
    required_codes = {t.value for t in required}
    for code in DocumentType.values:
        if code not in required_codes and code in documents:
            items.append(ChecklistItem(DocumentType(code), False, documents[code]))
    return DocumentChecklist(
        items=items,
        profile_chosen=bool(parameters),
        expected=documents_expected(application),
        lifecycle_required=bool(parameters.get("lifecycle_stages_required")),
    )


# --- Duplicates of national common applications ----------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    """Why an application looks like a national common application."""

    common: Any  # CommonApplication, or None when only the field is reserved
    field: str = ""  # the reserved CommonField it shares
    keyword: str = ""  # the keyword found in its name or purpose

    def describe(self) -> str:
        reasons = []
        if self.field:
            reasons.append(_("bidang %(f)s") % {"f": CommonField(self.field).label})
        if self.keyword:
            reasons.append(_("kata kunci “%(k)s”") % {"k": self.keyword})
        what = str(self.common) if self.common is not None else _("Aplikasi Umum nasional")
        if self.common is not None and not self.common.confirmed:
            what += " " + _("(penetapannya belum terkonfirmasi)")
        return f"{what} ({', '.join(reasons)})"


def _keywords(common: CommonApplication) -> list[str]:
    words = [common.name] + [w for w in re.split(r"[,;\n]", common.keywords or "")]
    return [w.strip().lower() for w in words if w and w.strip()]


def _found(keyword: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text) is not None


def duplicate_matches(application: Application, catalogue: list | None = None) -> list[DuplicateMatch]:
    """The national common applications this one may duplicate (Perpres 95/2018 Pasal 37):
    same reserved field, a keyword of one in its name or purpose, or the one it names. National
    applications themselves (an agency's use of SRIKANDI) are not duplicates."""
    if application.developer_kind == DeveloperKind.NATIONAL:
        return []
    if catalogue is None:
        catalogue = list(CommonApplication.objects.all())
    text = f"{application.name}\n{application.purpose}".lower()
    reserved = application.common_field if application.common_field in NATIONAL_COMMON_FIELDS else ""
    matches = []
    for common in catalogue:
        same_field = reserved and common.field == reserved
        keyword = next((k for k in _keywords(common) if _found(k, text)), "")
        named = application.common_application_id == common.pk
        if same_field or keyword or named:
            matches.append(DuplicateMatch(common, reserved if same_field else "", keyword))
    if reserved and not any(m.field for m in matches):
        matches.insert(0, DuplicateMatch(None, reserved))
    return matches


# --- The repository: who may download --------------------------------------------------------


def may_download(user, application: Application) -> bool:
    """Source archives and documents leave the repository only for the owner agency, the ICT
    office (its admins, and staff of the government's ICT office agency) and auditors."""
    from spbe.org.policy import grants_for

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    grants = grants_for(user)
    if not grants.roles:
        return False
    if Role.ICT_ADMIN in grants.roles or Role.AUDITOR in grants.roles:
        return True
    ict_office_id = application.agency.government.ict_office_id
    for scope in grants.scopes.values():
        if scope is None:
            continue  # a government-wide role that is neither the ICT office's nor an auditor's
        if application.agency_id in scope or (ict_office_id is not None and ict_office_id in scope):
            return True
    person = getattr(user, "person", None)
    return person is not None and ict_office_id is not None and person.agency_id == ict_office_id


# --- The landscape ---------------------------------------------------------------------------

NODE_FIELDS = (
    "id",
    "name",
    "agency_id",
    "agency__short_name",
    "agency__name",
    "kind",
    "status",
    "source_model",
    "common_field",
    "developer_kind",
)


def _node(row: dict, *, context: bool = False) -> dict:
    return {
        "id": row["id"],
        "name": row["name"],
        "agency": row["agency__short_name"] or row["agency__name"],
        "agency_id": row["agency_id"],
        "kind": row["kind"],
        "kind_label": str(ApplicationKind(row["kind"]).label),
        "status": row["status"],
        "status_label": str(ApplicationStatus(row["status"]).label),
        "source": row["source_model"],
        "source_label": str(SourceModel(row["source_model"]).label),
        "field": row["common_field"],
        "field_label": str(CommonField(row["common_field"]).label),
        "national": row["developer_kind"] == DeveloperKind.NATIONAL,
        "url": reverse("applications:application_detail", kwargs={"pk": row["id"]}),
        "context": context,
    }


LANDSCAPE_MAX_NODES = 100  # a readable graph; beyond it the user narrows the filter


def landscape(user, applications, limit: int | None = LANDSCAPE_MAX_NODES) -> dict:
    """Nodes (the given applications, plus the ends of their integrations outside the filter
    that the user may see, marked `context`) and edges, in a constant number of queries whatever
    the number of applications. `applications` is a filtered queryset already restricted for
    `user`. At most `limit` applications are drawn (by agency, then name); `total` and
    `truncated` say how many matched, so the page can ask for a narrower filter."""
    ordered = applications.order_by("agency__short_name", "name", "pk").values(*NODE_FIELDS)
    rows = list(ordered[: limit + 1]) if limit is not None else list(ordered)
    truncated = limit is not None and len(rows) > limit
    rows = rows[:limit] if truncated else rows
    # The same queries whatever the data (a count, the edges, the outside ends), so the page's cost
    # does not depend on what happens to match.
    total = applications.count()
    ids = {r["id"] for r in rows}
    touching = (
        Q(source_id__in=ids, target_id__in=ids) if truncated else Q(source_id__in=ids) | Q(target_id__in=ids)
    )
    edges = list(
        ApplicationIntegration.objects.filter(touching)
        .order_by("source_id", "target_id", "method")
        .values("id", "source_id", "target_id", "method", "description")
    )
    # A partial (truncated) graph shows no outside ends: they would outnumber what was asked for.
    outside = (
        set() if truncated else ({e["source_id"] for e in edges} | {e["target_id"] for e in edges}) - ids
    )
    context_rows = list(
        Application.objects.restrict(user).filter(pk__in=list(outside) or [0]).order_by().values(*NODE_FIELDS)
    )
    shown = ids | {r["id"] for r in context_rows}
    context_rows.sort(key=lambda r: (r["agency__short_name"] or "", r["name"]))
    return {
        "total": total,
        "truncated": truncated,
        "nodes": [_node(r) for r in rows] + [_node(r, context=True) for r in context_rows],
        "edges": [
            {
                "id": e["id"],
                "source": e["source_id"],
                "target": e["target_id"],
                "method": e["method"],
                "method_label": str(IntegrationMethod(e["method"]).label),
                "description": e["description"],
            }
            for e in edges
            if e["source_id"] in shown and e["target_id"] in shown
        ],
    }
