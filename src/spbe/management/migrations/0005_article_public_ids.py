import uuid

from django.db import migrations


def fill(apps, schema_editor):
    article = apps.get_model("management", "KnowledgeArticle")
    for pk in article._base_manager.filter(uuid__isnull=True).values_list("pk", flat=True):
        article._base_manager.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("management", "0004_problems_mail_knowledge_transfer")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
