from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import context, importer
from .choices import EntryPoint, ImportStatus
from .models import ImportJob


@task()
def run_import_job(job_id: int, apply: bool) -> str:
    """Runs a queued import in the language of the person who queued it: the headers it reads and
    the row messages it stores are in that language, as an import within the request would be."""
    from .ui import ui_for

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    with (
        translation.override(job.language or settings.LANGUAGE_CODE),
        context.acting(entry_point=EntryPoint.TASK, user=job.user),
    ):
        try:
            importer.run(job, ui_for(job.model_label), apply=apply)
        except Exception as error:  # the job must always end in a final state
            job.status = ImportStatus.FAILED
            job.message = _("Kesalahan tak terduga; tidak ada data yang diubah (%(error)s).") % {
                "error": type(error).__name__
            }
            job.save()
            raise
    return job.status
