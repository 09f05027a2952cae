# The bandwidth request's `q` search (its reason) on a trigram GIN index on PostgreSQL; nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("infrastructure", "0004_bandwidth_request"),
    ]

    operations = [
        TrigramSearchIndexes("bandwidthrequest", ["reason"]),
    ]
