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
from spbe.core.datafiles import read_yaml

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
    return read_yaml(PLANNED_FILE)["modules"]


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
    if params.get("after") and checks.check_type(check_type) is not None:
        from . import events

        module = events.planned_module(params["after"])
        if module:
            return Classified(PLANNED, module)  # the event (an incident, ...) comes from a future module
    if params.get("activity") and checks.check_type(check_type) is not None:
        return Classified(ACTIVITY)  # a recorded activity (validation makes sure the kind exists)
    check = checks.check_type(check_type)
    if check is not None and check.is_available(params):
        return Classified(AUTOMATIC)
    for kind, key in (
        ("evidence_kinds", "kind"),
        ("evidence_kinds", "evidence"),
        ("review_documents", "document"),
    ):
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


DOC_FILE = Path(__file__).resolve().parent / "data" / "check_types.yaml"


@cache
def check_type_docs() -> dict:
    return read_yaml(DOC_FILE)


def _param_rows(schema: dict) -> list[tuple[str, str, str, bool]]:
    """(name, type, allowed values, required) for each parameter of a check's JSON Schema."""
    rows = []
    required = set(schema.get("required", []))
    for name, spec in schema.get("properties", {}).items():
        items = spec.get("items", {}) if spec.get("type") == "array" else None
        enum = (items or spec).get("enum")
        if enum is not None:
            kind = "list of values" if items is not None else "one value"
            allowed = ", ".join(f"`{v}`" for v in enum)
        elif name == "after":
            from . import events

            kind = "one value"
            allowed = ", ".join(
                f"`{c}`"
                + (
                    f" (module `{events.planned_module(c)}`, not installed)"
                    if events.planned_module(c)
                    else ""
                )
                for c in sorted(events.event_kinds())
            )
        elif name == "within":
            kind = "interval"
            allowed = "`N months`, `N years` (or `N bulan`, `N tahun`)"
        elif name == "activity":
            kind = "one value"
            allowed = "an activity kind (`spbe regulation vocabulary`)"
        elif name == "decree":
            kind = "one value"
            allowed = ", ".join(f"`{v}`" for v in sorted(_registered("decree_kinds")))
        elif name in ("kind", "document", "evidence") and spec.get("type") == "string":
            registry = "review_documents" if name == "document" else "evidence_kinds"
            kind = "one value"
            allowed = ", ".join(
                f"`{v}`" for v in sorted(_registered(registry) | set(planned_names(registry)))
            )
            allowed += " (see the tables below for which are installed)"
        else:
            kind = spec.get("type", "any")
            bounds = [f"{k} {spec[k]}" for k in ("minimum", "maximum") if k in spec]
            allowed = ", ".join(bounds) or "-"
        rows.append((name, kind, allowed, name in required))
    return rows


def _example_params(name: str, schema: dict) -> dict:
    example = {}
    registries = {"kind": "evidence_kinds", "document": "review_documents"}
    for key, spec in schema.get("properties", {}).items():
        if key not in schema.get("required", []) and spec.get("type") != "array":
            continue
        if key in registries and "enum" not in spec:
            names = sorted(_registered(registries[key])) or planned_names(registries[key])
            example[key] = names[0]
        elif spec.get("type") == "array":
            example[key] = spec["items"]["enum"][:1]
        elif "enum" in spec:
            example[key] = spec["enum"][0]
        elif spec.get("type") == "integer":
            example[key] = 12
    return example


def _registered(kind: str) -> set[str]:
    if kind == "evidence_kinds":
        return {k.name for k in checks.all_evidence_kinds()}
    if kind == "decree_kinds":
        return {k.name for k in checks.all_decree_kinds()}
    return {k.name for k in checks.all_review_documents()}


def check_types_markdown() -> str:
    """docs/regulations/check-types.md, from the registry (installed types, their parameters) and
    data/check_types.yaml (what each means) and data/planned_modules.yaml (what is not installed)."""
    docs = check_type_docs()
    installed = checks.check_types()
    planned = {n: planned_provider("check_types", n) for n in planned_names("check_types")}
    out = [
        "# Check types",
        "",
        "<!-- Generated by `spbe regulation vocabulary --markdown`; do not edit by hand. -->",
        "",
        "An obligation is checked by a check type with parameters, by `attestation` (a person confirms",
        "with evidence, the ICT office reviews) or is a `note` (shown and cited, never scored). A check type",
        "that a designed module not installed yet will provide loads with a warning and is judged by",
        "attestation meanwhile; any other unknown name is an error. Recorded activities (`record_every`",
        "with `activity`, and `deadline`) are described in docs/compliance.md.",
        "",
        "Schema version 3 adds: `government_kind` (`kabupaten`, `kota`, `provinsi`: the regulation's name,",
        "the leader's title and the report's addressee follow from it); an obligation's `every` instead of",
        "`period` (an interval of any length: `18 months`, `2 years`; `record_every` and `review_within` take",
        "their `months` from it, an accepted attestation counts for at most that long); and subjects beyond",
        "the six: `agency_kind:<kind>` (every agency of that kind, e.g. `agency_kind:inspektorat`) and",
        "`agency_role:<designation>` (the agency holding that designation, e.g.",
        "`agency_role:regional_secretariat`). `spbe regulation vocabulary` lists the allowed values.",
        "",
        "| type | installed | subjects | met when |",
        "|---|---|---|---|",
    ]
    names = ["attestation", "note", *sorted(installed), *sorted(planned)]
    for name in names:
        doc = docs.get(name, {})
        state = "yes" if name in installed or name in NOT_CHECKS else f"no (module `{planned[name]}`)"
        subjects = ", ".join(f"`{s}`" for s in doc.get("subjects", []))
        out.append(f"| `{name}` | {state} | {subjects} | {doc.get('met_when', '')} |")
    for name in sorted(installed):
        schema = installed[name].param_schema or {}
        out += ["", f"## `{name}`", "", doc_line(docs.get(name, {}).get("met_when", "")), ""]
        rows = _param_rows(schema)
        if rows:
            out += ["| parameter | type | allowed values | required |", "|---|---|---|---|"]
            out += [f"| `{n}` | {t} | {a} | {'yes' if r else 'no'} |" for n, t, a, r in rows]
        else:
            out.append("No parameters.")
        example = {"type": name}
        params = docs.get(name, {}).get("example") or _example_params(name, schema)
        if params:
            example["params"] = params
        out += [
            "",
            "```yaml",
            "check: " + yaml.safe_dump(example, default_flow_style=True, sort_keys=False).strip(),
            "```",
        ]
    out += ["", "## Evidence kinds (`record_every` `kind`)", ""]
    out += _registry_lines("evidence_kinds")
    out += ["", "## Review documents (`review_within` `document`)", ""]
    out += _registry_lines("review_documents")
    out += ["", "## Decree kinds (`deadline` `decree`)", ""]
    out += _registry_lines("decree_kinds")
    return "\n".join(out) + "\n"


def doc_line(text: str) -> str:
    return f"Met when {text}." if text else ""


def _registry_lines(kind: str) -> list[str]:
    lines = ["| name | installed |", "|---|---|"]
    for name in sorted(_registered(kind)):
        lines.append(f"| `{name}` | yes |")
    for name in planned_names(kind):
        if name not in _registered(kind):
            lines.append(f"| `{name}` | no (module `{planned_provider(kind, name)}`) |")
    return lines


def vocabulary_lines() -> list[str]:
    """What a profile may name, for `spbe regulation vocabulary` (in the reader's language)."""
    from spbe.org.choices import Role

    from .models import Period, Subject

    installed = checks.check_types()
    lines = [_("Jenis pemeriksaan terpasang:")]
    lines += [f"  {name:<34} {installed[name].label}" for name in sorted(installed)]
    lines += ["  attestation", "  note"]
    lines.append(_("Jenis pemeriksaan modul yang belum terpasang:"))
    lines += [f"  {n:<34} {planned_provider('check_types', n)}" for n in planned_names("check_types")]
    for kind, title in (
        ("evidence_kinds", _("Jenis catatan bukti (record_every kind):")),
        ("review_documents", _("Dokumen reviu (review_within document):")),
        ("decree_kinds", _("Jenis keputusan (deadline decree):")),
    ):
        lines.append(title)
        lines += [f"  {n}" for n in sorted(_registered(kind))]
        lines += [
            f"  {n:<34} {_('belum terpasang')}: {planned_provider(kind, n)}"
            for n in planned_names(kind)
            if n not in _registered(kind)
        ]
    lines.append(_("Peran:"))
    lines += [f"  {value:<34} {label}" for value, label in Role.choices]
    lines.append(_("Subjek:"))
    lines += [f"  {value:<34} {label}" for value, label in Subject.choices]
    lines.append(_("Periode:"))
    lines += [f"  {value:<34} {label}" for value, label in Period.choices]
    lines += _v3_lines()
    return lines


def _v3_lines() -> list[str]:
    """Subjects beyond the six, government kinds, intervals and events (schema version 3)."""
    from spbe.org.choices import AgencyDesignation, AgencyKind, GovernmentKind

    from . import events
    from .models import AGENCY_KIND_PREFIX, AGENCY_ROLE_PREFIX

    lines = [_("Subjek jenis PD (schema_version 3):")]
    lines += [f"  {AGENCY_KIND_PREFIX + v:<34} {label}" for v, label in AgencyKind.choices]
    lines.append(_("Subjek fungsi kelembagaan PD (schema_version 3):"))
    lines += [f"  {AGENCY_ROLE_PREFIX + v:<34} {label}" for v, label in AgencyDesignation.choices]
    lines.append(_("Jenis pemerintah daerah (government_kind):"))
    lines += [f"  {v:<34} {label}" for v, label in GovernmentKind.choices]
    lines.append(_("Jangka waktu (every, within): %(f)s") % {"f": ", ".join(events.INTERVAL_FORMS)})
    lines.append(_("Peristiwa (deadline after):"))
    for code, entry in sorted(events.event_kinds().items()):
        module = events.planned_module(code)
        extra = f" ({_('belum terpasang')}: {module})" if module else ""
        lines.append(f"  {code:<34} {entry['name']}{extra}")
    return lines
