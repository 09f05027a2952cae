"""The one decision point: may this user view / change / delete this object?

Core holds the mechanism; the organisation module registers the policy (roles x scopes) at
start-up. Views, the API, exports, imports and search all ask through these functions, and
object checks reuse the queryset rule so the two can never disagree.
"""

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

VIEW, CHANGE, DELETE = "view", "change", "delete"
ACTIONS = (VIEW, CHANGE, DELETE)


class Policy(Protocol):
    def restrict(self, queryset: QuerySet, user: Any, action: str) -> QuerySet: ...

    def creatable_owners(self, user: Any, model: type[Model]) -> QuerySet | None:
        """Agencies the user may create records of `model` for; None means any."""
        ...

    def may_create_unowned(self, user: Any, model: type[Model]) -> bool: ...

    def roles_of(self, user: Any) -> set[str]: ...

    def role_label(self, role: str) -> str: ...

    def holds_role(self, user: Any, role: str, agency: Any) -> bool:
        """Does the user hold `role` with a scope covering `agency` (None: government-wide)?"""
        ...

    def role_holders(self, role: str, agency: Any) -> QuerySet:
        """Active users holding `role` with a scope covering `agency`."""
        ...


class _DenyAll:
    def restrict(self, queryset, user, action):
        return queryset.none()

    def creatable_owners(self, user, model):
        return None

    def may_create_unowned(self, user, model):
        return False

    def roles_of(self, user):
        return set()

    def role_label(self, role):
        return role

    def holds_role(self, user, role, agency):
        return False

    def role_holders(self, role, agency):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()


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
    """Object check through the same queryset rule (one query)."""
    if obj.pk is None:
        return False
    model = type(obj)
    return restrict(model._default_manager.all(), user, action).filter(pk=obj.pk).exists()


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


def roles_of(user) -> set[str]:
    """The roles the user holds today, whatever their scope."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return _policy.roles_of(user)


def role_label(role: str) -> str:
    return _policy.role_label(role)


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
