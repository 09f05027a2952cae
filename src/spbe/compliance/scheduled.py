"""Jobs `spbe run-scheduled` calls: the daily full run, and warnings before attestations expire."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core import notifications, permissions
from spbe.org.models import Government

from . import engine
from .models import Attestation, AttestationStatus, ComplianceRun, ComplianceStatus

FULL_RUN_EVERY = datetime.timedelta(hours=24)
WARN_BEFORE_DAYS = 30


def run_if_due() -> str:
    """A full run per government when the last is a day old, or when results are marked stale."""
    done = []
    for government in Government.objects.exclude(regulation="").select_related("ict_office"):
        last = ComplianceRun.objects.filter(government=government, finished__isnull=False).first()
        stale = ComplianceStatus.objects.filter(government=government, stale=True).exists()
        if last is None or stale or timezone.now() - last.finished >= FULL_RUN_EVERY:
            try:
                run = engine.run_full(government, trigger="scheduled")
            except ValueError:
                continue
            done.append(f"{government}: {run.evaluations} evaluasi")
    return "; ".join(done) or "tidak ada yang perlu dievaluasi"


def warn_expiring_attestations() -> str:
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=WARN_BEFORE_DAYS)
    expiring = Attestation.objects.filter(
        status=AttestationStatus.ACCEPTED, valid_until__gte=today, valid_until__lte=soon
    ).select_related("obligation", "agency", "submitted_by")
    sent = 0
    for attestation in expiring:
        users = [attestation.submitted_by]
        if attestation.agency_id:
            users += list(permissions.role_holders("agency_admin", attestation.agency))
        sent += notifications.notify(
            users,
            _("Pernyataan untuk %(c)s berakhir %(d)s")
            % {"c": attestation.obligation.citation, "d": attestation.valid_until.strftime("%d-%m-%Y")},
            url=attestation.get_absolute_url(),
            key=f"attestation-expiry:{attestation.pk}",
        )
    return f"{sent} pemberitahuan"
