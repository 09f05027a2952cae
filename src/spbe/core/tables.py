"""Declarative tables: one definition serves the list page, its column chooser and the export.

The export writes exactly the cells the page shows (same columns, same rows, same order),
and the joins a table needs are derived from its columns so a page costs a constant number
of queries whatever its length.
"""

import datetime
import functools
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import dates, formats, timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import people
from . import references as refs
from .models import BaseModel

_URL_SAMPLE_PK = 987654321987


@dataclass
class Column:
    accessor: str = ""  # dotted path from the row ("agency.short_name"); defaults to the column name
    label: Any = None
    order_by: str | None = ""  # ORM path to sort on; "" = derived from the accessor, None = not sortable
    link: bool = False  # link the cell to the row's page
    default: bool = True  # shown unless the user chooses otherwise
    render: Callable[[Any], Any] | None = None  # row -> value, for computed cells
    nowrap: bool = False  # keep the cell on one line (codes such as "TK-2026-000123" wrap at hyphens)
    # The row's own fields a `render` or a property accessor reads. A list loads only the fields
    # its visible columns show; a computed column without `needs` makes it load whole rows.
    needs: tuple[str, ...] | None = None
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

    @classmethod
    def loaded_fields(cls, visible: list[str]) -> list[str] | None:
        """The fields a page of the visible columns reads, for `QuerySet.only()`; None when a
        computed column does not say what it reads. A page rarely shows more than a few of a
        record's fields, and converting the rest (dates above all) was a good part of its time.

        A column showing one plain field of a related record ("agency.short_name") loads that
        field (and the key) of it. A column showing the related record itself loads it whole,
        since its text (`str()`) may use any of its fields; so does one whose related record has
        personal data, whose masking reads its owner."""
        fields, narrowed, whole = {"pk"}, set(), set()
        owner = getattr(cls.model, "owner_field", None)
        if owner and owner != "id":
            fields.add(owner.split("__")[0])  # whose personal data it is (core/references.py)
        for name in visible:
            col = cls.columns.get(name)
            if col is None:
                continue
            if col.needs is not None:
                fields.update(col.needs)
                continue
            if col.render is not None:
                return None
            model, path, parts = cls.model, [], col.accessor.split(".")
            for i, part in enumerate(parts):
                try:
                    field = model._meta.get_field(part)
                except FieldDoesNotExist:
                    return None  # a property or method: it may read anything
                path.append(part)
                if field.many_to_many or field.one_to_many:
                    path.pop()
                    break
                if not field.is_relation:
                    break
                rest = parts[i + 1 :]
                if len(rest) == 1 and _plain_field(field.related_model, rest[0]):
                    narrowed.add(f"{part}__{rest[0]}")
                else:
                    whole.add(part)
                break
            if path:
                fields.add("__".join(path))
        # A relation the list follows further (a table's own related_paths) is loaded whole too.
        whole.update(path.split("__")[0] for path in cls.related_paths(visible)[0] if "__" in path)
        fields.update(entry for entry in narrowed if entry.split("__")[0] not in whole)
        return sorted(fields)

    def value(self, row, column: Column):
        if column.render is not None:
            return column.render(row)
        references = self.reader_references()
        value: Any = row
        parts = column.accessor.split(".")
        last = len(parts) - 1
        for i, part in enumerate(parts):
            if value is None:
                return None
            is_record = isinstance(value, models.Model)
            if is_record and refs.personal_fields(type(value)) and part in references.masked_fields(value):
                return None  # someone else's personal data (core/references.py)
            if i == last and is_record:
                labels = self._choice_labels(type(value), part)
                if labels is not None:
                    # What get_<field>_display() answers, without rebuilding the choices for
                    # every cell: the labels are translated once per table.
                    raw = getattr(value, part)
                    return labels.get(raw, raw)
                display = getattr(value, f"get_{part}_display", None)
                if display is not None:
                    return display()
            value = getattr(value, part)
            if isinstance(value, models.Manager):
                return ", ".join(references.label(v) for v in value.all())
            if isinstance(value, models.Model) and references.is_hidden(value):
                return refs.HIDDEN_LABEL
        return value

    def _choice_labels(self, model, name: str) -> dict | None:
        """value -> label of a choices field, or None when `name` is no such field of `model`."""
        cache = self.__dict__.setdefault("_labels", {})
        key = (model, name)
        if key not in cache:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            choices = getattr(field, "flatchoices", None) if field is not None and field.choices else None
            if choices is not None and not _django_display(model, name):
                choices = None  # the model words its own label (e.g. after the government's kind)
            cache[key] = None if choices is None else {value: str(label) for value, label in choices}
        return cache[key]

    def _row_url(self, row) -> str:
        """The row's page. A platform record's URL differs from the next one's only by its id,
        so it is reversed once per table and the id put in (reverse() per row is measurable)."""
        if not hasattr(row, "get_absolute_url"):
            return ""
        model = type(row)
        if model.get_absolute_url is not BaseModel.get_absolute_url or row.pk is None:
            return row.get_absolute_url()
        cache = self.__dict__.setdefault("_url_patterns", {})
        if model not in cache:
            try:
                sample = reverse(row.url_name("detail"), kwargs={"pk": _URL_SAMPLE_PK})
            except NoReverseMatch:
                sample = ""
            cache[model] = (
                sample.split(str(_URL_SAMPLE_PK)) if sample.count(str(_URL_SAMPLE_PK)) == 1 else None
            )
        parts = cache[model]
        if parts is None:
            return row.get_absolute_url()
        return f"{parts[0]}{row.pk}{parts[1]}"

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
            return format_date(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return format_date(value, "SHORT_DATE_FORMAT")
        if isinstance(value, models.Model) and people.is_user(value):
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
                url = self._row_url(row) if col.link else ""
                cells.append({"text": self.text(row, col), "url": url, "nowrap": col.nowrap})
            yield {"object": row, "cells": cells}

    def html_head(self, querystring: str, sort: str) -> str:
        """The header cells; a sortable column links to the list sorted by it (ascending, then
        descending when it is already the ascending sort), on the first page."""
        esc = html.escape
        params = QueryDict(querystring, mutable=True)
        params.pop("page", None)
        out = []
        for col in self.visible_columns:
            label = esc(str(col.label))
            if col.order_by:
                params["sort"] = f"-{col.name}" if sort == col.name else col.name
                link = esc(params.urlencode())
                arrow = " ▲" if sort == col.name else " ▼" if sort == f"-{col.name}" else ""
                label = (
                    f'<a href="?{link}" hx-get="?{link}" hx-target="#object-table" hx-push-url="true">'
                    f"{label}{arrow}</a>"
                )
            out.append(f'<th scope="col" class="spbe-sort">{label}</th>')
        return mark_safe("".join(out))  # noqa: S308 - built from escaped parts only

    @property
    def html_body(self) -> str:
        """The rows as `<tr>` elements, built here rather than by a template loop: a page of 50
        rows and 8 columns is 400 cells, and the template engine's per-cell work was a large
        part of a list page's time. Every text is escaped."""
        esc = html.escape  # every text, even one marked safe (as django.utils.html.escape)
        out, unnamed = [], esc(str(_("(tanpa nama)")))
        cols = [(col, '<td class="text-nowrap">' if col.nowrap else "<td>") for col in self.visible_columns]
        for row in self.rows:
            out.append("<tr>")
            for col, td in cols:
                text = esc(self.text(row, col))
                url = self._row_url(row) if col.link else ""
                if url:
                    out.append(f'{td}<a href="{esc(url)}">{text or unnamed}</a></td>')
                else:
                    out.append(f"{td}{text}</td>")
            out.append("</tr>")
        return mark_safe("".join(out))  # noqa: S308 - built from escaped parts only


def _plain_field(model, name: str) -> bool:
    """Whether a cell showing `model.name` reads that one field and nothing else of the record."""
    if people.is_user_model(model) or refs.personal_fields(model):
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not field.concrete or field.is_relation:
        return False
    return not field.choices or _django_display(model, name)


def _django_display(model, name: str) -> bool:
    """Whether get_<name>_display is the one Django adds, not one the model defines."""
    attr = f"get_{name}_display"
    for klass in model.__mro__:
        if attr in klass.__dict__:
            return isinstance(klass.__dict__[attr], functools.partialmethod)
    return False


# Date format characters done here (the ones the platform's formats use); any other character
# sends the format to Django's own formatter.
_DATE_CODES = {
    "d": lambda v, m: f"{v.day:02d}",
    "j": lambda v, m: str(v.day),
    "m": lambda v, m: f"{v.month:02d}",
    "n": lambda v, m: str(v.month),
    "y": lambda v, m: f"{v.year % 100:02d}",
    "Y": lambda v, m: str(v.year),
    "M": lambda v, m: m[0][v.month],
    "F": lambda v, m: m[1][v.month],
    "N": lambda v, m: m[2][v.month],
    "H": lambda v, m: f"{v.hour:02d}",
    "G": lambda v, m: str(v.hour),
    "i": lambda v, m: f"{v.minute:02d}",
    "s": lambda v, m: f"{v.second:02d}",
}
_TIME_CODES = set("HGis")
_date_plans: dict[tuple, tuple | None] = {}


def _date_plan(format_name: str):
    """The format of the active language as (pieces, month names), or None when it uses a
    character not in _DATE_CODES. Worked out once per format and language."""
    language = translation.get_language()
    key = (format_name, language)
    if key not in _date_plans:
        fmt = str(formats.get_format(format_name))
        pieces, literal, escaped = [], [], False
        for char in fmt:
            if escaped:
                literal.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _DATE_CODES:
                if literal:
                    pieces.append("".join(literal))
                    literal = []
                pieces.append(_DATE_CODES[char])
            elif char.isalpha():
                pieces = None
                break
            else:
                literal.append(char)
        if pieces is not None and literal:
            pieces.append("".join(literal))
        months = (
            {i: str(dates.MONTHS_3[i]).title() for i in range(1, 13)},
            {i: str(dates.MONTHS[i]) for i in range(1, 13)},
            {i: str(dates.MONTHS_AP[i]) for i in range(1, 13)},
        )
        uses_time = pieces is not None and any(p is _DATE_CODES[c] for c in _TIME_CODES for p in pieces)
        _date_plans[key] = None if pieces is None else (tuple(pieces), months, uses_time)
    return _date_plans[key]


def format_date(value, format_name: str) -> str:
    """formats.date_format(value, format_name), without re-reading the format character by
    character for every cell (a page shows a hundred dates)."""
    plan = _date_plan(format_name)
    if plan is None or (plan[2] and not isinstance(value, datetime.datetime)):
        return formats.date_format(value, format_name)
    pieces, months, _time = plan
    return "".join(p if isinstance(p, str) else p(value, months) for p in pieces)


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
