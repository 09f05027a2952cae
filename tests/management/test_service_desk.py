"""The service desk as people use it (Parigi Moutong Pasal 42 ayat (7)-(11)): a user opens a
ticket, the agency's tier 1 answers or escalates it with a reason, tier 2 in the ICT office
resolves it, the requester rates it or reopens it; the SLA columns follow the history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from spbe.core.checks import Status, Subject, check_type
from spbe.core.errors import DomainError
from spbe.management import services
from spbe.management.models import ServiceLevel, Ticket


def _open(requester, **kw):
    return services.ticket_open(
        user=requester,
        title="SIMPEG tidak dapat dibuka",
        description="Halaman login menampilkan galat 502.",
        kind="incident",
        **kw,
    )


def test_the_whole_journey_through_both_tiers(requester, tier1, tier2):
    ticket = _open(requester, priority="p2")
    assert ticket.number.startswith(f"TK-{timezone.now():%Y}-")
    assert ticket.status == "new" and ticket.tier == 1 and ticket.channel == "web"
    assert ticket.agency == requester.person.agency
    services.ticket_respond(ticket=ticket, user=tier1, note="Sedang kami periksa servernya.")
    with pytest.raises(DomainError, match="Alasan eskalasi wajib diisi"):
        services.ticket_escalate(ticket=ticket, user=tier1, reason="rusak")
    services.ticket_escalate(
        ticket=ticket, user=tier1, reason="Server aplikasi di pusat data Dinas, di luar akses PD."
    )
    ticket.refresh_from_db()
    assert ticket.tier == 2 and ticket.escalation_reason.startswith("Server aplikasi")
    with pytest.raises(DomainError):  # tier 1 no longer handles it
        services.ticket_resolve(ticket=ticket, user=tier1, resolution="Sudah saya mulai ulang.")
    services.ticket_resolve(
        ticket=ticket, user=tier2, resolution="Layanan aplikasi dimulai ulang, memori ditambah."
    )
    with pytest.raises(DomainError, match="Hanya pelapor"):
        services.ticket_close(ticket=ticket, user=tier2, rating=5)
    with pytest.raises(DomainError, match="1 sampai 5"):
        services.ticket_close(ticket=ticket, user=requester, rating=9)
    services.ticket_close(ticket=ticket, user=requester, rating=4, comment="Cepat, terima kasih.")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating) == ("closed", 4)
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds == ["opened", "responded", "escalated", "resolved", "closed"]
    assert ticket.responded_at is not None


def test_another_agencys_tier1_cannot_handle_the_ticket(requester, other_tier1):
    ticket = _open(requester)
    with pytest.raises(DomainError, match="tier 1 PD pelapor"):
        services.ticket_escalate(ticket=ticket, user=other_tier1, reason="Bukan wewenang kami sama sekali.")


def test_tier1_opens_for_a_user_of_its_agency_only(requester, tier1, other_tier1):
    ticket = services.ticket_open(
        user=tier1,
        requester=requester,
        title="Printer",
        description="Printer bidang tidak mencetak.",
        kind="request",
    )
    assert ticket.channel == "tier1" and ticket.requester == requester
    with pytest.raises(DomainError, match="atas nama pengguna lain"):
        services.ticket_open(
            user=other_tier1, requester=requester, title="X", description="Y", kind="request"
        )


def test_reopen_by_the_requester_runs_the_clock_on(requester, tier1):
    ticket = _open(requester)
    services.ticket_resolve(ticket=ticket, user=tier1, resolution="Cache peramban dibersihkan.")
    services.ticket_reopen(ticket=ticket, user=requester, reason="Masih galat setelah dibersihkan.")
    ticket.refresh_from_db()
    assert ticket.status == "in_progress" and ticket.resolved_at is None
    with pytest.raises(DomainError):
        services.ticket_reopen(ticket=ticket, user=requester, reason="Masih galat setelah dibersihkan.")


def test_a_service_level_changed_later_recomputes_the_due_time(requester, tier1, agency):
    service = _service(agency)
    ticket = _open(requester, service=service, priority="p3")
    before = ticket.resolution_due
    ServiceLevel.objects.create(service=service, priority="p3", response_minutes=30, resolution_minutes=60)
    services.ticket_recompute(ticket=ticket)
    ticket.refresh_from_db()
    assert ticket.resolution_due < before  # the new, tighter rule applies to the whole history


def _service(agency):
    from django.apps import apps

    return apps.get_model("planning", "Service").objects.create(
        agency=agency, name="Layanan SIMPUS", kind="public", area="health"
    )


def test_tickets_escalated_check(requester, tier1, agency, other_agency):
    check = check_type("tickets_escalated")
    subjects = [Subject(agency.government, agency), Subject(agency.government, other_agency)]
    ticket = _open(requester, priority="p1")
    old = timezone.now() - datetime.timedelta(days=10)
    Ticket.objects.filter(pk=ticket.pk).update(opened_at=old)
    ticket.events.update(at=old)
    services.ticket_recompute(ticket=ticket)
    out = check.evaluate(None, subjects, {})
    assert out[agency.pk].status == Status.UNMET and ticket.number in str(out[agency.pk].reason)
    assert out[other_agency.pk].status == Status.NOT_APPLICABLE
    services.ticket_escalate(ticket=ticket, user=tier1, reason="Butuh akses server di Dinas Kominfo.")
    assert check.evaluate(None, subjects, {})[agency.pk].status == Status.MET


def test_every_agency_needs_a_tier1_person(agency, other_agency, tier1):
    """Pasal 42 ayat (7) huruf a: the profile's role_in_each_agency check reads the role grants."""
    from spbe.compliance.models import Obligation  # noqa: F401  (the engine's model is installed)

    check = check_type("role_in_each_agency")

    class Ob:
        params = {"role": "service_desk_tier1"}

    out = check.evaluate(
        Ob, [Subject(agency.government, agency), Subject(agency.government, other_agency)], {}
    )
    assert out[agency.pk].status == Status.MET
    assert out[other_agency.pk].status == Status.UNMET


def test_pages(client, requester, tier1, tier2):
    client.force_login(requester)
    response = client.post(
        reverse("management:ticket_open"),
        {
            "kind": "incident",
            "title": "Surel dinas penuh",
            "description": "Kotak surat tidak menerima pesan.",
            "priority": "p3",
        },
    )
    ticket = Ticket.objects.get(title="Surel dinas penuh")
    assert response.status_code == 302 and response["Location"] == ticket.get_absolute_url()
    client.force_login(tier1)
    act = reverse("management:ticket_act", kwargs={"pk": ticket.pk})
    page = client.get(act).content.decode()
    assert "Eskalasi ke tier 2" in page
    response = client.post(act, {"action": "escalate", "note": ""})
    assert response.status_code == 400 and "Alasan eskalasi wajib diisi" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.tier == 1  # nothing changed
    client.post(act, {"action": "escalate", "note": "Kuota kotak surat diatur di server Dinas."})
    ticket.refresh_from_db()
    assert ticket.tier == 2
    detail = client.get(ticket.get_absolute_url()).content.decode()
    assert "Kuota kotak surat diatur di server Dinas." in detail and "Dieskalasi ke tier 2" in detail
