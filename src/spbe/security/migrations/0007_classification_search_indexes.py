from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("security", "0006_classification_policy_and_decisions")]

    operations = [
        TrigramSearchIndexes("classificationpolicy", ["name", "deciders"]),
        TrigramSearchIndexes("classificationreason", ["label", "legal_basis"]),
        TrigramSearchIndexes("classificationdecision", ["explanation"]),
    ]
