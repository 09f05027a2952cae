"""Values kept in the web process across requests, valid while their version token is unchanged.

What every signed-in page needs and rarely changes (a user's role grants, the agencies offered by
a list filter) is computed once per process and kept here under the *version token* of what it
depends on. A token is a random string in Django's shared cache (the database cache by default),
replaced (`bump`) whenever a record it depends on is saved or deleted, so every web process sees
the change on its next read and recomputes: no stale value survives a change. Tokens are random,
not counters, so two concurrent bumps never yield the same token.

A request reads all tokens it may need in one cache query (`get_many`), on first use; a bump made
during the request updates that snapshot too. Outside a request (tasks, shell, tests without the
client) each lookup reads its token afresh.

A bump runs at once and again after the surrounding transaction commits: the first keeps the
database cache (transactional) and tests in step, the second retires a value another process may
have computed from the not yet committed data in between.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

from . import context

PREFIX = "spbe:version:"
GLOBAL_NAMES: set[str] = set()  # read together with a request's first lookup
MAX_VALUES = 5000
MAX_BYTES = 32 * 1024 * 1024  # what text and bytes values may hold together, per process

_values: OrderedDict = OrderedDict()
_bytes = {"total": 0}
_lock = threading.Lock()


USER_NAMES: set[str] = set()  # per signed-in user ("<name>:<user id>"), read with them


def register(name: str) -> None:
    GLOBAL_NAMES.add(name)


def register_per_user(name: str) -> None:
    USER_NAMES.add(name)


def user_name(name: str, user_id) -> str:
    return f"{name}:{user_id}"


def _snapshot() -> dict | None:
    request = context.current().request
    if request is None:
        return None
    snapshot = getattr(request, "_spbe_versions", None)
    if snapshot is None:
        snapshot = {}
        request._spbe_versions = snapshot
    return snapshot


def _read(names: list[str]) -> dict[str, str]:
    found = cache.get_many([PREFIX + n for n in names])
    tokens = {}
    for name in names:
        token = found.get(PREFIX + name)
        if token is None:  # never set, or evicted: start a new one
            token = uuid.uuid4().hex
            if not cache.add(PREFIX + name, token, None):
                token = cache.get(PREFIX + name) or token
        tokens[name] = token
    return tokens


def token(name: str, *, user_id=None) -> str:
    """The current token of `name`. `user_id` names the signed-in user when the request does not
    know it yet (while it is being authenticated: core/accounts.py), so that the user's own names
    are read in the same query; otherwise the request's user is asked."""
    snapshot = _snapshot()
    if snapshot is None:
        return _read([name])[name]
    if name not in snapshot:
        others = set(GLOBAL_NAMES)
        if user_id is None:
            user = getattr(context.current().request, "user", None)
            if user is not None and user.is_authenticated:
                user_id = user.pk
        if user_id is not None:
            others |= {user_name(n, user_id) for n in USER_NAMES}
        wanted = [name, *(n for n in others if n not in snapshot and n != name)]
        snapshot.update(_read(wanted))
    return snapshot[name]


def _set_new(name: str) -> None:
    new = uuid.uuid4().hex
    cache.set(PREFIX + name, new, None)
    snapshot = _snapshot()
    if snapshot is not None:
        snapshot[name] = new


def bump_users(name: str, user_ids) -> None:
    """`bump` of the per-user name for each of `user_ids`."""
    names = [user_name(name, pk) for pk in set(user_ids)]
    for each in names:
        bump(each)


def bump(name: str) -> None:
    """Whatever was kept under `name` is out of date from now on (in every process)."""
    _set_new(name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _set_new(name))


def get(name: str, key, compute, *, keep=None, user_id=None):
    """The value kept for `key` under the current token of `name`, computed when missing (and
    kept unless `keep(value)` says otherwise). `user_id`: as for `token`."""
    full = (name, token(name, user_id=user_id), key)
    with _lock:
        if full in _values:
            _values.move_to_end(full)
            return _values[full]
    value = compute()
    if keep is not None and not keep(value):
        return value
    with _lock:
        if full not in _values:
            _bytes["total"] += _size(value)
        _values[full] = value
        while len(_values) > MAX_VALUES or _bytes["total"] > MAX_BYTES:
            _key, old = _values.popitem(last=False)
            _bytes["total"] -= _size(old)
    return value


def _size(value) -> int:
    return len(value) if isinstance(value, str | bytes) else 0


# Models whose every ORM write retires version names: model -> names (see `track`).
WRITTEN: dict = {}


def track(name: str, *models) -> None:
    """Retire `name` on every ORM write to `models`: a save or delete, a change of one of their
    many-to-many relations, and the bulk update and bulk create of the platform's querysets
    (core/querysets.py calls `written`). Only raw SQL goes around it. `name` is read with every
    request's first lookup."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    register(name)
    for model in models:
        WRITTEN.setdefault(model, set()).add(name)
        for signal in (post_save, post_delete):
            signal.connect(
                _written, sender=model, weak=False, dispatch_uid=f"spbe-versions-{model._meta.label}"
            )
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            WRITTEN.setdefault(through, set()).add(name)
            m2m_changed.connect(
                _written, sender=through, weak=False, dispatch_uid=f"spbe-versions-{through._meta.label}"
            )


def written(model) -> None:
    """Records of `model` were written: retire what was kept under the names tracking it."""
    for name in WRITTEN.get(model, ()):
        bump(name)


def _written(sender, action: str = "post_", **kwargs) -> None:
    if action.startswith("post_"):  # m2m_changed also signals before the change
        written(sender)


# Models whose list-filter choices are kept across requests: model -> version name. The module
# that owns the model registers it and bumps the version when one of its records changes.
CHOICE_MODELS: dict = {}


def cache_choices(model, name: str) -> None:
    CHOICE_MODELS[model] = name


def choice_objects(queryset) -> list:
    """The records a filter offers, kept under the model's version when it is registered and the
    query reads the model's table alone (keyed by the query's SQL, so each distinct choice
    queryset is kept apart); read afresh otherwise."""
    name = CHOICE_MODELS.get(queryset.model)
    if name is None:
        return list(queryset)
    if _whole_table(queryset.query):
        # Every row in the model's own order: the common `Agency.objects.all()`. Compiling its
        # SQL only to name it cost more than the rest of the filter's rendering.
        return get(name, ("choices", "whole", queryset.db), lambda: list(queryset))
    sql = str(queryset.query)
    if " JOIN " in sql or sql.count("SELECT") > 1:
        return list(queryset)  # it reads other tables, whose changes do not bump the version
    return get(name, ("choices", sql), lambda: list(queryset))


def _whole_table(query) -> bool:
    """Whether `query` reads every row and column of its model's table in the default order, with
    nothing added: no condition, ordering, slice, join, annotation, deferral or distinct. Anything
    else is named by its SQL."""
    return (
        not query.where
        and not query.order_by
        and not query.extra_order_by
        and query.default_ordering
        and not query.annotations
        and not query.extra
        and query.select_related is False
        and query.deferred_loading == (frozenset(), True)
        and query.low_mark == 0
        and query.high_mark is None
        and not query.distinct
        and not query.values_select
        and query.combinator is None
        and not query.select
        and len(query.alias_map) <= 1
    )
