"""Factories for the test suite (no shared fixture files)."""

import itertools

import factory
from django.contrib.auth import get_user_model

from spbe.org.choices import AgencyKind, EmploymentKind
from spbe.org.models import Agency, Decree, Government, Person, RoleAssignment

_nip_seq = itertools.count(1)


def valid_nip(gender: str = "1") -> str:
    """A NIP that passes every check: born 1985-03-14, appointed 2010-01."""
    return f"19850314201001{gender}{next(_nip_seq) % 999 + 1:03d}"


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government
        django_get_or_create = ("name",)

    name = "Pemerintah Kabupaten Uji"
    region_code = "72.08"
    domain = "ujikab.go.id"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    government = factory.SubFactory(GovernmentFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    kind = AgencyKind.OFFICE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Pegawai {n:05d}")
    employment = EmploymentKind.CIVIL_SERVANT
    nip = factory.LazyFunction(valid_nip)
    gender = "L"
    position = "Pranata Komputer"


class DecreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decree

    agency = factory.SubFactory(AgencyFactory)
    number = factory.Sequence(lambda n: f"188.45/{n:04d}/2025")
    date = "2025-01-15"
    title = factory.Sequence(lambda n: f"Keputusan uji {n}")
    classification = "limited"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("kata-sandi-uji-123")


def user_with_role(role: str, agency=None, username: str | None = None):
    user = UserFactory(username=username) if username else UserFactory()
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user
