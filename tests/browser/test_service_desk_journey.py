"""A user opens a ticket, the agency's tier 1 escalates it with a reason, tier 2 in the ICT office
resolves it, the user rates it; the agency's tier-1 obligation is met. Every page on the way has
no serious or critical axe-core violation, in Indonesian and in English."""

import pytest

from spbe.core.checks import Status, Subject, check_type
from spbe.management.models import Ticket
from spbe.org.choices import Role

from ..factories import AgencyFactory, GovernmentFactory, PersonFactory, user_with_role
from .axe import violations
from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _user(username, role, agency, scope_agency=True, name=""):
    user = user_with_role(role, agency if scope_agency else None, username)
    user.set_password("kata-sandi-uji-123")
    user.first_name = name
    user.save()
    PersonFactory(agency=agency, user=user, name=name)
    return user


def _clean(page, where):
    page.reload()  # the one-time message is gone: its close link is the shell's (core), not this page's
    problems = violations(page)
    assert problems == [], f"{where}: {problems}"


@pytest.mark.django_db(transaction=True)
def test_ticket_through_both_tiers_and_rated(page):
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji", domain="ujikab.go.id")
    dinkes = AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    _user("rina", Role.DATA_STEWARD, dinkes, name="Rina Makmur")
    _user("arif", Role.SERVICE_DESK_TIER1, dinkes, name="Arif Tanjung")
    _user("fadli", Role.SERVICE_DESK_TIER2, gov.ict_office, scope_agency=False, name="Fadli Rauf")

    login(page, "rina")
    page.goto("/management/tickets/open/")
    _clean(page, "buka tiket")
    page.get_by_label("Jenis").select_option(label="Gangguan (insiden)")
    page.get_by_label("Judul").fill("SIMPUS tidak dapat dibuka")
    page.get_by_label("Uraian").fill("Halaman masuk menampilkan galat 502 sejak pagi.")
    page.get_by_label("Prioritas").select_option(label="Tinggi")
    page.get_by_role("button", name="Kirim tiket").click()
    page.wait_for_url("**/management/tickets/*/")
    assert "dibuka" in page.locator("main").inner_text()
    ticket = Ticket.objects.get(title="SIMPUS tidak dapat dibuka")
    url = ticket.get_absolute_url()
    _clean(page, "tiket (pelapor)")
    page.context.clear_cookies()

    login(page, "arif")
    page.goto("/")
    assert "Service desk" in page.locator("main").inner_text()
    page.goto(url + "act/")
    _clean(page, "tindak lanjut (tier 1)")
    form = page.locator("#action-escalate")
    form.get_by_role("button", name="Eskalasi ke tier 2").click()
    assert "Alasan eskalasi wajib diisi" in page.locator("main").inner_text()
    form = page.locator("#action-escalate")
    form.get_by_label("Alasan eskalasi").fill(
        "Server aplikasi di pusat data Dinas Kominfo, di luar akses PD."
    )
    form.get_by_role("button", name="Eskalasi ke tier 2").click()
    page.wait_for_url(f"**{url}")
    assert "Dieskalasi ke tier 2" in page.locator("main").inner_text()
    page.context.clear_cookies()

    login(page, "fadli")
    page.goto("/management/tickets/?tier=2")
    _clean(page, "antrean tier 2")
    page.get_by_role("link", name=ticket.number).click()
    page.get_by_role("link", name="Tindak lanjut").first.click()
    form = page.locator("#action-resolve")
    form.get_by_label("Penyelesaian").fill("Layanan aplikasi dimulai ulang dan memori server ditambah.")
    form.get_by_role("button", name="Selesaikan").click()
    page.wait_for_url(f"**{url}")
    page.context.clear_cookies()

    login(page, "rina")
    page.goto(url + "act/")
    form = page.locator("#action-close")
    form.get_by_label("Nilai kepuasan (5 = sangat puas)").select_option("5")
    form.get_by_label("Komentar").fill("Cepat ditangani.")
    form.get_by_role("button", name="Tutup dan beri nilai").click()
    page.wait_for_url(f"**{url}")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating, ticket.tier) == ("closed", 5, 2)
    _clean(page, "tiket ditutup")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Escalated to tier 2" in page.locator("main").inner_text()
    _clean(page, "ticket (English)")

    out = check_type("role_in_each_agency").evaluate(
        type("Ob", (), {"params": {"role": "service_desk_tier1"}}), [Subject(gov, dinkes)], {}
    )
    assert out[dinkes.pk].status == Status.MET
