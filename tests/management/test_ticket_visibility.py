"""Tickets fail closed (docs/permissions.md, "Manajemen SPBE"): the requester, roles scoped to the
ticket's agency, the ICT office's tier 2 and admin, the platform admin and the auditor read a
ticket; another agency's staff get nothing of it through any entry point: list, detail, tabs,
API, export, global search, the home panel, the problem page, the mail log, attachments and
references."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.test import APIClient

from spbe.core import permissions, references
from spbe.core.models import Attachment, Notification
from spbe.management import services
from spbe.management.models import InboundMail, Problem, Ticket, TicketEvent
from spbe.org.choices import Role

from ..factories import user_with_role
from .conftest import staff

SECRET = "Gaji pegawai RSUD tertahan"


@pytest.fixture
def ticket(agency, requester, tier1, tier2):
    opened = services.ticket_open(
        user=requester, title=SECRET, description="Rincian pribadi pelapor.", kind="incident"
    )
    services.ticket_escalate(ticket=opened, user=tier1, reason="Butuh akses basis data kepegawaian.")
    services.ticket_comment(ticket=opened, user=requester, note="Catatan pribadi pelapor ini.")
    Attachment.objects.create(
        parent=opened,
        file=ContentFile(b"slip gaji", name="slip.txt"),
        name="slip.txt",
        size=9,
        sha256="0" * 64,
    )
    return Ticket.objects.get(pk=opened.pk)


def _text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] == b"PK":
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return raw.decode("utf-8-sig", "replace")


def _lists(ticket):
    word = SECRET.split()[0]
    return [
        "/",
        "/management/tickets/",
        f"/management/tickets/?q={word}",
        f"/management/tickets/?q={ticket.number}",
        "/management/tickets/export/?format=csv",
        "/management/tickets/export/?format=xlsx",
        "/management/inbound-mail/",
        "/management/problems/repeated-incidents/",
        f"/search/?q={word}",
        f"/search/?q={ticket.number}",
    ]


def _objects(ticket):
    attachment = Attachment.objects.get(object_id=ticket.pk)
    return [
        f"/management/tickets/{ticket.pk}/",
        f"/management/tickets/{ticket.pk}/history/",
        f"/management/tickets/{ticket.pk}/act/",
        f"/management/tickets/{ticket.pk}/problem/",
        f"/management/tickets/number/{ticket.number}/",
        f"/attachments/{attachment.pk}/",
    ]


@pytest.fixture
def linked(ticket, other_agency, tier2):
    """The ticket linked to a problem of the other agency, and a mail log entry pointing at it."""
    problem = Problem.objects.create(agency=other_agency, title="Server kepegawaian lambat", description="x")
    services.ticket_link_problem(ticket=ticket, user=tier2, problem=problem)
    mail = InboundMail.objects.create(
        agency=other_agency,
        received_at=timezone.now(),
        sender="pegawai@disdik.go.id",
        subject=SECRET,
        outcome="reply",
        ticket=ticket,
    )
    return problem, mail


OUTSIDERS = [Role.SERVICE_DESK_TIER1, Role.AGENCY_ADMIN, Role.AGENCY_HEAD, Role.DATA_STEWARD]


@pytest.mark.parametrize("role", OUTSIDERS, ids=str)
def test_another_agencys_staff_see_nothing(client, role, ticket, linked, other_agency):
    problem, mail = linked
    outsider = staff(role, other_agency)
    assert not permissions.can(outsider, ticket, "view")
    assert not TicketEvent.objects.restrict(outsider).filter(ticket=ticket).exists()
    assert references.for_user(outsider).is_hidden(ticket)
    client.force_login(outsider)
    for url in _lists(ticket):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert SECRET not in body, url
        if ticket.number not in url:  # a search for the number repeats it, and finds nothing
            assert ticket.number not in body, url
    for url in _objects(ticket):
        assert client.get(url).status_code == 404, url
    # the mail log entry pointing at the ticket is the outsider agency's own, and still hidden
    assert client.get(f"/management/inbound-mail/{mail.pk}/").status_code == 404
    # their own agency's problem is visible, its incidents table does not list the ticket
    body = client.get(f"/management/problems/{problem.pk}/").content.decode()
    assert problem.title in body and ticket.number not in body and SECRET not in body
    api = APIClient()
    api.force_authenticate(outsider)
    for url in (
        "/api/v1/management/tickets/",
        f"/api/v1/management/tickets/?problem={problem.pk}",
        f"/api/v1/management/tickets/?q={ticket.number}",
        "/api/v1/management/inbound-mail/",
    ):
        response = api.get(url)
        assert response.status_code == 200 and response.json()["results"] == [], url
    assert api.get(f"/api/v1/management/tickets/{ticket.pk}/").status_code == 404
    assert not Notification.objects.filter(user=outsider).exists()


def test_the_home_panel_counts_only_visible_tickets(client, ticket, other_tier1, tier2):
    from spbe.management import selectors

    assert selectors.desk_summary(other_tier1)["counts"]["open"] == 0
    assert selectors.desk_summary(tier2)["counts"]["open"] == 1


@pytest.mark.parametrize(
    "who", ["requester", "tier1", "agency_head", "tier2", "ict_admin", "platform_admin", "auditor"]
)
def test_insiders_see_it(client, request, who, ticket, linked):
    if who in ("platform_admin", "auditor"):
        user = user_with_role(who)
    else:
        user = request.getfixturevalue(who)
    problem, _mail = linked
    assert permissions.can(user, ticket, "view")
    assert TicketEvent.objects.restrict(user).filter(ticket=ticket).count() == ticket.events.count()
    client.force_login(user)
    assert SECRET in client.get("/management/tickets/").content.decode()
    assert client.get(f"/management/tickets/{ticket.pk}/").status_code == 200
    assert client.get(f"/attachments/{Attachment.objects.get(object_id=ticket.pk).pk}/").status_code == 200
    # the problem behind the incident is readable by whoever reads the incident
    assert permissions.can(user, problem, "view")
    assert not references.for_user(user).is_hidden(problem)
    api = APIClient()
    api.force_authenticate(user)
    numbers = [
        r["number"] for r in api.get(f"/api/v1/management/tickets/?problem={problem.pk}").json()["results"]
    ]
    assert numbers == [ticket.number]


def test_a_requester_outside_the_ticket_agency_sees_only_their_own(agency, other_agency, tier2):
    """Tier 2 may record a ticket for another agency than the requester's: the requester reads it,
    their colleagues do not."""
    requester = staff(Role.DATA_STEWARD, other_agency)
    colleague = staff(Role.SERVICE_DESK_TIER1, other_agency)
    ticket = services.ticket_open(
        user=tier2, requester=requester, agency=agency, title=SECRET, description="x", kind="request"
    )
    assert ticket.agency == agency
    assert list(Ticket.objects.restrict(requester)) == [ticket]
    assert permissions.can(requester, ticket, "view")
    assert not references.for_user(requester).is_hidden(ticket)
    assert TicketEvent.objects.restrict(requester).filter(ticket=ticket).exists()
    assert not Ticket.objects.restrict(colleague).exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.COORDINATION_TEAM])
def test_government_roles_outside_the_desk_see_no_tickets(role, ticket):
    user = user_with_role(role)
    assert not Ticket.objects.restrict(user).exists()
    assert not Problem.objects.restrict(user).exists()
    assert not TicketEvent.objects.restrict(user).exists()


def test_the_problem_filter_offers_visible_open_problems(client, agency, other_agency, tier1, requester):
    mine = Problem.objects.create(agency=agency, title="Jaringan Dinkes putus", description="x")
    Problem.objects.create(agency=other_agency, title="Rahasia Disdik", description="y")
    closed = Problem.objects.create(
        agency=agency,
        title="Masalah lama",
        description="z",
        status="closed",
        resolution="Selesai.",
    )
    client.force_login(tier1)
    page = client.get("/management/tickets/").content.decode()
    assert f"#{mine.pk} Jaringan Dinkes putus" in page
    assert "Rahasia Disdik" not in page and "Masalah lama" not in page
    assert "Masalah (id)" not in page
    # the current choice stays offered though closed, and filters by id as before
    page = client.get(f"/management/tickets/?problem={closed.pk}").content.decode()
    assert f"#{closed.pk} Masalah lama" in page
    api = APIClient()
    api.force_authenticate(tier1)
    assert api.get(f"/api/v1/management/tickets/?problem={mine.pk}").status_code == 200
    assert api.get("/api/v1/management/tickets/?problem=99999999999999999999").status_code == 400


def test_the_problem_filter_shows_new_renamed_and_closed_problems_at_once(client, agency, tier2, other_tier1):
    """The choices are kept across requests (core/versions.py) and any write to a problem
    retires them; a tier-1 reader (whose view goes through tickets) is never served a desk
    reader's kept list (nor another agency's desk)."""
    client.force_login(tier2)
    client.get("/management/tickets/")
    problem = Problem.objects.create(agency=agency, title="Server SIMPUS mati", description="x")
    assert f"#{problem.pk} Server SIMPUS mati" in client.get("/management/tickets/").content.decode()
    problem.title = "Server SIMPUS mati total"
    problem.save()
    assert "SIMPUS mati total" in client.get("/management/tickets/").content.decode()
    Problem.objects.filter(pk=problem.pk).update(status="closed", resolution="Selesai.")
    assert "SIMPUS mati" not in client.get("/management/tickets/").content.decode()
    Problem.objects.create(agency=agency, title="Khusus PD ini", description="y")
    assert "Khusus PD ini" in client.get("/management/tickets/").content.decode()
    client.force_login(other_tier1)
    assert "Khusus PD ini" not in client.get("/management/tickets/").content.decode()


def test_ticket_numbers_do_not_wrap(client, ticket, tier2):
    client.force_login(tier2)
    page = client.get("/management/tickets/").content.decode()
    assert f'<td class="text-nowrap"><a href="{ticket.get_absolute_url()}">{ticket.number}</a></td>' in page
