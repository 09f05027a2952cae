"""Numbering: overlapping or duplicate blocks and addresses refused with a clear message on every
entry point, next free address and block, utilisation, and the ICT office's sole authority."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from spbe.core.errors import DomainError
from spbe.infrastructure import services
from spbe.infrastructure.choices import PrefixStatus
from spbe.infrastructure.models import IPAddress, Prefix

from .conftest import prefix


def test_a_duplicate_prefix_is_refused_naming_its_holder(satu, dua):
    prefix("10.20.0.0/16", PrefixStatus.CONTAINER)
    prefix("10.20.1.0/24", agency=satu)
    with pytest.raises(ValidationError) as error:
        prefix("10.20.1.0/24", agency=dua)
    assert "Prefiks 10.20.1.0/24 sudah tercatat (dialokasikan ke D1)" in str(
        error.value.message_dict["prefix"]
    )


def test_an_overlapping_block_is_refused_but_a_block_inside_a_container_is_not(satu, dua):
    prefix("10.20.0.0/16", PrefixStatus.CONTAINER)
    prefix("10.20.0.0/22", agency=satu)  # inside the container: fine
    with pytest.raises(ValidationError) as error:
        prefix("10.20.2.0/24", agency=dua)  # inside D1's block
    message = error.value.message_dict["prefix"][0]
    assert "tumpang tindih dengan 10.20.0.0/22 yang dialokasikan ke D1" in message
    with pytest.raises(ValidationError):
        prefix("10.20.0.0/21", agency=dua)  # around D1's block


def test_a_prefix_with_host_bits_is_refused_with_an_example(db):
    with pytest.raises(ValidationError) as error:
        prefix("10.20.1.5/24")
    assert "tidak sah" in error.value.message_dict["prefix"][0]


def test_a_duplicate_address_is_refused_on_page_and_api(client, kominfo, satu):
    block = prefix("10.30.1.0/24", agency=satu)
    IPAddress.objects.create(address="10.30.1.10", family=4, key=f"{0x0A1E010A:032x}", assigned_to=satu)
    client.force_login(kominfo)
    page = client.post(reverse("infrastructure:ipaddress_add"), {"address": "10.30.1.10", "status": "active"})
    assert page.status_code == 400
    assert "Alamat 10.30.1.10 sudah dialokasikan ke D1" in page.content.decode()
    api = client.post(
        "/api/v1/infrastructure/addresses/",
        {"address": "10.30.1.10", "status": "active"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "sudah dialokasikan" in str(api.json())
    broadcast = client.post(
        "/api/v1/infrastructure/addresses/",
        {"address": "10.30.1.255", "status": "active"},
        content_type="application/json",
    )
    assert broadcast.status_code == 400 and "broadcast" in str(broadcast.json())
    assert IPAddress.objects.count() == 1
    assert block.size == 254


def test_only_a_blocks_own_network_and_broadcast_addresses_are_refused(satu):
    prefix("10.40.0.0/16", PrefixStatus.CONTAINER)
    prefix("10.40.1.0/24", agency=satu)
    prefix("10.40.2.0/31", agency=satu)  # a point-to-point link: both numbers are hosts
    prefix("fd00:40::/64", agency=satu)

    def refusal(text):
        address = IPAddress(address=text, assigned_to=satu)
        try:
            address.full_clean()
        except ValidationError as error:
            return " ".join(error.message_dict["address"])
        return ""

    assert "jaringan atau broadcast prefiks 10.40.1.0/24" in refusal("10.40.1.0")
    assert "jaringan atau broadcast prefiks 10.40.1.0/24" in refusal("10.40.1.255")
    assert "prefiks fd00:40::/64" in refusal("fd00:40::")  # IPv6's subnet-router anycast
    for allowed in ("10.40.1.1", "10.40.1.254", "10.40.2.0", "10.40.2.1", "10.40.0.0", "10.40.255.255"):
        assert refusal(allowed) == "", allowed  # a container's edges are no block's own
    assert refusal("fd00:40::ffff:ffff:ffff:ffff") == ""


def test_addresses_and_blocks_written_through_the_api_keep_their_keys(client, kominfo, satu):
    client.force_login(kominfo)
    for text in ("10.31.0.0/24", "10.31.1.0/24"):
        response = client.post(
            "/api/v1/infrastructure/prefixes/",
            {"prefix": text, "status": "active"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.json()
    for text in ("10.31.0.5", "10.31.0.6"):
        response = client.post(
            "/api/v1/infrastructure/addresses/", {"address": text}, content_type="application/json"
        )
        assert response.status_code == 201, response.json()
    assert sorted(IPAddress.objects.values_list("key", flat=True)) == [
        f"{0x0A1F0005:032x}",
        f"{0x0A1F0006:032x}",
    ]
    assert Prefix.objects.get(prefix="10.31.1.0/24").last_key == f"{0x0A1F01FF:032x}"
    overlapping = client.post(
        "/api/v1/infrastructure/prefixes/", {"prefix": "10.31.1.128/25"}, content_type="application/json"
    )
    assert overlapping.status_code == 400 and "tumpang tindih" in str(overlapping.json())


def test_next_free_address_skips_what_is_held_and_fills_gaps(kominfo, satu):
    block = prefix("192.168.10.0/29", agency=satu)  # hosts .1 - .6
    first = services.address_allocate_next(prefix=block, user=kominfo)
    second = services.address_allocate_next(prefix=block, user=kominfo)
    assert (first.address, second.address) == ("192.168.10.1", "192.168.10.2")
    assert first.assigned_to == satu
    first.delete()
    assert str(services.next_free_address(block)) == "192.168.10.1"
    for _i in range(5):
        services.address_allocate_next(prefix=block, user=kominfo)
    assert services.next_free_address(block) is None
    assert services.utilisation(block) == {"used": 6, "size": 6, "percent": 100.0}
    with pytest.raises(DomainError, match="sudah penuh"):
        services.address_allocate_next(prefix=block, user=kominfo)


def test_next_free_address_finds_a_gap_in_the_middle_and_after_the_last(kominfo, satu):
    block = prefix("192.168.20.0/28", agency=satu)  # hosts .1 - .14
    held = [services.address_allocate_next(prefix=block, user=kominfo) for _i in range(4)]
    held[2].delete()
    assert str(services.next_free_address(block)) == "192.168.20.3"
    services.address_allocate_next(prefix=block, user=kominfo)
    assert str(services.next_free_address(block)) == "192.168.20.5"


def test_next_free_prefix_is_aligned_and_skips_allocated_blocks(kominfo, satu, dua):
    container = prefix("10.40.0.0/16", PrefixStatus.CONTAINER)
    prefix("10.40.0.0/24", agency=satu)
    prefix("10.40.1.128/25", agency=satu)
    assert str(services.next_free_prefix(container, 24)) == "10.40.2.0/24"
    assert str(services.next_free_prefix(container, 25)) == "10.40.1.0/25"
    block = services.prefix_allocate_next(container=container, length=24, agency=dua, user=kominfo)
    assert block.prefix == "10.40.2.0/24" and block.assigned_to == dua
    usage = services.utilisation(container)
    assert usage["used"] == 256 + 128 + 256


def test_only_the_ict_office_numbers_the_network(client, admin_satu, satu):
    block = prefix("10.50.0.0/24", agency=satu)
    with pytest.raises(DomainError, match="Hanya Dinas Kominfo"):
        services.address_allocate_next(prefix=block, user=admin_satu)
    client.force_login(admin_satu)
    response = client.post(
        reverse("infrastructure:prefix_add"), {"prefix": "10.60.0.0/24", "status": "active"}
    )
    assert response.status_code in (403, 200)
    assert not Prefix.objects.filter(prefix="10.60.0.0/24").exists()
    api = client.post(
        "/api/v1/infrastructure/addresses/", {"address": "10.50.0.7"}, content_type="application/json"
    )
    assert api.status_code == 403
    assert not IPAddress.objects.exists()


def test_the_address_list_finds_addresses_within_a_block(client, kominfo, satu):
    block = prefix("10.70.0.0/24", agency=satu)
    other = prefix("10.71.0.0/24", agency=satu)
    services.address_allocate_next(prefix=block, user=kominfo)
    services.address_allocate_next(prefix=other, user=kominfo)
    client.force_login(kominfo)
    page = client.get(reverse("infrastructure:ipaddress_list") + "?within=10.70.").content.decode()
    assert "10.70.0.1" in page and "10.71.0.1" not in page
    detail = client.get(block.get_absolute_url()).content.decode()
    assert "Alamat bebas berikutnya" in detail and "10.70.0.2" in detail


def test_the_address_list_loads_only_its_columns_in_a_fixed_number_of_queries(client, kominfo, satu):
    from django.test.utils import CaptureQueriesContext

    from .conftest import server

    block = prefix("10.72.0.0/24", agency=satu)
    host = server(satu, "srv-dinas-satu")
    url = reverse("infrastructure:ipaddress_list") + "?columns=address&columns=assigned_to&columns=server"
    client.force_login(kominfo)
    client.get(url)  # warm the per-process values
    services.address_allocate_next(prefix=block, user=kominfo, server=host, description="rak A")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _i in range(5):
        services.address_allocate_next(prefix=block, user=kominfo, server=host)
    with CaptureQueriesContext(connection) as six:
        page = client.get(url).content.decode()
    assert len(six) == len(one)
    assert "10.72.0.6" in page and "D1" in page and "srv-dinas-satu" in page
    rows = [q["sql"] for q in six.captured_queries if 'FROM "infrastructure_ipaddress"' in q["sql"]]
    assert not any('"infrastructure_ipaddress"."description"' in sql for sql in rows)
    described = client.get(url + "&columns=description").content.decode()
    assert "rak A" in described


@pytest.mark.django_db(transaction=True)
def test_two_clients_at_once_never_get_the_same_address(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises writers, one at a time)")
    from spbe.org.choices import Role

    from ..concurrency import at_once
    from ..factories import AgencyFactory, GovernmentFactory, user_with_role

    gov = GovernmentFactory()
    agency = AgencyFactory(government=gov)
    user = user_with_role(Role.ICT_ADMIN, None, "kominfo.paralel")
    block = prefix("10.90.0.0/24", agency=agency)
    got = []

    def worker():
        for _i in range(10):
            got.append(services.address_allocate_next(prefix=block, user=user).address)

    errors = at_once(worker)
    assert not errors
    assert len(got) == 20 and len(set(got)) == 20
    assert sorted(got, key=lambda a: int(a.rsplit(".", 1)[1])) == [f"10.90.0.{i}" for i in range(1, 21)]


def test_the_allocation_api_answers_in_the_api_error_shape(satu, kominfo, admin_satu):
    """A full block is a conflict (409), an unknown host a field error (400), another agency's
    allocation refused (403): each as {"detail", "code", "errors"} like the rest of the API."""
    from rest_framework.test import APIClient

    block = prefix("10.91.0.0/30", agency=satu)  # two host addresses
    client = APIClient()
    client.force_authenticate(kominfo)
    address = f"/infrastructure/api/prefixes/{block.pk}/next-free/"
    assert client.post(address, {}, format="json").status_code == 201
    assert client.post(address, {}, format="json").status_code == 201
    full = client.post(address, {}, format="json")
    assert full.status_code == 409 and set(full.json()) == {"detail", "code", "errors"}
    unknown = client.post(address, {"server": 999999}, format="json")
    assert unknown.status_code == 400 and unknown.json()["errors"] == {"server": ["Host tidak ditemukan."]}
    client.force_authenticate(admin_satu)
    refused = client.post(address, {}, format="json")
    assert refused.status_code == 403 and set(refused.json()) == {"detail", "code", "errors"}


def test_an_allocation_is_recorded_as_the_address_and_its_allocation_in_one_chain_step(satu, kominfo):
    """The address's creation and the allocation event sit side by side in the trail; the block's
    agency holds the address without another read, and nothing but the platform's bookkeeping
    is looked up."""
    from django.test.utils import CaptureQueriesContext

    from spbe.core import audit
    from spbe.core.models import AuditEvent

    block = prefix("10.93.0.0/24", agency=satu)
    services.address_allocate_next(prefix=block, user=kominfo)
    with CaptureQueriesContext(connection) as queries:
        address = services.address_allocate_next(prefix=block, user=kominfo, description="rak B")
    assert address.address == "10.93.0.2" and address.assigned_to_id == satu.pk
    events = list(
        AuditEvent.objects.filter(object_id=str(address.pk), object_type="infrastructure.ipaddress").order_by(
            "seq"
        )
    )
    assert [(e.action, e.code) for e in events] == [
        ("create", ""),
        ("event", "infrastructure.address.allocated"),
    ]
    assert events[1].seq == events[0].seq + 1 and events[1].message == "10.93.0.0/24"
    assert audit.verify().ok
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "core_auditevent"' in s for s in sql) == 1  # the chain's head read once
    assert not any('FROM "auth_user"' in s or 'FROM "org_agency"' in s for s in sql)
