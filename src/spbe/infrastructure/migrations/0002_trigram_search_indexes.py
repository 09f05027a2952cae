# Trigram GIN indexes for the `q` search on PostgreSQL (spbe.core.search); nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("infrastructure", "0001_initial"),
    ]

    operations = [
        TrigramSearchIndexes("facility", ["name", "location"]),
        TrigramSearchIndexes("rack", ["name"]),
        TrigramSearchIndexes("server", ["name", "role", "operating_system"]),
        TrigramSearchIndexes("vlan", ["name"]),
        TrigramSearchIndexes("prefix", ["prefix", "description"]),
        TrigramSearchIndexes("ipaddress", ["address", "dns_name"]),
        TrigramSearchIndexes("addressrequest", ["purpose"]),
        TrigramSearchIndexes("wanlink", ["name", "provider"]),
        TrigramSearchIndexes("localnetwork", ["name", "location"]),
        TrigramSearchIndexes("networkdiagram", ["notes"]),
        TrigramSearchIndexes("backupplan", ["name", "contents"]),
        TrigramSearchIndexes("backuprun", ["checksum", "location"]),
        TrigramSearchIndexes("restoretest", ["notes"]),
        TrigramSearchIndexes("infrastructurereview", ["findings"]),
        TrigramSearchIndexes("domain", ["name", "purpose"]),
        TrigramSearchIndexes("mailbox", ["address", "holder"]),
        TrigramSearchIndexes("asset", ["tag", "name", "serial_number", "holder"]),
        TrigramSearchIndexes("assetreport", ["number", "summary"]),
    ]
