"""Trigram indexes for the `q` search of the problem, inbound mail and knowledge transfer lists
(PostgreSQL only)."""

from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("management", "0006_article_public_id_required")]

    operations = [
        TrigramSearchIndexes("problem", ["title"]),
        TrigramSearchIndexes("inboundmail", ["sender", "subject"]),
        TrigramSearchIndexes("knowledgetransfer", ["topic", "giver"]),
    ]
