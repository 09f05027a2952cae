"""The one decision point: may this user view / change / delete this object?

Core holds the mechanism; the organisation module registers the policy (roles x scopes) at
start-up. Views, the API, exports, imports and search all ask through these functions, and
object checks reuse the queryset rule so the two can never disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

VIEW, CHANGE, DELETE = "view", "change", "delete"
ACTIONS = (VIEW, CHANGE, DELETE)

# Scopes of a named action: the roles must be held government-wide, or with a scope covering
# the target's owning agency (a government-wide grant covers every agency).
GOVERNMENT, TARGET = "government", "target"


@dataclass(frozen=True)
class Action:
    """A named action beyond view/change/delete (run the compliance evaluation, consolidate needs,
    grant a role, ...). Modules register them; the policy decides, scope included.

    `roles` with `scope` is the usual rule; `rule(user, target)` replaces it where the answer
    depends on the target in a way roles alone cannot say (granting a role)."""

    name: str
    label: Any
    roles: tuple[str, ...] = ()
    scope: str = GOVERNMENT
    rule: Callable[[Any, Any], bool] | None = None
    who: Any = ""  # who may, in words, for docs/permissions.md and refusals


_actions: dict[str, Action] = {}


def register_action(action: Action) -> Action:
    if action.scope not in (GOVERNMENT, TARGET):
        raise ValueError(f"unknown scope {action.scope!r}")
    _actions[action.name] = action
    return action


def registered_actions() -> list[Action]:
    return sorted(_actions.values(), key=lambda a: a.name)


def may(user, name: str, target=None) -> bool:
    """May the user perform the named action (on `target`: a record, or what the action's rule
    expects)? Unknown actions are a programming error, never a silent yes."""
    action = _actions.get(name)
    if action is None:
        raise ValueError(f"unknown action {name!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return _policy.may(user, action, target)


def require_may(user, name: str, target=None) -> None:
    if not may(user, name, target):
        raise PermissionDenied


class Policy(Protocol):
    def restrict(self, queryset: QuerySet, user: Any, action: str) -> QuerySet: ...

    def creatable_owners(self, user: Any, model: type[Model]) -> QuerySet | None:
        """Agencies the user may create records of `model` for; None means any."""
        ...

    def may_create_unowned(self, user: Any, model: type[Model]) -> bool: ...

    def roles_of(self, user: Any) -> set[str]: ...

    def role_label(self, role: str, user: Any = None) -> str:
        """The role's label, worded for the user's government where that matters (the leader's title)."""
        ...

    def holds_role(self, user: Any, role: str, agency: Any) -> bool:
        """Does the user hold `role` with a scope covering `agency` (None: government-wide)?"""
        ...

    def role_holders(self, role: str, agency: Any) -> QuerySet:
        """Active users holding `role` with a scope covering `agency`."""
        ...

    def may(self, user: Any, action: Action, target: Any) -> bool: ...


class _DenyAll:
    def restrict(self, queryset, user, action):
        return queryset.none()

    def creatable_owners(self, user, model):
        return None

    def may_create_unowned(self, user, model):
        return False

    def roles_of(self, user):
        return set()

    def role_label(self, role, user=None):
        return role

    def holds_role(self, user, role, agency):
        return False

    def role_holders(self, role, agency):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()

    def may(self, user, action, target):
        return False


_policy: Policy = _DenyAll()


def register_policy(policy: Policy) -> None:
    global _policy
    _policy = policy


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return _policy.restrict(queryset, user, action)


def can(user, obj: Model, action: str = VIEW) -> bool:
    """Object check through the same rule as the model's lists (one query): its queryset's `restrict`,
    which is the policy plus whatever the model adds (a knowledge article's audience, a dataset's
    classification), so that no check by object sees more than the pages do."""
    if obj.pk is None:
        return False
    queryset = type(obj)._default_manager.all()
    scoped = (
        queryset.restrict(user, action) if hasattr(queryset, "restrict") else restrict(queryset, user, action)
    )
    return scoped.filter(pk=obj.pk).exists()


def creatable_owners(user, model: type[Model]):
    if user is None or not getattr(user, "is_authenticated", False):
        return model._meta.get_field(owner_field(model).split("__")[0]).related_model.objects.none()
    return _policy.creatable_owners(user, model)


def may_create(user, model: type[Model], owner=None) -> bool:
    """May the user create a record of `model` owned by `owner` (an Agency or None)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if owner is None:
        return _policy.may_create_unowned(user, model)
    owners = _policy.creatable_owners(user, model)
    return owners is None or owners.filter(pk=owner.pk).exists()


def require(user, obj: Model, action: str) -> None:
    if not can(user, obj, action):
        raise PermissionDenied


def owner_field(model: type[Model]) -> str | None:
    """Path from the model to its owning Agency ("agency", "application__agency", "id")."""
    return getattr(model, "owner_field", None)


def owner_of(instance: Model):
    """The agency owning `instance` as it stands in memory (unsaved changes included), following
    the model's owner path; None for a government-wide record. An Agency owns itself."""
    path = owner_field(type(instance))
    if path is None:
        return None
    if path == "id":
        return instance
    node = instance
    for part in path.split("__"):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def stored_owner_id(instance: Model):
    """The owning agency's id as stored in the database (before the pending change)."""
    path = owner_field(type(instance))
    if instance.pk is None or path is None or path == "id":
        return None if path != "id" else instance.pk
    return type(instance)._base_manager.filter(pk=instance.pk).values_list(path, flat=True).first()


def may_place(user, instance: Model) -> bool:
    """May the user save `instance` in the scope it now has? A new record needs the right to
    create in its owner's scope; moving a record to another agency, or to none (government-wide),
    needs the right to change records in the new scope too (the old one is checked by the edit
    itself). One rule for every model with an owner."""
    path = owner_field(type(instance))
    if path == "id":
        return _may_place_in_tree(user, instance)
    if path is None:
        return True  # government-wide records: changing them already needs a government-wide editor
    owner = owner_of(instance)
    owner_id = owner.pk if owner is not None else None
    if instance.pk is not None and owner_id == stored_owner_id(instance):
        return True
    return may_create(user, type(instance), owner)


def _may_place_in_tree(user, instance: Model) -> bool:
    """A record that is its own scope (an agency) moves by changing its place in the tree (the
    model's `tree_parent_field`, e.g. an agency's parent): that needs the right to change records
    under the old parent and under the new one (none: the government level, government-wide
    editors only). A new one is placed like any record created under its parent."""
    field = getattr(type(instance), "tree_parent_field", None)
    if field is None:
        return True
    attname = type(instance)._meta.get_field(field).attname
    new_parent_id = getattr(instance, attname)
    if instance.pk is None:
        return may_create(user, type(instance), getattr(instance, field))
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list(attname, flat=True).first()
    if stored == new_parent_id:
        return True
    related = type(instance)._meta.get_field(field).related_model._base_manager
    old_parent = related.filter(pk=stored).first() if stored is not None else None
    return may_create(user, type(instance), old_parent) and may_create(
        user, type(instance), getattr(instance, field)
    )


def roles_of(user) -> set[str]:
    """The roles the user holds today, whatever their scope."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return _policy.roles_of(user)


def role_label(role: str, user=None) -> str:
    return _policy.role_label(role, user)


def holds_role(user, role: str, agency=None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return _policy.holds_role(user, role, agency)


def role_holders(role: str, agency=None):
    return _policy.role_holders(role, agency)


def personal_data_agencies(user):
    """Agencies whose staff's personal data (a model's `personal_fields`) the user may read;
    None means every agency. The policy decides (docs/permissions.md, personal data)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    decide = getattr(_policy, "personal_data_agencies", None)
    return frozenset() if decide is None else decide(user)
