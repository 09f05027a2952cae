"""Organisation reads every module shares: whose government, an agency and its sub-units, the
Perangkat Daerah a sub-unit belongs to. One place, so that modules never keep their own copies.

The tree walks are one recursive query (WITH RECURSIVE, understood by SQLite and PostgreSQL);
UNION (not UNION ALL) stops at a cycle, should bad data ever contain one.
"""

from django.db import connection

from .models import Agency, Government, RoleAssignment


def _agency_table() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    meta = Agency._meta
    return quote(meta.db_table), quote(meta.pk.column), quote(meta.get_field("parent").column)


def agency_subtree(agency_ids) -> frozenset[int]:
    """The ids of the given agencies and of all their sub-units, at any depth, in one query."""
    ids = [int(pk) for pk in agency_ids if pk is not None]
    if not ids:
        return frozenset()
    table, pk, parent = _agency_table()
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"WITH RECURSIVE subtree(id) AS ("
        f"SELECT {pk} FROM {table} WHERE {pk} IN ({placeholders}) "
        f"UNION SELECT a.{pk} FROM {table} a JOIN subtree s ON a.{parent} = s.id"
        f") SELECT id FROM subtree"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return frozenset(row[0] for row in cursor.fetchall())


def top_level_agency(agency: Agency) -> Agency:
    """The Perangkat Daerah proper that a sub-unit (bagian, UPT) answers through; itself when it
    has no parent. One query."""
    if agency.parent_id is None:
        return agency
    table, pk, parent = _agency_table()
    sql = (
        f"WITH RECURSIVE up(id, parent_id) AS ("
        f"SELECT {pk}, {parent} FROM {table} WHERE {pk} = %s "
        f"UNION SELECT a.{pk}, a.{parent} FROM {table} a JOIN up ON a.{pk} = up.parent_id"
        f") SELECT a.* FROM {table} a WHERE a.{pk} IN (SELECT id FROM up WHERE parent_id IS NULL)"
    )
    found = list(Agency._base_manager.raw(sql, [agency.pk]))
    return found[0] if found else agency


def subtree_map(government=None) -> dict[int, list[int]]:
    """agency id -> the ids of it and its sub-units, for every agency (of one government, or all),
    from one query. For checks that ask the question for many agencies in one run."""
    rows = Agency._base_manager.all()
    if government is not None:
        rows = rows.filter(government=government)
    parent_of = dict(rows.values_list("id", "parent_id"))
    tree: dict[int, list[int]] = {a: [a] for a in parent_of}
    for agency_id in parent_of:
        node, seen = parent_of[agency_id], set()
        while node is not None and node not in seen:
            tree.setdefault(node, [node]).append(agency_id)
            seen.add(node)
            node = parent_of.get(node)
    return tree


def government_of(user) -> Government | None:
    """The user's government: that of their staff record, else that of the agency of one of their
    role assignments, else the only (first) one there is (a platform admin without a staff record
    in a one-government deployment)."""
    if user is not None and getattr(user, "is_authenticated", False):
        mine = Government.objects.select_related("ict_office").filter(agency__person__user=user).first()
        if mine is not None:
            return mine
        scoped = RoleAssignment._base_manager.filter(user=user, agency__isnull=False).values(
            "agency__government"
        )
        mine = Government.objects.select_related("ict_office").filter(pk__in=scoped).order_by("pk").first()
        if mine is not None:
            return mine
    return Government.objects.select_related("ict_office").order_by("pk").first()


# The kind every government on this platform shares (None when they differ): kept per process and
# dropped when a government is saved or deleted (org/apps.py), since labels read it per row.
_shared_kind: dict[str, str | None] = {}


def shared_government_kind() -> str | None:
    if "kind" not in _shared_kind:
        kinds = set(Government.objects.values_list("kind", flat=True).distinct()[:2])
        _shared_kind["kind"] = kinds.pop() if len(kinds) == 1 else None
    return _shared_kind["kind"]


def forget_shared_government_kind(**_kwargs) -> None:
    _shared_kind.clear()
