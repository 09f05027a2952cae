# pg_trgm for the indexed `q` search (spbe.core.search). On PostgreSQL this needs a role
# allowed to create the extension (docs/operations.md); on SQLite it does nothing.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_approvals_notifications"),
    ]

    operations = [
        TrigramExtension(),
    ]
