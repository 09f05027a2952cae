"""The national reference architecture codes (levels 1-2), shipped as data and synced idempotently.

`sync_national()` runs after every migrate (wiring) and through `spbe planning sync-references`: it
adds missing codes and renames changed ones, and writes nothing when the database already matches,
so the audit trail only records real changes. National codes are never deleted by the sync.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from spbe.core.datafiles import read_yaml

from .choices import ReferenceKind

DATA_FILE = Path(__file__).resolve().parent / "data" / "reference_models.yaml"


@dataclass(frozen=True)
class NationalCode:
    kind: str
    code: str
    name: str
    level: int
    parent_code: str | None


@dataclass(frozen=True)
class KindInfo:
    kind: str
    official_codes: bool
    expected: dict[int, int]


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_yaml(DATA_FILE)


def _items(kind: str, spec: dict, data: dict) -> list[NationalCode]:
    out: list[NationalCode] = []
    mirror = spec.get("mirror")
    if mirror:  # e.g. RAD: one data theme per urusan of the mirrored reference
        for sector in data["kinds"][mirror]["items"]:
            out.append(NationalCode(kind, sector["code"], f"Data {sector['name']}", 1, None))
            for child in sector.get("children", []):
                out.append(NationalCode(kind, child["code"], f"Data {child['name']}", 2, sector["code"]))
    for item in spec.get("items", []):
        out.append(NationalCode(kind, str(item["code"]), item["name"], 1, None))
        for child in item.get("children", []):
            out.append(NationalCode(kind, str(child["code"]), child["name"], 2, str(item["code"])))
    return out


def national_codes() -> list[NationalCode]:
    """Every shipped national code, parents before children, in the file's order."""
    data = _data()
    codes: list[NationalCode] = []
    for kind, spec in data["kinds"].items():
        if kind not in ReferenceKind.values:
            raise ValueError(f"unknown reference kind {kind!r} in {DATA_FILE.name}")
        codes += _items(kind, spec, data)
    return codes


def kind_info() -> dict[str, KindInfo]:
    return {
        kind: KindInfo(
            kind,
            spec.get("codes") == "official",
            {int(level): int(n) for level, n in spec.get("expected", {}).items()},
        )
        for kind, spec in _data()["kinds"].items()
    }


def crosswalk() -> list[dict]:
    """The 32 concurrent government affairs (UU 23/2014) and their RAB codes."""
    return [dict(row) for row in _data().get("crosswalk", [])]


@transaction.atomic
def sync_national() -> dict[str, int]:
    """Add missing national codes and rename changed ones; returns {"created": n, "updated": n}."""
    from .models import ReferenceModel

    existing = {
        (r.kind, r.code): r for r in ReferenceModel.objects.filter(government__isnull=True).order_by("level")
    }
    created = updated = 0
    for level in (1, 2):
        to_create = []
        for item in national_codes():
            if item.level != level:
                continue
            parent = existing[(item.kind, item.parent_code)] if item.parent_code else None
            row = existing.get((item.kind, item.code))
            if row is None:
                row = ReferenceModel(
                    government=None,
                    kind=item.kind,
                    code=item.code,
                    name=item.name,
                    level=item.level,
                    parent=parent,
                )
                to_create.append(row)
                existing[(item.kind, item.code)] = row
                continue
            if (row.name, row.level, row.parent_id) != (item.name, item.level, parent.pk if parent else None):
                row.name, row.level, row.parent = item.name, item.level, parent
                row.version += 1
                row.save()
                updated += 1
        if to_create:
            ReferenceModel.objects.bulk_create(to_create)
            created += len(to_create)
    return {"created": created, "updated": updated}
