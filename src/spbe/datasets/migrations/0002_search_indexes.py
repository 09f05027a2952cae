"""Search access paths on PostgreSQL: trigram indexes for the `q` search of every list, and a GIN
index on the full-text document the open-data search (package_search) matches."""

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes

FTS_INDEX = "datasets_dataset_fts_idx"


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {FTS_INDEX} ON datasets_dataset "
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
    )


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {FTS_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("datasets", "0001_initial"), ("core", "0003_pg_trgm_extension")]

    operations = [
        TrigramSearchIndexes("dataset", ["title", "description", "name"]),
        TrigramSearchIndexes("resource", ["name"]),
        TrigramSearchIndexes("datasharerequest", ["purpose", "party_name"]),
        TrigramSearchIndexes("tag", ["name"]),
        migrations.RunPython(create_fts, drop_fts),
    ]
