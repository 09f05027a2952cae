"""org.selectors: the one place for "whose government", "an agency and its sub-units" and "the
Perangkat Daerah a sub-unit belongs to", each answered in one query at any depth."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.org import selectors
from spbe.org.choices import Role
from spbe.org.policy import grants_for

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, UserFactory, user_with_role


def _chain(gov, top, depth):
    nodes = [top]
    for level in range(depth):
        nodes.append(AgencyFactory(government=gov, parent=nodes[-1], short_name=f"L{level}{top.pk}"))
    return nodes


def test_agency_subtree_is_one_query_at_any_depth(gov, agency_a, agency_b):
    chain = _chain(gov, agency_a, 6)
    side = AgencyFactory(government=gov, parent=chain[2], short_name="SIDE")
    other = _chain(gov, agency_b, 2)
    with CaptureQueriesContext(connection) as queries:
        subtree = selectors.agency_subtree([chain[1].pk])
    assert len(queries) == 1
    assert subtree == {a.pk for a in chain[1:]} | {side.pk}
    assert selectors.agency_subtree([agency_a.pk, agency_b.pk]) == {a.pk for a in chain + other} | {side.pk}
    assert selectors.agency_subtree([]) == frozenset()


def test_top_level_agency_is_one_query(gov, agency_a):
    chain = _chain(gov, agency_a, 5)
    leaf = type(chain[-1]).objects.get(pk=chain[-1].pk)
    with CaptureQueriesContext(connection) as queries:
        top = selectors.top_level_agency(leaf)
    assert len(queries) == 1 and top == agency_a
    assert selectors.top_level_agency(agency_a) == agency_a


def test_subtree_map_matches_agency_subtree(gov, agency_a, agency_b):
    chain = _chain(gov, agency_a, 3)
    tree = selectors.subtree_map(gov)
    for agency in chain + [agency_b]:
        assert set(tree[agency.pk]) == selectors.agency_subtree([agency.pk])


def test_government_of_person_then_role_scope_then_the_only_one(gov, agency_a):
    other_gov = GovernmentFactory(name="Pemerintah Kota Lain", domain="lainkota.go.id")
    other_agency = AgencyFactory(government=other_gov)
    staff = UserFactory()
    PersonFactory(agency=other_agency, user=staff)
    assert selectors.government_of(staff) == other_gov
    scoped = user_with_role(Role.AGENCY_ADMIN, other_agency)
    assert selectors.government_of(scoped) == other_gov
    first = min(gov, other_gov, key=lambda g: g.pk)
    assert selectors.government_of(user_with_role(Role.PLATFORM_ADMIN)) == first


def test_role_scope_costs_the_same_queries_at_any_depth(gov, agency_a, agency_b):
    """The policy's sub-unit expansion used one query per level of the tree."""

    def cost(top, depth):
        _chain(gov, top, depth)
        user = user_with_role(Role.AGENCY_ADMIN, top)
        user = type(user).objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            grants_for(user)
        return len(queries)

    assert cost(agency_a, 1) == cost(agency_b, 7)
