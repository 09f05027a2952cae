"""Every order and default filter a list offers is read from an index on PostgreSQL.

The check walks every registered ModelUI: its list page and its API list in the default order
and sorted on each sortable column (both directions), and the default order under each
default filter (agency, status, kind, classification... : the choice and foreign-key filters
on the model's own columns). It captures the SQL the real request runs and asks PostgreSQL's
planner for that query's plan with sorting priced out (`enable_sort = off`): if an index can
deliver the rows in order, the planner takes it; if none can, the plan still holds a Sort,
i.e. every page would read and sort all matching rows. Plans do not depend on table size for
this question, so empty tables answer it, for orders on the model's own columns (and the
default filters under such an order): these may not sort at all. A new module's lists are
walked without any change here.

Orders through a relation (agency short name, or a foreign key, which sorts by the related
model's order) are checked on the declared indexes instead, because whether PostgreSQL walks
the related table's index and joins or sorts depends on the tables' sizes: the related model
needs an index leading with the column sorted on, and this model one leading with the foreign
key, so the planner can read related rows in order and this model's rows for each of them
(sorting only within one related row). Through an optional relation (nullable foreign key: a
LEFT JOIN) no index can deliver the order; such a sort must be declared in the table's
`unindexed_sorts` with the reason it stays cheap, and the test refuses any undeclared one.
"""

import json

import django_filters
import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from spbe.core import ui as ui_registry
from spbe.core.registry import registry
from spbe.core.tables import Column
from spbe.core.views.objects import filtered_list, total_order
from spbe.org.choices import Role
from spbe.org.tables import PersonTable

from ..factories import user_with_role

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="reads PostgreSQL's query plans: run with DATABASE_URL=postgres://... (make test does)",
)

FILTER_TYPES = (
    django_filters.ChoiceFilter,
    django_filters.MultipleChoiceFilter,
    django_filters.ModelChoiceFilter,
    django_filters.ModelMultipleChoiceFilter,
)


def plan_of(sql: str, params=(), strict: bool = True) -> dict:
    """The plan with sorting priced out; `strict` also prices out a sort of the rows that
    share a leading key (Incremental Sort), which an order on the model's own columns never
    needs when the full index exists (on empty tables it can look as cheap as that index)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        if strict:
            cursor.execute("SET LOCAL enable_incremental_sort = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (raw,) = cursor.fetchone()
    return (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]


def nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from nodes(child)


def sort_problem(plan: dict, through_relation: bool) -> str | None:
    """What in the plan sorts rows instead of reading them in order, if anything."""
    for node in nodes(plan):
        if node["Node Type"] == "Sort":
            return f"Sort on {node.get('Sort Key')}"
        if node["Node Type"] == "Incremental Sort" and not through_relation:
            return f"Incremental Sort on {node.get('Sort Key')} (presorted {node.get('Presorted Key')})"
    return None


def crosses_relation(model, ordering) -> bool:
    """Whether the order reads a related row (agency short name, or a foreign key, which sorts
    by the related model's own order): rows then come in the related row's index order and
    may be sorted within each related row (Incremental Sort), never all at once."""
    for term in ordering:
        name = term.lstrip("-").split("__")[0]
        if name != "pk" and model._meta.get_field(name).is_relation:
            return True
    return False


def check(model, ordering, sql, params=()) -> str | None:
    through = crosses_relation(model, ordering)
    return sort_problem(plan_of(sql, params, strict=not through), through)


def list_query(queries, table: str) -> list[str]:
    """The statements that read the list's page: from the model's table, ordered, limited."""
    return [
        q["sql"]
        for q in queries
        if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
    ]


def api_prefix(ui) -> str | None:
    for prefix, viewset, _basename in registry.api_routes:
        if getattr(viewset, "ui", None) is ui:
            return prefix
    return None


def orderings(ui):
    """(page `sort` value or "", API `ordering` value or "", the ORM ordering it stands for)."""
    yield "", "", total_order(ui.model._meta.ordering)
    for name, path in ui.table.sortable().items():
        for sign in ("", "-"):
            yield sign + name, sign + path, total_order([sign + path])


def page_queryset(ui, user, sort: str):
    """The page's rows exactly as the list view selects them (the shared filtered_list); read
    from the queryset because an empty list page never runs its page query."""
    request = RequestFactory().get(reverse(ui.url_name("list")), {"sort": sort} if sort else {})
    request.user, request.session = user, {}
    _filterset, qs, _table, _sort = filtered_list(ui, request)
    return qs[:50]


def ordering_problems(ui, user, api_client) -> list[str]:
    table = ui.model._meta.db_table
    problems = []
    prefix = api_prefix(ui)
    for sort, api_ordering, ordering in orderings(ui):
        if crosses_relation(ui.model, ordering):
            continue  # see the module docstring: depends on the tables' sizes
        sql, params = page_queryset(ui, user, sort).query.sql_with_params()
        problem = check(ui.model, ordering, sql, params)
        if problem:
            problems.append((sort.lstrip("-"), f"page sort={sort} ({', '.join(ordering)}): {problem}"))
        if prefix is None:
            continue
        url = f"/api/v1/{prefix}/?ordering={api_ordering}"
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        statements = list_query(ctx.captured_queries, table)
        assert statements, f"{url}: no ordered, limited query on {table}"
        for sql in statements:
            problem = check(ui.model, ordering, sql)
            if problem:
                problems.append(
                    (sort.lstrip("-"), f"api ordering={api_ordering} ({', '.join(ordering)}): {problem}")
                )
    return problems


def filter_problems(ui, user) -> list[str]:
    """The default order under each default filter: the filter column must be an index
    condition, and the rows must come in order (no sort)."""
    model = ui.model
    problems = []
    ordering = total_order(model._meta.ordering)
    if crosses_relation(model, ordering):
        return problems  # see the module docstring: depends on the tables' sizes
    for name, filter_ in ui.filterset.base_filters.items():
        if not isinstance(filter_, FILTER_TYPES) or filter_.method is not None or "__" in filter_.field_name:
            continue
        field = model._meta.get_field(filter_.field_name)
        if field.is_relation:
            column, value = field.column, 0
        elif field.choices:
            column, value = field.column, field.choices[0][0]
        else:
            continue
        qs = model.objects.restrict(user).filter(**{filter_.field_name: value}).order_by(*ordering)[:50]
        sql, params = qs.query.sql_with_params()
        through = crosses_relation(model, ordering)
        plan = plan_of(sql, params, strict=not through)
        conditions = " ".join(
            str(node.get("Index Cond", ""))
            for node in nodes(plan)
            if node.get("Relation Name") == model._meta.db_table
        )
        if column not in conditions:
            problems.append(
                (
                    f"filter {name}",
                    f"filter {name} ({', '.join(ordering)}): {column} is not an index condition",
                )
            )
        problem = sort_problem(plan, through)
        if problem:
            problems.append((f"filter {name}", f"filter {name} ({', '.join(ordering)}): {problem}"))
    return problems


@pytest.fixture
def viewer(gov):
    """A government-wide role: sees every record, so the lists are not narrowed by scope."""
    return user_with_role(Role.ICT_ADMIN, None, "kominfo")


@pytest.fixture
def api_client(viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    return api


def test_every_registered_list_is_walked():
    labels = {ui.model._meta.label_lower for ui in ui_registry.all_uis()}
    assert {"org.person", "org.agency", "applications.application"} <= labels


@needs_postgres
@pytest.mark.parametrize("ui", ui_registry.all_uis(), ids=lambda ui: ui.model._meta.label_lower)
def test_every_ordering_of_every_list_is_read_from_an_index(ui, api_client, viewer):
    problems = ordering_problems(ui, viewer, api_client) + filter_problems(ui, viewer)
    assert not problems, "\n".join(text for _key, text in problems)


@needs_postgres
def test_an_ordering_without_an_index_is_caught(api_client, viewer, monkeypatch):
    """The check itself: a sortable column nobody indexed (a person's back title) fails it."""
    person_ui = ui_registry.ui_for("org.person")
    column = Column(accessor="back_title", label="gelar belakang", order_by="back_title", name="back_title")
    monkeypatch.setitem(PersonTable.columns, "back_title", column)
    problems = [text for _key, text in ordering_problems(person_ui, viewer, api_client)]
    assert any("sort=back_title" in p and "Sort" in p for p in problems), problems
    assert any("sort=-back_title" in p for p in problems), problems
    assert all("back_title" in p for p in problems), problems


# Orders through a relation: checked on the declared indexes (module docstring).


def leading_columns(model) -> set[tuple[str, ...]]:
    """The column lists that lead an index of `model`: declared indexes, unique constraints,
    single-column indexes (db_index, unique, foreign keys) and the primary key."""
    meta = model._meta
    out = {(meta.pk.column,)}
    for index in meta.indexes:
        out.add(tuple(meta.get_field(f.lstrip("-")).column for f in index.fields))
    for constraint in meta.constraints:
        if getattr(constraint, "fields", None):
            out.add(tuple(meta.get_field(f).column for f in constraint.fields))
    for fields in meta.unique_together:
        out.add(tuple(meta.get_field(f).column for f in fields))
    for field in meta.concrete_fields:
        if field.db_index or field.unique or field.is_relation:
            out.add((field.column,))
    return out


def led_by(model, column: str) -> bool:
    return any(cols[0] == column for cols in leading_columns(model))


def path_problems(model, path: str) -> list[str]:
    """Why an order on `path` ("agency__short_name", "team") cannot be read from indexes."""
    name, _, rest = path.partition("__")
    if name == "pk":
        return []
    field = model._meta.get_field(name)
    label = model._meta.label_lower
    if not field.is_relation:
        return [] if led_by(model, field.column) else [f"{label}: no index leads with {field.column}"]
    problems = [] if led_by(model, field.column) else [f"{label}: no index leads with {field.column}"]
    related = field.related_model
    if rest:
        return problems + path_problems(related, rest)
    # a bare foreign key sorts by the related model's own order
    first = (related._meta.ordering or ["pk"])[0].lstrip("-")
    return problems + path_problems(related, first)


def optional_relation(model, path: str) -> bool:
    """Whether `path` crosses a nullable foreign key (a LEFT JOIN)."""
    for name in path.split("__"):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if not field.is_relation:
            return False
        if field.null:
            return True
        model = field.related_model
    return False


def relation_orders(ui):
    """(column name or "" for the default, ORM path of the leading term) of every order that
    starts through a relation."""
    model = ui.model
    cases = [("", total_order(model._meta.ordering))]
    cases += [(name, total_order([path])) for name, path in ui.table.sortable().items()]
    for name, ordering in cases:
        if crosses_relation(model, ordering[:1]):
            yield name, ordering[0].lstrip("-")


def relation_problems(ui) -> list[str]:
    declared = getattr(ui.table, "unindexed_sorts", {})
    problems = []
    for name, path in relation_orders(ui):
        where = f"sort={name or '(default)'} ({path})"
        if optional_relation(ui.model, path):
            if name not in declared:
                problems.append(
                    f"{where}: through an optional relation, no index can serve it; "
                    "declare it in the table's unindexed_sorts with the reason, or drop the sort"
                )
            continue
        problems += [f"{where}: {p}" for p in path_problems(ui.model, path)]
    stale = set(declared) - {name for name, path in relation_orders(ui) if optional_relation(ui.model, path)}
    problems += [
        f"unindexed_sorts names {name}, which is not a sort through an optional relation" for name in stale
    ]
    return problems


@pytest.mark.parametrize("ui", ui_registry.all_uis(), ids=lambda ui: ui.model._meta.label_lower)
def test_every_ordering_through_a_relation_has_its_indexes(ui):
    problems = relation_problems(ui)
    assert not problems, "\n".join(problems)


def test_an_unindexed_relation_order_is_caught(monkeypatch):
    """The check itself: people sorted by their agency's address (no index leads with it), and
    agencies sorted by their parent (an optional relation) once its declaration is gone."""
    person_ui = ui_registry.ui_for("org.person")
    column = Column(
        accessor="agency.address", label="alamat", order_by="agency__address", name="agency_address"
    )
    monkeypatch.setitem(PersonTable.columns, "agency_address", column)
    assert relation_problems(person_ui) == [
        "sort=agency_address (agency__address): org.agency: no index leads with address"
    ]
    agency_ui = ui_registry.ui_for("org.agency")
    assert "parent" in agency_ui.table.unindexed_sorts
    monkeypatch.setattr(agency_ui.table, "unindexed_sorts", {})
    problems = relation_problems(agency_ui)
    assert any(
        p.startswith("sort=parent (parent__short_name): through an optional relation") for p in problems
    )
