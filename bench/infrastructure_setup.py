"""Build the infrastructure benchmark's province-scale numbering: 2,000 devices over the synthetic
government's agencies, 2,000 /26 blocks inside 10.0.0.0/8 and 50 addresses in each (100,000
addresses). Run by bench/infrastructure.py; idempotent."""

import ipaddress
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from spbe.infrastructure import ipnum  # noqa: E402
from spbe.infrastructure.models import IPAddress, Prefix, Server  # noqa: E402
from spbe.org.models import Agency, Government, Person, RoleAssignment  # noqa: E402

GOVERNMENT = "Pemerintah Provinsi Sintetis"
USERNAME, PASSWORD = "bench.kominfo", "spbe-bench-2026"
BLOCKS, PER_BLOCK, DEVICES = 2000, 50, 2000


def block(i: int):
    return ipaddress.ip_network((0x0A000000 + i * 64, 26))


def main() -> None:
    gov = Government.objects.get(name=GOVERNMENT)
    agencies = list(Agency.objects.filter(government=gov).order_by("pk"))
    User = get_user_model()
    if not User.objects.filter(username=USERNAME).exists():
        user = User.objects.create_user(USERNAME, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role="ict_admin")
        Person.objects.create(agency=agencies[0], name="Admin Kominfo Bench", employment="non_asn", user=user)
    IPAddress.objects.filter(description="bench").delete()  # what the previous run created and allocated
    if IPAddress.objects.count() >= BLOCKS * PER_BLOCK:
        return
    Server.objects.bulk_create(
        [
            Server(
                agency=agencies[i % len(agencies)],
                name=f"host-{i:05d}",
                kind="virtual",
                hosting="own",
                status="active",
            )
            for i in range(DEVICES)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    servers = list(Server.objects.order_by("pk").values_list("pk", "agency_id"))
    container = ipaddress.ip_network("10.0.0.0/8")
    first, last = ipnum.network_keys(container)
    Prefix.objects.get_or_create(
        family=4,
        first_key=first,
        length=8,
        defaults={"prefix": str(container), "last_key": last, "status": "container", "scope": "private"},
    )
    prefixes = []
    for i in range(BLOCKS):
        net = block(i)
        a, b = ipnum.network_keys(net)
        prefixes.append(
            Prefix(
                prefix=str(net),
                family=4,
                length=26,
                first_key=a,
                last_key=b,
                scope="private",
                status="active",
                assigned_to_id=agencies[i % len(agencies)].pk,
                description=f"LAN {i}",
            )
        )
    Prefix.objects.bulk_create(prefixes, batch_size=2000, ignore_conflicts=True)
    rows = []
    for i in range(BLOCKS):
        base = int(block(i).network_address)
        for n in range(1, PER_BLOCK + 1):
            number = base + n
            server_id, agency_id = servers[(i * PER_BLOCK + n) % len(servers)]
            rows.append(
                IPAddress(
                    address=str(ipaddress.ip_address(number)),
                    family=4,
                    key=ipnum.key(number),
                    scope="private",
                    status="active",
                    assigned_to_id=agency_id,
                    server_id=server_id if n <= 2 else None,
                    dns_name=f"h{number}.sintetis.go.id" if n <= 2 else "",
                )
            )
        if len(rows) >= 10000:
            IPAddress.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
            rows = []
    IPAddress.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


if __name__ == "__main__":
    main()
    sys.exit(0)
