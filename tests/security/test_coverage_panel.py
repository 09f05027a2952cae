"""Certificate coverage where leaders look (Sigi Pasal 19 ayat (2)-(3)): a card on the compliance
dashboard (every agency, weakest first) and on an agency's compliance page (the agency only), through
the compliance pages' panel slots. An expired certificate shows as a gap, one ending within 30 days
as a warning; nobody's name is shown there."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..factories import AgencyFactory, user_with_role
from .test_checks import _duty

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _card(html: str) -> str:
    found = re.search(r'<section class="col-12" id="panel-security_certificates">(.*?)</section>', html, re.S)
    assert found, "no certificate coverage card"
    return found.group(1)


def test_dashboard_and_agency_page_show_coverage(client, gov, agency_a, agency_b):
    expired = _duty(agency_a, until=TODAY - datetime.timedelta(days=3))
    _duty(agency_a, until=TODAY + datetime.timedelta(days=300))
    _duty(agency_b, until=TODAY + datetime.timedelta(days=10))
    client.force_login(user_with_role("leader"))

    card = _card(client.get("/compliance/").content.decode())
    assert "67% petugas transaksi elektronik memegang sertifikat elektronik yang berlaku (2 dari 3)" in card
    assert "1 kedaluwarsa atau dicabut" in card and "1 berakhir dalam 30 hari" in card
    rows = re.findall(r'<th scope="row" class="fw-normal">([^<]+)</th>', card)
    assert rows == ["Dinas A", "Dinas B"]  # weakest first: A covers 1 of 2
    assert expired.name not in card

    card = _card(client.get(f"/compliance/agencies/{agency_a.pk}/").content.decode())
    assert "50% petugas" in card and "(1 dari 2)" in card and "Dinas B" not in card


def test_card_costs_the_same_at_two_sizes(client, gov, agency_a):
    client.force_login(user_with_role("leader"))
    _duty(agency_a, until=TODAY + datetime.timedelta(days=300))
    _duty(agency_a)  # one without a certificate, so both sizes read who is missing
    client.get("/compliance/")

    def count():
        client.get(f"/compliance/agencies/{agency_a.pk}/")  # warm what each process keeps (core/versions.py)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/compliance/agencies/{agency_a.pk}/").status_code == 200
        return len(ctx)

    small = count()
    for _ in range(5):
        agency = AgencyFactory(government=gov)
        _duty(agency, until=TODAY + datetime.timedelta(days=5))
        _duty(agency)
    _duty(agency_a, until=TODAY - datetime.timedelta(days=1))
    assert count() == small
