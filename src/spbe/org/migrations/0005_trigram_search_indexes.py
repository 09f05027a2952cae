# Trigram GIN indexes for the `q` search on PostgreSQL (spbe.core.search); nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("org", "0004_list_order_and_filter_indexes"),
    ]

    operations = [
        TrigramSearchIndexes("agency", ["name", "short_name"]),
        TrigramSearchIndexes("person", ["name", "nip", "position", "email"]),
        TrigramSearchIndexes("decree", ["number", "title"]),
        TrigramSearchIndexes("coordinationteam", ["name"]),
        TrigramSearchIndexes("government", ["name", "domain"]),
        TrigramSearchIndexes("roleassignment", ["role"]),
        TrigramSearchIndexes("coordinationteammember", ["duty"]),
    ]
