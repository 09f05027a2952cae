from django.db import migrations

from spbe.core.search import TrigramSearchIndexes


class Migration(migrations.Migration):
    dependencies = [("security", "0004_vulnerability_findings")]

    operations = [TrigramSearchIndexes("vulnerabilityfinding", ["title"])]
