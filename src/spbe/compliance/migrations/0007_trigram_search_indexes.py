# Trigram GIN indexes for the `q` search on PostgreSQL (spbe.core.search); nothing on SQLite.

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("compliance", "0006_recorded_activity_list_indexes"),
    ]

    operations = [
        TrigramSearchIndexes("recordedactivity", ["title", "minutes"]),
    ]
