"""Trigram indexes for the `q` search of the management lists (PostgreSQL only)."""

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("management", "0001_initial"), ("core", "0003_pg_trgm_extension")]

    operations = [
        TrigramSearchIndexes("calendarday", ["name"]),
        TrigramSearchIndexes("ticket", ["number", "title"]),
        TrigramSearchIndexes("riskcontext", ["unit"]),
        TrigramSearchIndexes("risk", ["code", "event"]),
        TrigramSearchIndexes("risktreatment", ["action", "responsible"]),
        TrigramSearchIndexes("competencystandard", ["code", "name"]),
        TrigramSearchIndexes("ictstaff", ["function"]),
        TrigramSearchIndexes("developmentrecord", ["title", "provider"]),
        TrigramSearchIndexes("changerequest", ["title"]),
        TrigramSearchIndexes("knowledgearticle", ["title", "keywords", "body"]),
    ]
