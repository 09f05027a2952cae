"""Scheduled jobs core itself owns."""

from .choices import ImportStatus
from .importer import mark_stale
from .models import ImportJob


def fail_stale_imports() -> str:
    stale = 0
    for job in ImportJob.objects.filter(
        status__in=[ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.APPLYING]
    ):
        stale += mark_stale(job)
    return f"{stale} impor macet ditandai gagal"
