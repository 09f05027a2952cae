# Trigram GIN indexes for the `q` search on PostgreSQL (spbe.core.search); nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("planning", "0003_list_order_and_filter_indexes"),
    ]

    operations = [
        TrigramSearchIndexes("architecture", ["title"]),
        TrigramSearchIndexes("architectureitem", ["code", "name"]),
        TrigramSearchIndexes("roadmap", ["title"]),
        TrigramSearchIndexes("roadmapitem", ["programme", "activity", "target"]),
        TrigramSearchIndexes("masterplan", ["title"]),
        TrigramSearchIndexes("budgetline", ["title"]),
        TrigramSearchIndexes("service", ["name", "description"]),
        TrigramSearchIndexes("businessprocess", ["code", "name"]),
        TrigramSearchIndexes("review", ["outcome", "follow_up"]),
        TrigramSearchIndexes("agencyneed", ["title", "reason"]),
        TrigramSearchIndexes("referencemodel", ["code", "name"]),
    ]
