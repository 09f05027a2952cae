import pytest

from spbe.org.choices import Role

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role


def staff(role, agency, scope="agency", name=None):
    """A user holding `role` (scoped to the agency, or government-wide) with a staff record there."""
    user = user_with_role(role, agency if scope == "agency" else None)
    PersonFactory(agency=agency, user=user, **({"name": name} if name else {}))
    return user


@pytest.fixture
def gov(db):
    return GovernmentFactory()


@pytest.fixture
def agency(gov):
    return AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def other_agency(gov):
    return AgencyFactory(government=gov, name="Dinas Pendidikan", short_name="Disdik")


@pytest.fixture
def ict_office(gov):
    office = AgencyFactory(government=gov, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    gov.ict_office = office
    gov.save()
    return office


@pytest.fixture
def requester(agency):
    return staff(Role.DATA_STEWARD, agency, name="Rina Pelapor")


@pytest.fixture
def tier1(agency):
    return staff(Role.SERVICE_DESK_TIER1, agency, name="Budi Tier Satu")


@pytest.fixture
def other_tier1(other_agency):
    return staff(Role.SERVICE_DESK_TIER1, other_agency)


@pytest.fixture
def tier2(ict_office):
    return staff(Role.SERVICE_DESK_TIER2, ict_office, scope="government", name="Sari Tier Dua")


@pytest.fixture
def agency_head(agency):
    return staff(Role.AGENCY_HEAD, agency)


@pytest.fixture
def agency_admin(agency):
    return staff(Role.AGENCY_ADMIN, agency)


@pytest.fixture
def ict_admin(ict_office):
    return staff(Role.ICT_ADMIN, ict_office, scope="government")
