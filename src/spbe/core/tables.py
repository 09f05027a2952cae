"""Declarative tables: one definition serves the list page, its column chooser and the export.

The export writes exactly the cells the page shows (same columns, same rows, same order),
and the joins a table needs are derived from its columns so a page costs a constant number
of queries whatever its length.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import people
from . import references as refs


@dataclass
class Column:
    accessor: str = ""  # dotted path from the row ("agency.short_name"); defaults to the column name
    label: Any = None
    order_by: str | None = ""  # ORM path to sort on; "" = derived from the accessor, None = not sortable
    link: bool = False  # link the cell to the row's page
    default: bool = True  # shown unless the user chooses otherwise
    render: Callable[[Any], Any] | None = None  # row -> value, for computed cells
    name: str = ""


class Table:
    model: type[models.Model]
    columns: dict[str, Column] = {}
    # column name -> why sorting it stays cheap, for a sort through an optional relation (a LEFT
    # JOIN, which no index can deliver in order); tests/core/test_ordering_indexes.py refuses
    # any such sort not named here.
    unindexed_sorts: dict[str, str] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        columns = {}
        for name, value in list(vars(cls).items()):
            if isinstance(value, Column):
                value.name = name
                value.accessor = value.accessor or name
                if value.order_by == "":
                    value.order_by = value.accessor.replace(".", "__") if value.render is None else None
                if value.label is None:
                    value.label = _label_for(cls.model, value.accessor)
                columns[name] = value
        inherited = {}
        for base in reversed(cls.__mro__[1:]):
            inherited.update(getattr(base, "columns", {}))
        cls.columns = {**inherited, **columns}

    # What the reader may see of references (core/references.py), set by the view that shows or
    # exports the table: a cell that reaches a record the reader may not see shows only that it
    # is there. Unset: no reader is known, and every record that can be hidden is.
    references: refs.References | None = None

    def __init__(self, rows, visible: list[str] | None = None):
        self.rows = rows
        self.visible = [
            c for c in (visible or self.default_columns()) if c in self.columns
        ] or self.default_columns()

    @classmethod
    def default_columns(cls) -> list[str]:
        return [name for name, col in cls.columns.items() if col.default]

    @classmethod
    def sortable(cls) -> dict[str, str]:
        return {name: col.order_by for name, col in cls.columns.items() if col.order_by}

    @property
    def visible_columns(self) -> list[Column]:
        return [self.columns[name] for name in self.visible]

    @classmethod
    def related_paths(cls, visible: list[str]) -> tuple[list[str], list[str]]:
        """select_related and prefetch_related paths the visible columns need."""
        select, prefetch = set(), set()
        for name in visible:
            col = cls.columns.get(name)
            if col is None or col.render is not None:
                continue
            model, path = cls.model, []
            for part in col.accessor.split("."):
                try:
                    field = model._meta.get_field(part)
                except FieldDoesNotExist:
                    break
                if not field.is_relation:
                    break
                path.append(part)
                if field.many_to_many or field.one_to_many:
                    prefetch.add("__".join(path))
                    break
                select.add("__".join(path))
                model = field.related_model
                if people.is_user_model(model):  # shown by name and position (core.people)
                    select.update(people.related("__".join(path)))
        return sorted(select), sorted(prefetch)

    def value(self, row, column: Column):
        if column.render is not None:
            return column.render(row)
        value: Any = row
        parts = column.accessor.split(".")
        for i, part in enumerate(parts):
            if value is None:
                return None
            if isinstance(value, models.Model) and part in self.reader_references().masked_fields(value):
                return None  # someone else's personal data (core/references.py)
            display = getattr(value, f"get_{part}_display", None) if i == len(parts) - 1 else None
            if display is not None:
                return display()
            value = getattr(value, part)
            if isinstance(value, models.Manager):
                return ", ".join(self.reader_references().label(v) for v in value.all())
            if isinstance(value, models.Model) and self.reader_references().is_hidden(value):
                return refs.HIDDEN_LABEL
        return value

    def reader_references(self) -> refs.References:
        if self.references is None:
            self.references = refs.References(None)
        return self.references

    def text(self, row, column: Column) -> str:
        """The cell as plain text, used by the page and the export alike."""
        value = self.value(row, column)
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return str(_("Ya") if value else _("Tidak"))
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        if people.is_user(value):
            return people.label(value)
        return str(value)

    def header(self) -> list[str]:
        return [str(col.label) for col in self.visible_columns]

    def iter_text_rows(self):
        cols = self.visible_columns
        for row in self.rows:
            yield [self.text(row, col) for col in cols]

    def html_rows(self):
        cols = self.visible_columns
        for row in self.rows:
            cells = []
            for col in cols:
                url = row.get_absolute_url() if col.link and hasattr(row, "get_absolute_url") else ""
                cells.append({"text": self.text(row, col), "url": url})
            yield {"object": row, "cells": cells}


def _label_for(model, accessor: str):
    parts = accessor.split(".")
    current = model
    field = None
    for part in parts:
        try:
            field = current._meta.get_field(part)
        except (FieldDoesNotExist, AttributeError):
            return part.replace("_", " ").capitalize()
        if field.is_relation and field.related_model is not None:
            current = field.related_model
    return capfirst(getattr(field, "verbose_name", parts[-1]))
