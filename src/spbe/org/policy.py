"""Roles x scopes: the platform's permission policy (registered with core at start-up).

The rules, in words (docs/permissions.md has the matrix):
- Anyone holding a valid role sees every record that is not CLOSED: SPBE data is shared
  inside the government.
- A CLOSED record is seen only by holders of a role whose scope covers its owning agency
  (an agency-scoped role covers that agency and its sub-units; a government-scoped role
  covers every agency).
- Change: the editor roles (platform admin, ICT office admin, agency admin, agency head)
  plus the model's own `editor_roles`, within their scope.
- Delete: platform admin, ICT office admin and agency admin, within their scope.
- Records with no owning agency (the government, the coordination team) are changed only
  through a government-scoped editor role.
- A user without any valid role sees nothing.
- A government-only role (platform admin, ICT office admin, ...) counts only when held
  government-wide: an agency-scoped row of one (which the model refuses) grants nothing.
- Named actions (core.permissions.may) are decided here, scope included; granting and ending
  roles follow `may_grant`.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from spbe.core import permissions, versions
from spbe.core.choices import Classification

from .choices import (
    AGENCY_ASSIGNABLE_ROLES,
    DELETER_ROLES,
    EDITOR_ROLES,
    GOVERNMENT_ONLY_ROLES,
    ICT_OFFICE_ASSIGNABLE_ROLES,
    Role,
)


@dataclass(frozen=True)
class Grants:
    roles: frozenset[str]
    # role -> None (whole government) or frozenset of agency ids (with sub-units expanded)
    scopes: dict

    def agencies_for(self, roles) -> frozenset | None:
        """Agencies covered by any of `roles`; None = the whole government; empty = nothing."""
        covered: set[int] = set()
        for role in roles:
            if role not in self.scopes:
                continue
            scope = self.scopes[role]
            if scope is None:
                return None
            covered |= scope
        return frozenset(covered)


def _descendants(agency_ids: set[int]) -> frozenset[int]:
    from .selectors import agency_subtree

    return agency_subtree(agency_ids)


GRANTS_VERSION = "org.grants"


def grants_for(user) -> Grants:
    """The user's valid role grants today: once per user object (i.e. per request), and kept in
    the process across requests under the grants version (core/versions.py), which every save or
    delete of a role assignment, an agency or an account replaces (org/apps.py). The key holds
    the date (validity periods) and the account's superuser and active flags; never another user's."""
    cached = getattr(user, "_spbe_grants", None)
    if cached is not None:
        return cached
    key = (user.pk, timezone.localdate(), user.is_superuser, user.is_active)
    grants = versions.get(GRANTS_VERSION, key, lambda: _compute_grants(user))
    user._spbe_grants = grants
    return grants


def _compute_grants(user) -> Grants:
    from .models import RoleAssignment

    today = timezone.localdate()
    # No ORDER BY: the default ordering (by username) would join the user table for nothing.
    rows = (
        RoleAssignment._base_manager.filter(user_id=user.pk, valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by()
    )
    scopes: dict[str, object] = {}
    direct: dict[str, set[int]] = {}
    for role, agency_id in rows.values_list("role", "agency_id"):
        if agency_id is not None and role in GOVERNMENT_ONLY_ROLES:
            continue  # meaningless with an agency scope (and refused by the model): grants nothing
        if agency_id is None:
            scopes[role] = None
        else:
            direct.setdefault(role, set()).add(agency_id)
    if user.is_superuser:
        scopes[Role.PLATFORM_ADMIN] = None
    for role in [r for r, scope in scopes.items() if scope is None]:
        direct.pop(role, None)
    if direct:  # one query for all the agency-scoped roles' sub-units
        subtree = _descendants(set().union(*direct.values()))
        tree = _subtrees(subtree) if len(direct) > 1 else None
    for role, ids in direct.items():
        if role not in scopes:  # a government-wide grant of the same role already covers all
            scopes[role] = subtree if tree is None else frozenset().union(*(tree[i] for i in ids))
    return Grants(roles=frozenset(scopes), scopes=scopes)


def _subtrees(agency_ids: frozenset[int]) -> dict[int, frozenset[int]]:
    """Within an already expanded set of agencies: each one's own subtree (no further query)."""
    from .models import Agency

    parent_of = dict(Agency._base_manager.filter(pk__in=agency_ids).values_list("id", "parent_id"))
    tree: dict[int, set[int]] = {a: {a} for a in parent_of}
    for agency_id in parent_of:
        node, seen = parent_of[agency_id], set()
        while node is not None and node in tree and node not in seen:
            tree[node].add(agency_id)
            seen.add(node)
            node = parent_of.get(node)
    return {a: frozenset(ids) for a, ids in tree.items()}


def may_grant(user, role: str, agency) -> bool:
    """May the user grant (or end) `role` with scope `agency` (None: the whole government)?

    - The platform admin (government-wide) grants every role in every scope the model allows.
    - The ICT office admin (government-wide) grants the agency-assignable roles in any agency,
      and the ICT office's own government-wide roles (service desk tier 2).
    - An agency admin or agency head grants the agency-assignable roles within their own agency
      and its sub-units.
    - Nobody else grants anything; government-wide roles come only from the platform admin
      (tier 2 also from the ICT office admin).
    """
    grants = grants_for(user)
    if grants.scopes.get(Role.PLATFORM_ADMIN, "absent") is None:
        return True
    if role in ICT_OFFICE_ASSIGNABLE_ROLES and agency is None:
        return grants.scopes.get(Role.ICT_ADMIN, "absent") is None
    if role not in AGENCY_ASSIGNABLE_ROLES or agency is None:
        return False
    covered = grants.agencies_for((Role.ICT_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_HEAD))
    return covered is None or agency.pk in covered


# Government-wide roles whose work needs staff personal data (NIP, e-mail, phone, gender, birth
# date) of every agency: the platform admin creates and ends accounts, the ICT office admin runs
# the SPBE organisation (roles, coordination team, service desk escalations), the auditor
# (Inspektorat) checks who did what. Leader, coordination team and service desk tier 2 work with
# names and positions (UU 27/2022: the least access that serves the job). docs/permissions.md.
PERSONAL_DATA_ROLES = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.AUDITOR)


def _owner_q(model, agencies: frozenset | None) -> Q:
    """Records owned by one of `agencies` (None = all)."""
    path = permissions.owner_field(model)
    if agencies is None:
        return Q()
    if path is None:
        return Q(pk__in=[])  # government-wide records need a government-wide scope
    return Q(**{f"{path}__in": agencies})


def restricted_view_roles(model) -> tuple | None:
    """The government-wide roles that may view a fail-closed model (its `restricted_view_roles`,
    e.g. security incidents: platform admin, ICT office admin, auditor), or None for a model that
    follows the ordinary rules. Beyond those roles, only roles whose scope covers the owning agency
    (its own staff, a parent agency's) see such a record, whatever its classification."""
    roles = getattr(model, "restricted_view_roles", None)
    return tuple(roles) if roles is not None else None


def _restricted_q(model, grants: Grants, roles: tuple) -> Q:
    if any(grants.scopes.get(role, "absent") is None for role in roles):
        return Q()
    covered: set[int] = set()
    for scope in grants.scopes.values():
        if scope is not None:  # agency-scoped roles only: another government-wide role sees nothing
            covered |= scope
    return _owner_q(model, frozenset(covered)) if covered else Q(pk__in=[])


def _has_classification(model) -> bool:
    return any(f.name == "classification" for f in model._meta.concrete_fields)


class RolePolicy:
    def roles_of(self, user) -> set[str]:
        return set(grants_for(user).roles)

    def role_label(self, role: str, user=None) -> str:
        from .choices import role_label
        from .selectors import government_of

        if role != Role.LEADER or user is None:
            return role_label(role)
        government = government_of(user)
        return role_label(role, government.kind if government else None)

    def restrict(self, queryset, user, action):
        grants = grants_for(user)
        if not grants.roles:
            return queryset.none()
        model = queryset.model
        if action == permissions.VIEW:
            restricted = restricted_view_roles(model)
            if restricted is not None:
                return queryset.filter(_restricted_q(model, grants, restricted))
            if not _has_classification(model):
                return queryset
            covered = grants.agencies_for(grants.roles)
            if covered is None:
                return queryset
            return queryset.filter(~Q(classification=Classification.CLOSED) | _owner_q(model, covered))
        roles = EDITOR_ROLES + tuple(getattr(model, "editor_roles", ()))
        if action == permissions.DELETE:
            roles = DELETER_ROLES
        covered = grants.agencies_for(roles)
        if covered is None:
            return queryset
        if not covered:
            return queryset.none()
        return queryset.filter(_owner_q(model, covered))

    def personal_data_agencies(self, user) -> frozenset | None:
        """Agencies whose staff's personal data the user may read: those any agency-scoped role
        covers (own agency and sub-units), all (None) for a government-wide PERSONAL_DATA_ROLES
        role; another government-wide role adds nothing."""
        covered: set[int] = set()
        for role, scope in grants_for(user).scopes.items():
            if scope is None:
                if role in PERSONAL_DATA_ROLES:
                    return None
                continue
            covered |= scope
        return frozenset(covered)

    def creatable_owners(self, user, model):
        from .models import Agency

        grants = grants_for(user)
        covered = grants.agencies_for(EDITOR_ROLES + tuple(getattr(model, "editor_roles", ())))
        if covered is None:
            return None
        return Agency._base_manager.filter(pk__in=covered)

    def may_create_unowned(self, user, model):
        grants = grants_for(user)
        return grants.agencies_for(EDITOR_ROLES + tuple(getattr(model, "editor_roles", ()))) is None

    def holds_role(self, user, role, agency) -> bool:
        grants = grants_for(user)
        if role not in grants.scopes:
            return False
        scope = grants.scopes[role]
        return scope is None or (agency is not None and agency.pk in scope)

    def may(self, user, action, target) -> bool:
        if action.rule is not None:
            return bool(action.rule(user, target))
        grants = grants_for(user)
        if action.scope == permissions.GOVERNMENT:
            return any(grants.scopes.get(role, "absent") is None for role in action.roles)
        covered = grants.agencies_for(action.roles)
        if covered is None:
            return True
        owner = permissions.owner_of(target) if target is not None else None
        return owner is not None and owner.pk in covered

    def role_holders(self, role, agency):
        """Users whose valid assignment of `role` covers `agency` (its own, an ancestor's, or all)."""
        from django.contrib.auth import get_user_model

        from .models import RoleAssignment

        today = timezone.localdate()
        covering = [None]
        node = agency
        while node is not None:
            covering.append(node.pk)
            node = node.parent
        valid = RoleAssignment._base_manager.filter(role=role, valid_from__lte=today).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
        scoped = Q(agency__isnull=True)
        if role not in GOVERNMENT_ONLY_ROLES:  # those count only government-wide
            scoped |= Q(agency_id__in=[pk for pk in covering if pk is not None])
        user_ids = valid.filter(scoped).values("user_id")
        return get_user_model().objects.filter(pk__in=user_ids, is_active=True)
