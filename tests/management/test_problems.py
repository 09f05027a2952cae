"""Problems and known errors behind repeated incidents (issue 14 section 4)."""

import pytest
from django.core.exceptions import ValidationError

from spbe.core import permissions
from spbe.core.errors import DomainError
from spbe.management import selectors, services
from spbe.management.models import Problem, Ticket

from ..factories import AgencyFactory


@pytest.fixture
def service(agency):
    from spbe.planning.models import Service

    return Service.objects.create(agency=agency, name="SIMPUS", kind="public", area="health")


def _incident(requester, service=None, title="SIMPUS galat 502"):
    return services.ticket_open(
        user=requester, title=title, description="Halaman login galat.", kind="incident", service=service
    )


def test_a_known_error_needs_its_cause_and_workaround(agency):
    problem = Problem(
        agency=agency, title="Basis data jenuh", description="Lambat di pagi hari.", status="known_error"
    )
    with pytest.raises(ValidationError) as error:
        problem.full_clean()
    assert "penyebabnya" in str(error.value) and "solusi sementaranya" in str(error.value)
    problem.status, problem.cause, problem.workaround = "resolved", "Kueri laporan.", "Laporan sore hari."
    with pytest.raises(ValidationError) as error:
        problem.full_clean()
    assert "penyelesaiannya" in str(error.value) and "tanggal" in str(error.value)


def test_incidents_link_to_a_problem_and_the_problem_lists_them(
    client, requester, tier1, tier2, agency, service
):
    problem = Problem.objects.create(agency=agency, title="Basis data SIMPUS jenuh", description="Lambat.")
    first, second = _incident(requester, service), _incident(requester, service, "SIMPUS tidak merespons")
    services.ticket_link_problem(ticket=first, user=tier1, problem=problem)
    services.ticket_link_problem(ticket=second, user=tier2, problem=problem)
    assert set(problem.incidents.all()) == {first, second}
    assert first.events.order_by("-id").first().kind == "problem"
    with pytest.raises(DomainError, match="sudah dikaitkan"):
        services.ticket_link_problem(ticket=first, user=tier1, problem=problem)
    client.force_login(tier1)
    page = client.get(problem.get_absolute_url()).content.decode()
    assert first.number in page and second.number in page and "Insiden terkait" in page
    # unlink
    services.ticket_link_problem(ticket=second, user=tier1, problem=None)
    assert list(problem.incidents.all()) == [first]


def test_who_may_link_and_what(requester, other_tier1, tier1, agency):
    problem = Problem.objects.create(agency=agency, title="Basis data SIMPUS jenuh", description="Lambat.")
    incident = _incident(requester)
    with pytest.raises(DomainError, match="tier 1 PD pelapor"):
        services.ticket_link_problem(ticket=incident, user=other_tier1, problem=problem)
    with pytest.raises(DomainError, match="ticket|tiket") as error:
        services.ticket_link_problem(ticket=incident, user=requester, problem=problem)
    assert error.value.code == "forbidden"
    request = services.ticket_open(
        user=requester, title="Akun baru", description="Untuk bidan.", kind="request"
    )
    with pytest.raises(DomainError, match="Hanya tiket gangguan"):
        services.ticket_link_problem(ticket=request, user=tier1, problem=problem)
    Problem.objects.filter(pk=problem.pk).update(status="closed", resolution="Server diganti.")
    problem.refresh_from_db()
    with pytest.raises(DomainError, match="sudah diselesaikan atau ditutup"):
        services.ticket_link_problem(ticket=incident, user=tier1, problem=problem)


def test_the_ticket_tab_links_through_the_page(client, requester, tier1, agency):
    problem = Problem.objects.create(
        agency=agency, title="Printer jaringan macet", description="Sering macet."
    )
    incident = _incident(requester)
    client.force_login(tier1)
    url = incident.get_absolute_url() + "problem/"
    page = client.get(url)
    assert page.status_code == 200 and "Printer jaringan macet" in page.content.decode()
    assert client.post(url, {"problem": "999999"}).status_code == 400
    response = client.post(url, {"problem": problem.pk})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=incident.pk).problem == problem
    client.force_login(requester)  # the requester does not handle it
    assert client.get(url).status_code == 403


def test_repeated_incidents_hint(client, requester, tier1, agency, service):
    for n in range(3):
        _incident(requester, service, f"SIMPUS galat ke-{n}")
    rows = selectors.repeated_incidents(tier1)
    assert [(r["service"], r["count"]) for r in rows] == [(service, 3)]
    problem = Problem.objects.create(
        agency=agency, title="SIMPUS", description="Galat berulang.", service=service
    )
    services.ticket_link_problem(ticket=Ticket.objects.first(), user=tier1, problem=problem)
    assert selectors.repeated_incidents(tier1) == []  # two unexplained incidents are not a pattern yet
    client.force_login(tier1)
    assert (
        "Tidak ada insiden berulang"
        in client.get("/management/problems/repeated-incidents/").content.decode()
    )


def test_problem_permissions(agency, other_agency, tier1, other_tier1, tier2, requester):
    mine = Problem.objects.create(agency=agency, title="A", description="x")
    theirs = Problem.objects.create(agency=other_agency, title="B", description="y")
    assert permissions.can(tier1, mine, "change") and not permissions.can(tier1, theirs, "change")
    assert permissions.can(tier2, mine, "change") and permissions.can(tier2, theirs, "change")
    # Problems fail closed: another agency's is not seen, one's own agency's is (not changed).
    assert not permissions.can(requester, theirs, "view") and not permissions.can(other_tier1, mine, "view")
    assert permissions.can(requester, mine, "view") and not permissions.can(requester, mine, "change")
    assert not permissions.can(tier1, mine, "delete")
    assert permissions.may_create(tier1, Problem, agency)
    assert not permissions.may_create(tier1, Problem, AgencyFactory(government=agency.government))
