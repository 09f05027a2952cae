from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_pg_trgm_extension"),
        ("security", "0001_initial"),
    ]

    operations = [
        TrigramSearchIndexes("certificateduty", ["duty", "system"]),
        TrigramSearchIndexes("electroniccertificate", ["serial", "issuer"]),
        TrigramSearchIndexes("certificatemonitoring", ["notes"]),
        TrigramSearchIndexes("incident", ["title", "description"]),
        TrigramSearchIndexes("incidentevent", ["note"]),
        TrigramSearchIndexes("securityservicekind", ["name", "code"]),
        TrigramSearchIndexes("securityservicerequest", ["title", "description"]),
    ]
