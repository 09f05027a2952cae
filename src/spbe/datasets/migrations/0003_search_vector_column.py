"""PostgreSQL only: the full-text document as a stored, generated tsvector column with a GIN index,
so a search matching half the catalog reads the index instead of re-parsing every description.
Outside Django's model state (an access path, like the trigram indexes); SQLite uses LIKE."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS datasets_dataset_fts_idx")
    schema_editor.execute(
        "ALTER TABLE datasets_dataset ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple'::regconfig, COALESCE(search_document, ''))) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS datasets_dataset_tsv_idx ON datasets_dataset USING gin (search_tsv)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS datasets_dataset_tsv_idx")
    schema_editor.execute("ALTER TABLE datasets_dataset DROP COLUMN IF EXISTS search_tsv")


class Migration(migrations.Migration):
    dependencies = [("datasets", "0002_search_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
