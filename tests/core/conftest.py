"""Fixtures of the tests generated for every registered model (test_model_ui, test_round_trip)."""

import pytest

from spbe.org.choices import Role

from ..factories import user_with_role
from ..model_factories import Ctx


@pytest.fixture
def admin(gov):
    return user_with_role(Role.PLATFORM_ADMIN, None, "admin.platform")


@pytest.fixture
def ctx(gov, agency_a, admin):
    return Ctx(government=gov, agency=agency_a, user=admin)


@pytest.fixture
def web(client, admin):
    client.force_login(admin)
    return client
