"""How a user is shown to other people: name and position, never the login name.

Core stays model-free: the organisation module registers where a user's person record lives
(a relation path for select_related) and how to label it. Pages that list users add
`people.related("requested_by")` to their select_related so the labels cost no extra query.
"""

from collections.abc import Callable
from typing import Any

_related: tuple[str, ...] = ()
_label: Callable[[Any], str | None] | None = None


def register(*, related: tuple[str, ...], label: Callable[[Any], str | None]) -> None:
    global _related, _label
    _related, _label = related, label


def related(prefix: str) -> list[str]:
    """select_related paths that load the person record behind the user at `prefix`."""
    return [f"{prefix}__{path}" for path in _related]


def related_paths() -> list[str]:
    """select_related paths from a user to its person record."""
    return list(_related)


def label(user) -> str:
    """ "Name, titles · position, agency"; the account's full name, or its login name, as fallbacks."""
    if user is None:
        return "—"
    text = _label(user) if _label is not None else None
    return text or user.get_full_name() or user.get_username()


def name(user) -> str:
    """Just the person's name with titles (for the header and greetings)."""
    return label(user).split(" · ", 1)[0]


def is_user_model(model) -> bool:
    from django.contrib.auth import get_user_model

    return model is get_user_model()


def is_user(obj) -> bool:
    from django.contrib.auth import get_user_model

    return isinstance(obj, get_user_model())


def labels(user_ids) -> dict:
    """user id -> label, for a page of rows that name users by id (audit events): one query."""
    from django.contrib.auth import get_user_model

    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    users = get_user_model()._base_manager.filter(pk__in=ids).select_related(*related_paths())
    return {user.pk: label(user) for user in users}
