"""The `q` search of list pages, the API and the global search, one implementation.

A query is matched in two steps:

1. Identifiers first. A query made only of digits (spaces ignored, as NIPs are often written
   "19850101 201001 1 001") is looked up as an exact value or a prefix of the model's
   `identifier_fields` (NIP, NIK, region code: digits only). That is a range on a B-tree index
   ("1985" <= nip < "1986"), read in identifier order, so the exact match comes first. Only
   when no identifier matches does the search fall back to text.
2. Text: a case-insensitive substring of any of the model's `search_fields`
   (`UPPER(col) LIKE UPPER('%q%')`). On PostgreSQL each local search field carries a trigram
   GIN index on exactly that expression (pg_trgm, see `TrigramSearchIndexes`), so the planner
   can answer a rare word from the index instead of reading the table; a common word is
   answered by reading the list's order index until the page is full. SQLite runs the same
   condition as LIKE over the table (its fallback, fine at a regency's size).

Ranking: best match first (a field equal to the query, then one starting with it, then the
rest, each in the list's own order), when the user chose no other order. Ranking must look at
every match, so it is done where every match is already at hand: a list page or API page that
holds all of them (the first page, with no next one) is put in rank order in Python (`Ranker`),
at no extra query; a broader query (a common word in a province's staff register) keeps the
list's order, which its index serves at any size. The global search, which shows a few hits per
kind of record, ranks in SQL when at most RANK_LIMIT records match (asked with one query that
stops after RANK_LIMIT + 1 rows).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.migrations.operations.base import Operation
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.constants import LOOKUP_SEP

MIN_IDENTIFIER_DIGITS = 4
RANK = "search_rank"  # the annotation the global search orders by when it ranks in SQL
RANK_LIMIT = 50  # about a page: counting further would cost more than the page itself


def identifier_query(value: str) -> str | None:
    """The digits of an identifier-looking query, or None."""
    digits = value.replace(" ", "")
    return digits if digits.isdigit() and len(digits) >= MIN_IDENTIFIER_DIGITS else None


def _without_identifiers(model, fields: tuple) -> tuple:
    """`fields` less the model's identifier fields (all of them when nothing else is searched)."""
    return tuple(f for f in fields if f not in getattr(model, "identifier_fields", ())) or fields


def _identifier_condition(model, digits: str, references=None) -> Q | None:
    fields = getattr(model, "identifier_fields", ())
    if not fields:
        return None
    personal = set(getattr(model, "personal_fields", ()))
    # Digits sort as digits in every collation, so [digits, digits + 1) is exactly the
    # strings starting with `digits` (a longer identifier starting with "1999" sorts below
    # "2000"), read as one range of the identifier's B-tree index.
    upper = str(int(digits) + 1).zfill(len(digits))
    condition = Q()
    for field in fields:
        if len(upper) > len(digits):  # all nines: no upper bound within this length
            match = Q(**{f"{field}__gte": digits})
        else:
            match = Q(**{f"{field}__gte": digits, f"{field}__lt": upper})
        if references is not None and field in personal:
            # A search must not confirm someone's NIP to a reader who may not see it.
            match &= references.personal_q(model)
        condition |= match
    return condition


def text_condition(model, value: str, fields=None, references=None) -> Q:
    """`value` in any of `fields`; with the reader's `references` (core.references), personal
    fields match only on records whose personal data the reader may see."""
    if references is not None:
        fields = fields if fields is not None else getattr(model, "search_fields", ())
        return references.search_q(model, fields, value)
    condition = Q()
    for field in fields if fields is not None else getattr(model, "search_fields", ()):
        condition |= Q(**{f"{field}__icontains": value})
    return condition


def matches(queryset, value: str, fields=None, references=None, rank: bool = False) -> tuple:
    """(the rows of `queryset` matching `value`, the order they should be listed in or None for
    the list's own): identifiers first, in identifier order; else text, ranked best first when
    `rank` is asked and few enough rows match (module docstring)."""
    value = value.strip()
    model = queryset.model
    fields = tuple(fields if fields is not None else getattr(model, "search_fields", ()))
    if not value or not fields:
        return queryset, None
    digits = identifier_query(value)
    if not value.replace(" ", "").isdigit():
        # Identifiers hold digits only (a NIP is validated so): a query with anything else is
        # never inside one, and skipping them is one comparison less on every row read.
        fields = _without_identifiers(model, fields)
    if digits is not None:
        condition = _identifier_condition(model, digits, references)
        if condition is not None:
            by_identifier = queryset.filter(condition)
            if by_identifier.exists():
                order = tuple(model.identifier_fields)
                return by_identifier.order_by(*order), order
            # Digits that start no identifier are looked for as text elsewhere, not inside
            # identifiers: a fragment of someone's NIP is no way to find them.
            fields = _without_identifiers(model, fields)
    matched = queryset.filter(text_condition(model, value, fields, references))
    # In the list's order, so that for a common word the count walks the order index and stops
    # after RANK_LIMIT + 1 matches, as the page itself does (a rare word: the trigram index).
    order = (*(model._meta.ordering or ()), "pk")
    if not rank or matched.order_by(*order)[: RANK_LIMIT + 1].count() > RANK_LIMIT:
        return matched, None
    ranking = _rank(model, value, fields, references)
    return matched.annotate(**{RANK: ranking}), (RANK, *(model._meta.ordering or ["pk"]))


def _rank(model, value: str, fields, references) -> Case:
    """0 when a field equals `value`, 1 when one starts with it, else 2 (case-insensitive)."""
    exact = Q()
    prefix = Q()
    personal = set(getattr(model, "personal_fields", ())) if references is not None else set()
    for field in fields:
        if field in personal:  # the order must not tell what a hidden field holds
            continue
        exact |= Q(**{f"{field}__iexact": value})
        prefix |= Q(**{f"{field}__istartswith": value})
    return Case(
        When(exact, then=Value(0)), When(prefix, then=Value(1)), default=Value(2), output_field=IntegerField()
    )


@dataclass(frozen=True)
class Ranker:
    """Puts rows already read in best-match order: exact, prefix, then the rest, each tier in the
    order the rows came in (the list's). The same case-insensitive comparisons as `_rank`, on the
    values loaded with the rows only (never a query: a relation not loaded does not count)."""

    value: str
    fields: tuple[str, ...]

    def rank(self, row) -> int:
        best = 2
        for path in self.fields:
            text = _loaded_text(row, path)
            if text is None:
                continue
            if text == self.value:
                return 0
            if text.startswith(self.value):
                best = 1
        return best

    def sort(self, rows) -> list:
        return sorted(rows, key=self.rank)


def ranker_for(model, value: str, fields=None, references=None) -> Ranker | None:
    """The Ranker of a text search (None for an empty one)."""
    value = value.strip()
    fields = tuple(fields if fields is not None else getattr(model, "search_fields", ()))
    personal = set(getattr(model, "personal_fields", ())) if references is not None else set()
    fields = tuple(f for f in fields if f not in personal)  # the order must not tell what is hidden
    return Ranker(value.upper(), fields) if value and fields else None


def _loaded_text(row, path: str) -> str | None:
    obj = row
    parts = path.split(LOOKUP_SEP)
    for part in parts[:-1]:
        field = obj._meta.get_field(part)
        if not field.is_relation or not field.is_cached(obj):
            return None
        obj = getattr(obj, part)
        if obj is None:
            return None
    name = parts[-1]
    if name in obj.get_deferred_fields():
        return None
    value = getattr(obj, name, None)
    return None if value is None else str(value).upper()


def filter_queryset(queryset, value: str, fields=None, references=None):
    """The rows of `queryset` matching `value`: identifiers first, else text."""
    return matches(queryset, value, fields, references)[0]


def ranked(queryset, value: str, fields=None, references=None):
    """Matches in the order a list shows them for this search: ranked best first when few
    enough match, else the model's order (the global search shows a few of them)."""
    matched, order = matches(queryset, value, fields, references, rank=True)
    return matched.order_by(*(order or queryset.model._meta.ordering or ["pk"]), "pk")


def local_search_fields(model) -> list[str]:
    """The search fields that are the model's own text columns (those an index can hold)."""
    columns = []
    for name in getattr(model, "search_fields", ()):
        if LOOKUP_SEP in name:
            continue
        field = model._meta.get_field(name)
        if field.get_internal_type() in ("CharField", "TextField", "EmailField", "SlugField", "URLField"):
            columns.append(field.column)
    return columns


def trigram_index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


class TrigramSearchIndexes(Operation):
    """Migration operation: a trigram GIN index on UPPER(column) for each given column, the
    expression Django's `icontains` compares on PostgreSQL. Nothing on other databases (their
    fallback is LIKE over the table), and nothing in the model state: the indexes are a
    PostgreSQL access path, not part of the schema Django compares. Needs the pg_trgm
    extension (core migration 0003, docs/operations.md)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, columns: list[str]):
        self.model_name = model_name
        self.columns = list(columns)

    def state_forwards(self, app_label, state):
        pass

    def _table(self, app_label, state):
        return state.apps.get_model(app_label, self.model_name)._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = self._table(app_label, to_state)
        quote = schema_editor.quote_name
        for column in self.columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(trigram_index_name(table, column))} ON {quote(table)} "
                f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = self._table(app_label, from_state)
        for column in self.columns:
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {schema_editor.quote_name(trigram_index_name(table, column))}"
            )

    def describe(self):
        return f"Trigram search indexes on {self.model_name} ({', '.join(self.columns)})"

    def deconstruct(self):
        return (
            f"{__name__}.{type(self).__qualname__}",
            [],
            {"model_name": self.model_name, "columns": self.columns},
        )


def trigram_indexes_present() -> set[tuple[str, str]]:
    """(table, column) pairs with a trigram index on UPPER(column), read from PostgreSQL."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
        names = {(table, name) for table, name in cursor.fetchall()}
    return names
