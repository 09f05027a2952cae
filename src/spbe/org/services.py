"""Organisation write paths: granting and ending roles, and staff accounts.

Every grant and end of a role passes here, whichever door it comes through: the agency's roles
page and the account it may create, the generic role-assignment pages, the API, imports and the
Django admin (the model's save() calls `check_assignment_write`, so a door that forgets the
service still cannot grant more than its user holds). Who may grant what is the policy's
`may_grant` (org/policy.py), asked through the named action "org.role.grant".
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from spbe.core import audit, context, permissions

from .choices import Role
from .models import Agency, Person, RoleAssignment

GRANT = "org.role.grant"
PASSWORD_LENGTH = 14


def _scope_label(agency) -> str:
    return agency.short_name if agency is not None else _("seluruh pemerintah daerah")


def refusal(role: str, agency) -> str:
    label = Role(role).label if role in Role.values else role
    return _(
        "Anda tidak berwenang memberikan atau mengakhiri peran %(role)s dengan cakupan %(scope)s. "
        "Admin PD dan kepala PD memberi peran PD (admin PD, kepala PD, walidata, service desk tier 1) "
        "di PD-nya sendiri; peran tingkat pemerintah daerah diberikan oleh admin platform."
    ) % {"role": label, "scope": _scope_label(agency)}


def may_grant(user, role: str, agency) -> bool:
    return permissions.may(user, GRANT, (role, agency))


def check_grant(user, role: str, agency) -> None:
    """Refuse (PermissionDenied with a message) unless `user` may grant `role` in `agency`."""
    if not may_grant(user, role, agency):
        raise PermissionDenied(refusal(role, agency))


def _stored(assignment: RoleAssignment) -> tuple[str, Agency | None] | None:
    if assignment.pk is None:
        return None
    row = RoleAssignment._base_manager.filter(pk=assignment.pk).values_list("role", "agency_id").first()
    if row is None:
        return None
    agency = Agency._base_manager.filter(pk=row[1]).first() if row[1] is not None else None
    return row[0], agency


def check_change(user, assignment: RoleAssignment, *, deleting: bool = False) -> None:
    """A new assignment needs the right to grant it; changing or deleting one needs the right
    to end it as stored, and (unless deleting) to grant it as it now stands."""
    stored = _stored(assignment)
    if stored is not None:
        check_grant(user, *stored)
    if not deleting:
        check_grant(user, assignment.role, assignment.agency)


def check_assignment_write(assignment: RoleAssignment, *, deleting: bool = False) -> None:
    """The model's guard: the person acting now (page, API, import, admin) must be allowed.
    Without a person acting (migrations, `spbe` commands, the demo builder) the operator is
    trusted, as for every other record."""
    actor = context.current().actor
    if actor is not None:
        check_change(actor, assignment, deleting=deleting)


def grant_role(user, *, grantee, role: str, agency, valid_from=None, valid_until=None) -> RoleAssignment:
    """Give `grantee` the role in the scope; refused unless `user` may grant it."""
    check_grant(user, role, agency)
    assignment = RoleAssignment(
        user=grantee,
        role=role,
        agency=agency,
        valid_from=valid_from or timezone.localdate(),
        valid_until=valid_until,
        created_by=user,
    )
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
        audit.record_event("org.role.assigned", assignment)
    return assignment


def end_role(user, assignment: RoleAssignment, *, on=None) -> RoleAssignment:
    """End the assignment today (or on `on`); an earlier end date already set is kept."""
    check_grant(user, assignment.role, assignment.agency)
    day = on or timezone.localdate()
    with transaction.atomic():
        if assignment.valid_until is None or assignment.valid_until > day:
            assignment.valid_until = max(day, assignment.valid_from)
            assignment.save()
        audit.record_event("org.role.ended", assignment)
    return assignment


@dataclass
class Account:
    user: object
    password: str | None  # the one-time password of a new account; None for an existing one


def account_for(person: Person) -> Account:
    """The person's login, created (with a one-time random password) when they have none."""
    if person.user_id is not None:
        return Account(person.user, None)
    User = get_user_model()
    username = person.nip or f"pegawai{person.pk}"
    if User.objects.filter(username=username).exists():
        username = f"{username}-{person.pk}"
    password = get_random_string(PASSWORD_LENGTH)
    user = User.objects.create_user(
        username=username, password=password, first_name=person.name[:150], email=person.email
    )
    person.user = user
    person.save()
    return Account(user, password)


@dataclass
class PersonGrant:
    assignment: RoleAssignment
    account: Account


def grant_to_person(user, person: Person, *, role: str, agency, valid_until=None) -> PersonGrant:
    """The agency roles page: a member of staff gets a role, and a login if they have none.
    Nothing is created when the grant is refused."""
    check_grant(user, role, agency)
    with transaction.atomic():
        account = account_for(person)
        assignment = grant_role(user, grantee=account.user, role=role, agency=agency, valid_until=valid_until)
    return PersonGrant(assignment, account)
