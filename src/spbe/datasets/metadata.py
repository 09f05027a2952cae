"""The Satu Data metadata schema (data/satudata_metadata.yaml): sections MS-Keg, MS-Var and MS-Ind
and their fields. The schema is data the platform ships and an operator can update
(`SPBE_DATASET_METADATA_SCHEMA` names another file); forms, completeness and the API read it here."""

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

from spbe.core.datafiles import read_yaml

SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "satudata_metadata.yaml"


@dataclass(frozen=True)
class MetaField:
    section: str
    id: str
    labels: dict
    required: bool
    type: str = "string"
    choices: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.section}.{self.id}"

    @property
    def label(self) -> str:
        language = (get_language() or "id")[:2]
        return self.labels.get(language) or self.labels.get("id") or self.id


@dataclass(frozen=True)
class Section:
    id: str
    labels: dict
    fields: tuple[MetaField, ...]

    @property
    def label(self) -> str:
        language = (get_language() or "id")[:2]
        return self.labels.get(language) or self.labels.get("id") or self.id


def schema_path() -> Path:
    return Path(os.environ.get("SPBE_DATASET_METADATA_SCHEMA") or SCHEMA_FILE)


@functools.cache
def _load(path: str) -> tuple[Section, ...]:
    data = read_yaml(path) or {}
    sections = []
    for section in data.get("sections") or []:
        fields = tuple(
            MetaField(
                section=section["id"],
                id=f["id"],
                labels=dict(f.get("label") or {}),
                required=bool(f.get("required")),
                type=f.get("type", "string"),
                choices=tuple(f.get("choices") or ()),
            )
            for f in section.get("fields") or []
        )
        sections.append(Section(section["id"], dict(section.get("label") or {}), fields))
    return tuple(sections)


def sections() -> tuple[Section, ...]:
    return _load(str(schema_path()))


def fields() -> list[MetaField]:
    return [f for s in sections() for f in s.fields]


def field(key: str) -> MetaField | None:
    return next((f for f in fields() if f.key == key), None)


def missing(values: dict) -> list[MetaField]:
    """The required metadata fields without a value."""
    values = values or {}
    return [f for f in fields() if f.required and not str(values.get(f.key, "") or "").strip()]
