"""Regulation profiles: read a YAML file, report every problem with its line, and load it.

A profile that has any error changes nothing. Shipped profiles (regulations/*.yaml in this
package) are synced after every migrate; a user's profile is added with
`spbe regulation load FILE`, with no code change.
"""

import datetime
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.core import checks
from spbe.core.datafiles import SafeLoader, read_yaml

PROFILE_DIR = Path(__file__).resolve().parent / "regulations"
SCHEMA = json.loads((PROFILE_DIR / "profile.schema.json").read_text(encoding="utf-8"))
# "Pasal 5", "Pasal 5A" (inserted), "Pasal 12-14" (a range), "... ayat (2)", "... ayat (2) dan (4)",
# or "Lampiran ..." (the annex). `label` keeps an inserted article apart from its neighbour in URLs.
CITATION = re.compile(
    r"^(?:Pasal (?P<label>(?P<article>\d+)[A-Z]?(?:-\d+[A-Z]?)?)"
    r"(?: ayat \((?P<paragraph>\d+)\))?|(?P<annex>Lampiran))"
)


def article_of(citation: str) -> tuple[int, str, str]:
    """(article number, article label, first ayat) of a citation the schema accepted."""
    match = CITATION.match(citation)
    if match["annex"]:
        return 0, "Lampiran", ""
    return int(match["article"]), match["label"], match["paragraph"] or ""


class ProfileError(Exception):
    def __init__(self, report: "ProfileReport"):
        super().__init__("\n".join(report.lines()))
        self.report = report


# Top-level keys a version 1 profile may not use, and those only version 3 may.
V2_KEYS = ("activity_kinds",)
V3_KEYS = ("government_kind",)
# Checks whose `months` may come from the obligation's `every` instead.
INTERVAL_CHECKS = ("record_every", "review_within")
# Obligation fields a reload compares, with the words a reader sees for each.
DIFF_FIELDS = (
    "citation",
    "group",
    "statement",
    "subject",
    "period",
    "interval_months",
    "severity",
    "check_type",
    "params",
)


@dataclass
class ReloadDiff:
    """What a reload changed, by obligation code."""

    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # code -> changed fields
    retired: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)

    @property
    def touched(self) -> list[str]:
        return self.added + list(self.changed) + self.restored

    def lines(self) -> list[str]:
        out = []
        if self.added:
            out.append(_("Ditambahkan (%(n)d): %(l)s") % {"n": len(self.added), "l": ", ".join(self.added)})
        for code, fields in self.changed.items():
            out.append(_("Diubah: %(c)s (%(f)s)") % {"c": code, "f": ", ".join(fields)})
        if self.retired:
            out.append(
                _("Tidak berlaku lagi (%(n)d): %(l)s")
                % {"n": len(self.retired), "l": ", ".join(self.retired)}
            )
        if self.restored:
            out.append(
                _("Berlaku lagi (%(n)d): %(l)s") % {"n": len(self.restored), "l": ", ".join(self.restored)}
            )
        return out or [_("Tidak ada kewajiban yang berubah.")]


@dataclass
class ProfileReport:
    source: str
    data: dict | None = None
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    diff: ReloadDiff | None = None  # set by load_text

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        out = []
        for kind, items in ((_("galat"), self.errors), (_("peringatan"), self.warnings)):
            for line, message in sorted(items, key=lambda item: item[0] or 0):
                where = f"{self.source}:{line}" if line else self.source
                out.append(f"{where}: {kind}: {message}")
        return out


class _StringDateLoader(SafeLoader):
    """Dates stay strings (the schema checks their form), whether quoted or not. libyaml's parser when
    PyYAML has it: the profiles are parsed after every migrate and test flush, ten times faster in C."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_of(node, path) -> int | None:
    """The line of the YAML node at a JSON path (falls back to the nearest parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _error_path(error, base=()) -> list:
    """Where an error is: for an unexpected key, the key itself rather than its mapping."""
    path = list(base) + list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            path.append(extra[0])
    return path


def _values(values) -> str:
    return ", ".join(str(v) for v in values)


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _enum_message(error) -> str:
    return _("nilai %(v)s tidak dikenal; nilai yang boleh: %(a)s.") % {
        "v": _shown(error.instance),
        "a": _values(error.schema["enum"]),
    }


def _required_message(error) -> str:
    value = error.instance
    missing = [k for k in error.validator_value if not isinstance(value, dict) or k not in value]
    return _("kunci wajib tidak ada: %(k)s.") % {"k": _values(missing)}


def _additional_message(error) -> str:
    value = error.instance
    allowed = sorted(error.schema.get("properties", {}))
    extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
    if not allowed:
        return _("kunci %(k)s tidak dikenal; pemeriksaan ini tidak memakai parameter.") % {
            "k": _values(extra)
        }
    return _("kunci %(k)s tidak dikenal; kunci yang boleh: %(a)s.") % {
        "k": _values(extra),
        "a": _values(allowed),
    }


def _type_message(error) -> str:
    names = {
        "string": _("teks"),
        "integer": _("bilangan bulat"),
        "number": _("bilangan"),
        "boolean": _("true atau false"),
        "array": _("daftar"),
        "object": _("pemetaan (kunci: nilai)"),
    }
    declared = error.schema["type"]
    expected = declared if isinstance(declared, list) else [declared]
    return _("nilai %(v)s harus berupa %(t)s.") % {
        "v": _shown(error.instance),
        "t": " / ".join(str(names.get(t, t)) for t in expected),
    }


def _pattern_message(error) -> str:
    return _("nilai %(v)s tidak sesuai bentuk yang diharapkan (%(p)s).") % {
        "v": _shown(error.instance),
        "p": error.schema.get("description") or error.schema["pattern"],
    }


# JSON Schema rule -> its message in the reader's language.
SCHEMA_MESSAGES = {
    "enum": _enum_message,
    "const": lambda error: _("nilai harus %(a)s.") % {"a": json.dumps(error.schema["const"])},
    "required": _required_message,
    "additionalProperties": _additional_message,
    "type": _type_message,
    "minimum": lambda error: (
        _("nilai %(v)s lebih kecil dari batas bawah %(m)s.")
        % {"v": error.instance, "m": error.schema["minimum"]}
    ),
    "maximum": lambda error: (
        _("nilai %(v)s lebih besar dari batas atas %(m)s.")
        % {"v": error.instance, "m": error.schema["maximum"]}
    ),
    "minLength": lambda error: (
        _("teks terlalu pendek (paling sedikit %(m)d karakter).") % {"m": error.schema["minLength"]}
    ),
    "minItems": lambda error: (
        _("daftar harus berisi paling sedikit %(m)d butir.") % {"m": error.schema["minItems"]}
    ),
    "uniqueItems": lambda error: _("daftar memuat butir yang sama lebih dari sekali."),
    "pattern": _pattern_message,
}


def schema_message(error) -> str:
    """A JSON Schema error in the reader's language, with the allowed values where there are some."""
    message = SCHEMA_MESSAGES.get(error.validator)
    if message is not None:
        return message(error)
    return _("nilai %(v)s tidak memenuhi aturan %(r)s.") % {"v": _shown(error.instance), "r": error.validator}


def _parse(text: str):
    """The document's node tree (for line numbers) and its data, from one parse."""
    loader = _StringDateLoader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def validate_text(text: str, source: str = "<profil>") -> ProfileReport:
    report = ProfileReport(source)
    try:
        root, data = _parse(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        report.errors.append(
            ((mark.line + 1) if mark else None, _("YAML tidak valid: %(p)s") % {"p": error.problem})
        )
        return report
    if not isinstance(data, dict):
        report.errors.append((1, _("Profil harus berupa pemetaan (kunci: nilai) di tingkat teratas.")))
        return report
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = _error_path(error)
        where = "/".join(str(p) for p in path) or _("(akar)")
        report.errors.append((_line_of(root, path), f"{where}: {schema_message(error)}"))
    if report.errors:
        return report
    _check_semantics(data, root, report)
    report.data = data if report.ok else None
    return report


def _check_semantics(data: dict, root, report: ProfileReport) -> None:
    try:
        datetime.date.fromisoformat(data["set_on"])
    except ValueError:
        report.errors.append((_line_of(root, ["set_on"]), _("set_on bukan tanggal yang ada.")))
    for keys, version in ((V2_KEYS, 2), (V3_KEYS, 3)):
        for key in keys:
            if key in data and data["schema_version"] < version:
                report.errors.append(
                    (
                        _line_of(root, [key]),
                        _("%(k)s memerlukan schema_version: %(v)d.") % {"k": key, "v": version},
                    )
                )
    _check_kinds_and_values(data, root, report)
    groups = {g["id"] for g in data["groups"]}
    activity_codes = frozenset(a["code"] for a in data.get("activity_kinds", []))
    seen: set[str] = set()
    for index, ob in enumerate(data["obligations"]):
        if ob["id"] in seen:
            report.errors.append(
                (
                    _line_of(root, ["obligations", index, "id"]),
                    _("id kewajiban %(id)s dipakai lebih dari sekali.") % {"id": ob["id"]},
                )
            )
        seen.add(ob["id"])
        if ob["group"] not in groups:
            report.errors.append(
                (
                    _line_of(root, ["obligations", index, "group"]),
                    _("kelompok %(g)s pada %(id)s tidak dideklarasikan di groups; kelompok yang ada: %(a)s.")
                    % {"g": ob["group"], "id": ob["id"], "a": ", ".join(sorted(groups))},
                )
            )
        _check_subject_and_interval(ob, index, root, report, data["schema_version"])
        _check_obligation_check(ob, index, root, report, activity_codes)


def _allowed_subjects() -> list[str]:
    from spbe.org.choices import AgencyDesignation, AgencyKind

    from .models import AGENCY_KIND_PREFIX, AGENCY_ROLE_PREFIX, Subject

    return (
        list(Subject.values)
        + [AGENCY_KIND_PREFIX + k for k in AgencyKind.values]
        + [AGENCY_ROLE_PREFIX + r for r in AgencyDesignation.values]
    )


def _check_kinds_and_values(data: dict, root, report: ProfileReport) -> None:
    """The government kind and the list parameters, against what the platform's models know."""
    from spbe.org.choices import GovernmentKind

    kind = data.get("government_kind")
    if kind is not None and kind not in GovernmentKind.values:
        report.errors.append(
            (
                _line_of(root, ["government_kind"]),
                _("government_kind: nilai %(v)s tidak dikenal; nilai yang boleh: %(a)s.")
                % {"v": json.dumps(kind), "a": _values(GovernmentKind.values)},
            )
        )
    for name in ("application_documents", "planning_documents"):
        values = data["parameters"].get(name)
        if not values:
            continue
        known = checks.profile_values(name)
        if known is None:
            report.warnings.append(
                (
                    _line_of(root, ["parameters", name]),
                    _("parameters/%(p)s: modul yang mengenal nilai ini belum terpasang; tidak diperiksa.")
                    % {"p": name},
                )
            )
            continue
        for position, value in enumerate(values):
            if value not in known:
                report.errors.append(
                    (
                        _line_of(root, ["parameters", name, position]),
                        _("parameters/%(p)s: nilai %(v)s tidak dikenal; nilai yang boleh: %(a)s.")
                        % {"p": name, "v": json.dumps(value), "a": _values(known)},
                    )
                )


def _check_subject_and_interval(ob: dict, index: int, root, report: ProfileReport, version: int) -> None:
    from . import events
    from .models import Subject

    at = ["obligations", index]
    subject = ob["subject"]
    allowed = _allowed_subjects()
    if subject not in allowed:
        report.errors.append(
            (
                _line_of(root, at + ["subject"]),
                _("subjek %(s)s pada %(id)s tidak dikenal; nilai yang boleh: %(a)s.")
                % {"s": json.dumps(subject), "id": ob["id"], "a": _values(allowed)},
            )
        )
    elif subject not in Subject.values and version < 3:
        report.errors.append(
            (
                _line_of(root, at + ["subject"]),
                _("subjek %(s)s pada %(id)s memerlukan schema_version: 3.") % {"s": subject, "id": ob["id"]},
            )
        )
    every = ob.get("every")
    if every is None:
        if "period" not in ob:
            report.errors.append(
                (
                    _line_of(root, at),
                    _("%(id)s: kunci wajib tidak ada: period (atau every).") % {"id": ob["id"]},
                )
            )
        return
    if version < 3:
        report.errors.append((_line_of(root, at + ["every"]), _("every memerlukan schema_version: 3.")))
    if "period" in ob:
        report.errors.append(
            (
                _line_of(root, at + ["every"]),
                _("%(id)s: isi period atau every, tidak keduanya.") % {"id": ob["id"]},
            )
        )
    months = events.parse_interval(every)
    if months is None:
        report.errors.append(
            (
                _line_of(root, at + ["every"]),
                _(
                    "every %(v)s pada %(id)s bukan jangka waktu; bentuk yang boleh: %(a)s (misalnya 18 months, 2 years)."
                )
                % {"v": json.dumps(every), "id": ob["id"], "a": _values(events.INTERVAL_FORMS)},
            )
        )
        return
    params = ob["check"].get("params") or {}
    if (
        ob["check"]["type"] in INTERVAL_CHECKS
        and isinstance(params, dict)
        and params.get("months") not in (None, months)
    ):
        report.errors.append(
            (
                _line_of(root, at + ["check", "params", "months"]),
                _("%(id)s: months %(m)s berbeda dari every (%(e)d bulan); hapus salah satu.")
                % {"id": ob["id"], "m": params.get("months"), "e": months},
            )
        )


def _check_obligation_check(
    ob: dict, index: int, root, report: ProfileReport, profile_activity_codes: frozenset = frozenset()
) -> None:
    """The check type exists (or a known module will provide it) and its parameters are right."""
    from . import vocabulary

    kind = ob["check"]["type"]
    at = ["obligations", index, "check"]
    if kind in vocabulary.NOT_CHECKS:
        return
    check = checks.check_type(kind)
    if check is None:
        module = vocabulary.planned_provider("check_types", kind)
        if module:
            report.warnings.append(
                (
                    _line_of(root, at + ["type"]),
                    _(
                        "jenis pemeriksaan %(t)s disediakan modul %(m)s yang belum terpasang: %(id)s "
                        "dinilai melalui pernyataan sampai modul itu terpasang."
                    )
                    % {"t": kind, "m": module, "id": ob["id"]},
                )
            )
        else:
            known = sorted(set(checks.check_types()) | set(vocabulary.planned_names("check_types")))
            report.errors.append(
                (
                    _line_of(root, at + ["type"]),
                    _("jenis pemeriksaan %(t)s pada %(id)s tidak dikenal; jenis yang dikenal: %(a)s.")
                    % {"t": kind, "id": ob["id"], "a": ", ".join(["attestation", "note", *known])},
                )
            )
        return
    params = ob["check"].get("params", {})
    if kind in INTERVAL_CHECKS and isinstance(params, dict) and "months" not in params and "every" not in ob:
        report.errors.append(
            (
                _line_of(root, at + ["params"]),
                _("parameter %(t)s pada %(id)s: kunci wajib tidak ada: months (atau every pada kewajiban).")
                % {"t": kind, "id": ob["id"]},
            )
        )
    if isinstance(params, dict) and isinstance(params.get("activity"), str):
        known = shipped_activity_codes() | profile_activity_codes
        if params["activity"] not in known:
            report.errors.append(
                (
                    _line_of(root, at + ["params", "activity"]),
                    _(
                        "parameter %(t)s pada %(id)s: jenis kegiatan %(a)s tidak dikenal; nilai yang boleh: %(k)s."
                    )
                    % {"t": kind, "id": ob["id"], "a": params["activity"], "k": ", ".join(sorted(known))},
                )
            )
    failed = False
    if check.param_schema:
        for error in jsonschema.Draft202012Validator(check.param_schema).iter_errors(params):
            failed = True
            report.errors.append(
                (
                    _line_of(root, _error_path(error, at + ["params"])),
                    _("parameter %(t)s pada %(id)s: %(m)s")
                    % {"t": kind, "id": ob["id"], "m": schema_message(error)},
                )
            )
    if failed:
        return
    # An activity kind was checked above, against the platform's and the profile's kinds.
    problems = check.param_problems(params)
    for key, severity, message in problems:
        target = report.errors if severity == "error" else report.warnings
        target.append(
            (
                _line_of(root, at + ["params", key]),
                _("parameter %(t)s pada %(id)s: %(m)s") % {"t": kind, "id": ob["id"], "m": message},
            )
        )
    if not problems and not params.get("activity") and not check.is_available(params):
        report.warnings.append(
            (
                _line_of(root, at + ["params"]),
                _(
                    "%(t)s dengan parameter %(p)s belum didukung modul yang terpasang: %(id)s dievaluasi melalui pernyataan."
                )
                % {"t": kind, "p": json.dumps(params), "id": ob["id"]},
            )
        )


def validate_file(path: str | Path) -> ProfileReport:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report = ProfileReport(str(path))
        report.errors.append((None, _("Berkas tidak dapat dibaca: %(e)s") % {"e": error}))
        return report
    return validate_text(text, str(path))


def load_text(text: str, *, source: str = "<profil>", shipped: bool = False, user=None):
    """Validate and store a profile (create or update by its id). Raises ProfileError, changing nothing."""
    from .models import Regulation

    report = validate_text(text, source)
    if not report.ok:
        raise ProfileError(report)
    data = report.data
    checksum = hashlib.sha256(text.encode()).hexdigest()
    report.diff = ReloadDiff()
    with transaction.atomic():
        regulation = Regulation.objects.filter(code=data["id"]).first() or Regulation(
            code=data["id"], created_by=user
        )
        if regulation.pk and regulation.checksum == checksum:
            return regulation, report
        for name in ("regency", "province", "number", "year", "title"):
            setattr(regulation, name, data[name])
        regulation.set_on = datetime.date.fromisoformat(data["set_on"])
        regulation.based_on = data.get("based_on", "")
        regulation.parameters = data["parameters"]
        regulation.groups = data["groups"]
        regulation.source_text, regulation.checksum, regulation.shipped = text, checksum, shipped
        regulation.government_kind = data.get("government_kind", "kabupaten")
        if regulation.pk:
            regulation.version += 1
        regulation.save()
        sync_activity_kinds(data.get("activity_kinds", []))
        _store_obligations(regulation, data, report.diff, user)
        if report.diff.touched or report.diff.retired:
            transaction.on_commit(lambda: reevaluate_after_reload(regulation, report.diff))
    return regulation, report


def _store_obligations(regulation, data: dict, diff: ReloadDiff, user) -> None:
    from django.utils import timezone

    from . import events
    from .models import Obligation

    now = timezone.now()
    existing = {o.code: o for o in Obligation.objects.filter(regulation=regulation)}
    for position, ob in enumerate(data["obligations"]):
        article, label, paragraph = article_of(ob["citation"])
        values = {
            "citation": ob["citation"],
            "article": article,
            "article_label": label,
            "paragraph": paragraph,
            "group": ob["group"],
            "statement": ob["statement"],
            "subject": ob["subject"],
            "period": ob.get("period", "interval"),
            "interval_months": events.parse_interval(ob["every"]) if "every" in ob else None,
            "severity": ob["severity"],
            "check_type": ob["check"]["type"],
            "params": ob["check"].get("params", {}),
            "position": position,
        }
        obligation = existing.pop(ob["id"], None)
        if obligation is None:
            Obligation.objects.create(regulation=regulation, code=ob["id"], created_by=user, **values)
            diff.added.append(ob["id"])
            continue
        changed = [k for k in DIFF_FIELDS if getattr(obligation, k) != values[k]]
        moved = (
            obligation.position != position
            or obligation.article != values["article"]
            or obligation.article_label != values["article_label"]
        )
        if not (changed or moved or obligation.retired):
            continue
        for key, value in values.items():
            setattr(obligation, key, value)
        if obligation.retired:
            obligation.retired = False
            obligation.restored_at, obligation.restored_in_version = now, regulation.version
            diff.restored.append(ob["id"])
        elif changed:
            diff.changed[ob["id"]] = changed
        obligation.version += 1
        obligation.save()
    for obligation in existing.values():  # removed from the profile: kept for history, not evaluated
        if not obligation.retired:
            obligation.retired = True
            obligation.retired_at, obligation.retired_in_version = now, regulation.version
            obligation.version += 1
            obligation.save()
            diff.retired.append(obligation.code)


def reevaluate_after_reload(regulation, diff: ReloadDiff) -> int:
    """Re-evaluate, for every government following the profile, the obligations a reload added,
    changed or brought back, at once: a page never shows a new check beside the old one's reason.
    The results of retired obligations leave the dashboards with them (selectors skip retired)."""
    from spbe.org.models import Government

    from . import engine
    from .models import Obligation

    obligations = list(
        Obligation.objects.filter(regulation=regulation, code__in=diff.touched, retired=False)
        .exclude(check_type="note")
        .order_by("position")
    )
    total = 0
    if not obligations:
        return total
    for government in Government.objects.filter(regulation=regulation.code).select_related("ict_office"):
        total += engine.reevaluate(government, obligations, None)
    return total


ACTIVITY_KINDS_FILE = Path(__file__).resolve().parent / "data" / "activity_kinds.yaml"


@functools.cache
def _shipped_activity_codes() -> frozenset[str]:
    """Read once per process: profile validation asks for every obligation."""
    return frozenset(k["code"] for k in read_yaml(ACTIVITY_KINDS_FILE))


def shipped_activity_codes() -> set[str]:
    return set(_shipped_activity_codes())


def sync_activity_kinds(kinds: list[dict]) -> None:
    """Create or update activity kinds declared as data (by code; a kind is never deleted)."""
    from .models import ActivityKind

    for entry in kinds:
        values = {
            "name": entry["name"],
            "description": entry.get("description", ""),
            "recorded_by": entry.get("recorded_by", "each_agency"),
            "approval_required": bool(entry.get("approval_required", False)),
        }
        kind = ActivityKind.objects.filter(code=entry["code"]).first()
        if kind is None:
            ActivityKind.objects.create(code=entry["code"], **values)
        elif any(getattr(kind, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(kind, key, value)
            kind.version += 1
            kind.save()


def sync_shipped() -> list[str]:
    """Load the shipped activity kinds and every shipped profile whose text changed; returns the ids
    loaded."""
    sync_activity_kinds(read_yaml(ACTIVITY_KINDS_FILE))
    loaded = []
    for path in sorted(PROFILE_DIR.glob("*.yaml")):
        regulation, _report = load_text(path.read_text(encoding="utf-8"), source=path.name, shipped=True)
        loaded.append(regulation.code)
    return loaded
