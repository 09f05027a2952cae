from django_tasks import task

from . import context, importer
from .choices import EntryPoint, ImportStatus
from .models import ImportJob


@task()
def run_import_job(job_id: int, apply: bool) -> str:
    from .ui import ui_for

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    with context.acting(entry_point=EntryPoint.TASK, user=job.user):
        try:
            importer.run(job, ui_for(job.model_label), apply=apply)
        except Exception as error:  # the job must always end in a final state
            job.status = ImportStatus.FAILED
            job.message = f"Kesalahan tak terduga; tidak ada data yang diubah ({type(error).__name__})."
            job.save()
            raise
    return job.status
