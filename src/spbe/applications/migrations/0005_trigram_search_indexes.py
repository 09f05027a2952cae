# Trigram GIN indexes for the `q` search on PostgreSQL (spbe.core.search); nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("applications", "0004_list_order_and_filter_indexes"),
    ]

    operations = [
        TrigramSearchIndexes("application", ["name", "purpose", "developer_name", "address"]),
        TrigramSearchIndexes("commonapplication", ["name", "provider", "keywords"]),
        TrigramSearchIndexes("applicationdocument", ["title"]),
        TrigramSearchIndexes("applicationrelease", ["release_version", "notes"]),
        TrigramSearchIndexes("applicationintegration", ["description"]),
    ]
