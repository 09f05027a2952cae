"""What a profile may name, and how honestly each obligation is checked.

The vocabulary is what the installed modules register (check types, evidence kinds, review
documents) plus what modules of the design that are not installed yet will provide
(data/planned_modules.yaml). Validation calls a name outside both a typo; the coverage table
counts an obligation as automatic only when its check runs now.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import checks

PLANNED_FILE = Path(__file__).resolve().parent / "data" / "planned_modules.yaml"

# Coverage categories, in the order the table prints them.
AUTOMATIC = "automatic"
PLANNED = "planned"
ACTIVITY = "activity"
ATTESTATION = "attestation"
NOTE = "note"
CATEGORIES = (AUTOMATIC, PLANNED, ACTIVITY, ATTESTATION, NOTE)
CATEGORY_LABELS = {
    AUTOMATIC: gettext_lazy("Otomatis (terpasang)"),
    PLANNED: gettext_lazy("Menunggu modul"),
    ACTIVITY: gettext_lazy("Kegiatan tercatat"),
    ATTESTATION: gettext_lazy("Pernyataan"),
    NOTE: gettext_lazy("Catatan"),
}
# Check types that are not checks: they never run a module's code.
NOT_CHECKS = ("attestation", "note")


@cache
def planned_modules() -> dict:
    return yaml.safe_load(PLANNED_FILE.read_text(encoding="utf-8"))["modules"]


def planned_provider(kind: str, name: str) -> str | None:
    """The not-yet-installed module that will provide `name` ("check_types", "evidence_kinds",
    "review_documents"), or None."""
    for module, entry in planned_modules().items():
        if name in entry.get(kind, []):
            return module
    return None


def planned_names(kind: str) -> list[str]:
    return sorted({n for entry in planned_modules().values() for n in entry.get(kind, [])})


@dataclass(frozen=True)
class Classified:
    category: str
    provider: str = ""  # the planned module, for PLANNED


def classify(check_type: str, params: dict | None) -> Classified:
    """How an obligation with this check is judged today."""
    params = params or {}
    if check_type == "note":
        return Classified(NOTE)
    if check_type == "attestation":
        return Classified(ATTESTATION)
    if params.get("activity") and checks.check_type(check_type) is not None:
        return Classified(ACTIVITY)  # a recorded activity (validation makes sure the kind exists)
    check = checks.check_type(check_type)
    if check is not None and check.is_available(params):
        return Classified(AUTOMATIC)
    for kind, key in (("evidence_kinds", "kind"), ("review_documents", "document")):
        provider = planned_provider(kind, params.get(key, "")) if check is not None else None
        if provider:
            return Classified(PLANNED, provider)
    return Classified(PLANNED, planned_provider("check_types", check_type) or "")


def coverage(obligations) -> Counter:
    """Counts per category for an iterable of (check_type, params)."""
    counts: Counter = Counter({c: 0 for c in CATEGORIES})
    for check_type, params in obligations:
        counts[classify(check_type, params).category] += 1
    return counts


def regulation_coverage(regulation) -> Counter:
    rows = regulation.obligations.filter(retired=False).values_list("check_type", "params")
    return coverage(rows)


def coverage_table(regulations) -> list[str]:
    """The coverage table as Markdown lines (the command prints it, docs quote it)."""
    heads = [_("Profil"), _("Kewajiban")] + [str(CATEGORY_LABELS[c]) for c in CATEGORIES]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    totals: Counter = Counter()
    total_all = 0
    for regulation in regulations:
        counts = regulation_coverage(regulation)
        total = sum(counts.values())
        total_all += total
        totals.update(counts)
        cells = [regulation.code, str(total)] + [_cell(counts[c], total) for c in CATEGORIES]
        lines.append("| " + " | ".join(cells) + " |")
    cells = [_("Jumlah"), str(total_all)] + [_cell(totals[c], total_all) for c in CATEGORIES]
    lines.append("| " + " | ".join(cells) + " |")
    return lines


def _cell(count: int, total: int) -> str:
    return f"{count} ({round(100 * count / total) if total else 0}%)"
