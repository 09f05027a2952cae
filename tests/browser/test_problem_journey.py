"""Tier 1 sees repeated incidents of one service, records the problem, links an incident to it from
the ticket's "Masalah" tab and finds the incident on the problem's page; the inbound-mail log, the
knowledge-transfer form and the public knowledge page read without serious or critical axe-core
violations."""

import pytest
from django.utils import timezone

from spbe.management import services
from spbe.management.models import KnowledgeArticle, Problem, Ticket
from spbe.org.choices import Role

from ..factories import AgencyFactory, GovernmentFactory
from .axe import violations
from .conftest import login
from .test_service_desk_journey import _user

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _clean(page, where):
    problems = violations(page)
    assert problems == [], f"{where}: {problems}"


@pytest.mark.django_db(transaction=True)
def test_repeated_incidents_become_a_problem(page):
    from spbe.planning.models import Service

    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji", domain="ujikab.go.id")
    dinkes = AgencyFactory(government=gov, name="Dinas Kesehatan", short_name="Dinkes")
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="Kominfo")
    gov.save()
    rina = _user("rina", Role.DATA_STEWARD, dinkes, name="Rina Makmur")
    _user("arif", Role.SERVICE_DESK_TIER1, dinkes, name="Arif Tanjung")
    simpus = Service.objects.create(agency=dinkes, name="SIMPUS", kind="public", area="health")
    for n in range(3):
        services.ticket_open(
            user=rina, title=f"SIMPUS galat {n}", description="Galat 502.", kind="incident", service=simpus
        )
    article = KnowledgeArticle.objects.create(
        agency=gov.ict_office, title="Cara melapor gangguan", body="Lewat portal.", audience="public"
    )
    KnowledgeArticle.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now())

    login(page, "arif")
    page.goto("/management/problems/repeated-incidents/")
    assert "SIMPUS" in page.locator("#repeated").inner_text()
    _clean(page, "insiden berulang")
    page.get_by_role("link", name="Catat masalah").click()
    page.get_by_label("Judul").fill("Basis data SIMPUS jenuh")
    page.get_by_label("Gejala").fill("Galat 502 pada jam sibuk.")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/management/problems/*/")
    problem = Problem.objects.get()
    assert problem.service == simpus and problem.agency == dinkes

    ticket = Ticket.objects.order_by("id").first()
    page.goto(ticket.get_absolute_url() + "problem/")
    _clean(page, "tab masalah")
    page.get_by_label("Masalah yang masih terbuka").select_option(str(problem.pk))
    page.get_by_role("button", name="Kaitkan").click()
    page.wait_for_url(f"**{ticket.get_absolute_url()}")
    page.goto(problem.get_absolute_url())
    assert ticket.number in page.locator("main").inner_text()
    _clean(page, "masalah")

    for path in ("/management/inbound-mail/", "/management/knowledge-transfers/add/"):
        page.goto(path)
        _clean(page, path)
    page.context.clear_cookies()
    page.goto("/pengetahuan/")
    assert "Cara melapor gangguan" in page.locator("main").inner_text()
    _clean(page, "pengetahuan publik")
    page.get_by_role("link", name="Cara melapor gangguan").click()
    _clean(page, "artikel publik")
