"""The columns of a model's spreadsheet: one definition for the import template, the export and the
importer, so that an exported file can be edited and imported again.

A column is either
- the record's `ID` (and `Versi`, its optimistic-locking version): written by the export, read by the
  importer to find the record a row updates;
- an import field (a field of the ModelUI's import form): headed by the field's label in the
  reader's language; the importer also accepts the field's code and its label in the other language;
- a read-only column of the list (a computed cell): written by the export so the file shows what the
  page shows, and ignored by the importer.

A cell is written as the importer reads it back: choices by their label, yes/no as Ya/Tidak, dates
as YYYY-MM-DD (unambiguous in both languages), references by the text the list shows.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import people
from .tables import Column

ID_HEADER = "ID"
VERSION_HEADER = gettext_lazy("Versi")
ID, VERSION, FIELD, READ_ONLY = "id", "version", "field", "read_only"


@dataclass
class SheetColumn:
    kind: str  # ID, VERSION, FIELD or READ_ONLY
    header: str
    name: str = ""  # the import form's field (FIELD), or the list's column (READ_ONLY)
    source: Column | None = None  # how the cell's text is read from a record
    allowed: list[str] = field(default_factory=list)  # the values a choice column accepts


def import_fields(ui) -> dict:
    """The import form's fields, in its order, without the version (a column of its own)."""
    return {n: f for n, f in ui.get_import_form().base_fields.items() if n != "version"}


def field_header(form_field, name: str) -> str:
    return str(capfirst(form_field.label)) if form_field.label else name


def in_every_language(text) -> set[str]:
    """A lazy text in each of the platform's languages, lower-cased (for matching headers)."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(text).strip().lower())
    return found


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def allowed_values(model, name: str, form_field) -> list[str]:
    """The labels a choice column accepts, in the reader's language (empty when free)."""
    if isinstance(form_field, forms.BooleanField):
        return [_("Ya"), _("Tidak")]
    if isinstance(form_field, forms.ModelChoiceField):
        return []
    choices = getattr(form_field, "choices", None) if isinstance(form_field, forms.ChoiceField) else None
    if not choices:
        mfield = model_field(model, name)
        choices = getattr(mfield, "choices", None) if mfield is not None and not mfield.is_relation else None
    return [str(label) for value, label in choices or () if value not in ("", None)]


def mapped_field(column: Column, fields: dict) -> str:
    """The import field a list column shows, or "" when it shows no importable field."""
    parts = column.accessor.split(".")
    if column.name in fields and len(parts) <= 2:
        return column.name
    if column.render is None and parts[0] in fields and len(parts) <= 2:
        return parts[0]
    return ""


def field_source(ui, name: str) -> Column | None:
    """How an import field's current value is written: the list's own column when it shows that
    field as it is (or a reference by one of its attributes), otherwise the field itself."""
    model = ui.model
    mfield = model_field(model, name)
    if mfield is None or not mfield.concrete:
        return None  # a field of the import form only: no stored value to show
    if mfield.is_relation and people.is_user_model(mfield.related_model):
        # A page shows a person by name and position; a sheet that is read back names the account.
        username = mfield.related_model.USERNAME_FIELD
        return Column(accessor=f"{name}.{username}", name=name, label=mfield.verbose_name)
    for column in ui.table.columns.values():
        parts = column.accessor.split(".")
        if column.render is not None or parts[0] != name:
            continue
        if len(parts) == 1 or (mfield.is_relation and len(parts) == 2):
            return column
    return Column(accessor=name, name=name, label=mfield.verbose_name)


def field_column(ui, name: str, form_field) -> SheetColumn:
    return SheetColumn(
        FIELD,
        field_header(form_field, name),
        name,
        field_source(ui, name),
        allowed_values(ui.model, name, form_field),
    )


def versioned(model) -> bool:
    from .models import BaseModel

    return issubclass(model, BaseModel)


def export_columns(ui, visible: list[str]) -> list[SheetColumn]:
    """ID (and Versi), then the chosen list columns: importable ones headed and written as the
    importer reads them, the others as the page shows them."""
    fields = import_fields(ui) if ui.is_importable() else {}
    columns = [SheetColumn(ID, ID_HEADER, "id", Column(accessor="pk", name="id"))]
    if fields and versioned(ui.model):
        columns.append(SheetColumn(VERSION, str(VERSION_HEADER), "version", Column(accessor="version")))
    used = set()
    for name in visible:
        column = ui.table.columns[name]
        target = mapped_field(column, fields)
        if target and target not in used:
            used.add(target)
            columns.append(field_column(ui, target, fields[target]))
        else:
            columns.append(SheetColumn(READ_ONLY, str(column.label), name, column))
    return columns


def template_columns(ui) -> list[SheetColumn]:
    return [field_column(ui, name, f) for name, f in import_fields(ui).items()]


def header_index(ui) -> dict[str, SheetColumn]:
    """Every header the importer accepts, lower-cased: ID and Versi, each import field's code,
    label (in every language) and the form's `import_aliases`, and the list's columns (a column that
    shows an import field means that field; the others are read-only and ignored)."""
    fields = import_fields(ui)
    form_class = ui.get_import_form()
    index: dict[str, SheetColumn] = {}

    def add(keys, column):
        for key in keys:
            index.setdefault(key, column)

    add({"id"}, SheetColumn(ID, ID_HEADER, "id"))
    add({"version"} | in_every_language(VERSION_HEADER), SheetColumn(VERSION, str(VERSION_HEADER), "version"))
    by_field = {name: field_column(ui, name, f) for name, f in fields.items()}
    for name, f in fields.items():
        add({name.lower()} | (in_every_language(f.label) if f.label else set()), by_field[name])
    for alias, name in getattr(form_class, "import_aliases", {}).items():
        if name in by_field:
            add({str(alias).strip().lower()}, by_field[name])
    for name, column in ui.table.columns.items():
        target = mapped_field(column, fields)
        sheet_column = by_field[target] if target else SheetColumn(READ_ONLY, str(column.label), name, column)
        add({name.lower()} | in_every_language(column.label), sheet_column)
    return index


def cell_text(table, row, column: SheetColumn) -> str:
    """A record's cell as the export writes it and the importer compares it."""
    if column.source is None:
        return ""
    if column.kind in (ID, VERSION):
        return str(getattr(row, column.source.accessor))
    if column.kind == FIELD and column.allowed:
        # A choice by the label the importer lists (a page may word it for the government's
        # kind, "Keputusan Wali Kota"; the sheet keeps the one label every importer knows).
        mfield = model_field(type(row), column.name)
        if mfield is not None and mfield.choices and not mfield.is_relation:
            value = getattr(row, mfield.attname)
            return str(dict(mfield.flatchoices).get(value, value))
    value = table.value(row, column.source)
    if column.kind == FIELD and isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    return table.text(row, column.source)


class Sheet:
    """What the exporter writes: a header, text rows and the choice lists (for XLSX drop-downs)."""

    def __init__(self, columns: list[SheetColumn], table=None, rows=()):
        self.columns, self.table, self.rows = columns, table, rows

    def header(self) -> list[str]:
        return [c.header for c in self.columns]

    def iter_text_rows(self):
        for row in self.rows:
            yield [cell_text(self.table, row, c) for c in self.columns]

    def choices(self) -> list[tuple[int, str, list[str]]]:
        return [(i, c.header, c.allowed) for i, c in enumerate(self.columns) if c.kind == FIELD and c.allowed]
