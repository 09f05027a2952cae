"""Compliance demo: attestations in every state and a few past runs, so the dashboards show met
and unmet obligations for visible reasons and a trend."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spbe.core import approvals
from spbe.org.models import Agency, Government

from . import engine, services
from .models import Attestation, ComplianceRun, Obligation, Regulation


def _attest(obligation, gov, agency, user, reviewer, *, accept=None, valid_until=None, reason=""):
    attestation = services.attestation_submit(
        obligation=obligation,
        government=gov,
        agency=agency,
        user=user,
        statement=f"{agency.short_name if agency else 'Pemda'} telah melaksanakan: {obligation.statement}",
        evidence_links="https://parigimoutongkab.go.id/dokumen/bukti-spbe",
        valid_until=valid_until,
    )
    if accept is not None:
        request = approvals.requests_for(attestation).first()
        approvals.approval_decide(
            request=request,
            user=reviewer,
            approve=accept,
            reason=reason or ("Bukti lengkap." if accept else "Bukti tidak memadai."),
        )
    return attestation


def build(stdout=None):
    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None or not Regulation.objects.filter(code=gov.regulation).exists():
        return
    if Attestation.objects.filter(government=gov).exists():
        if stdout:
            stdout.write("  kepatuhan demo sudah ada: dipakai ulang")
        return
    User = get_user_model()
    reviewer = User.objects.get(username="kominfo")
    admin = User.objects.get(username="admin")
    dukcapil_admin = User.objects.get(username="admin.disdukcapil")
    dukcapil = Agency.objects.get(short_name="Disdukcapil")
    of_regulation = Obligation.objects.filter(
        regulation__code=gov.regulation, check_type="attestation", retired=False
    )
    per_agency = list(of_regulation.filter(subject="each_agency").order_by("position"))
    government_level = list(of_regulation.filter(subject="government").order_by("position")[:2])
    agencies = [a for a in engine.top_level_agencies(gov) if a.pk != dukcapil.pk]
    rng = random.Random(2026)
    # Each agency is somewhere on its way: a share of its attestable duties done, more each round.
    progress = {a.pk: rng.uniform(0.1, 0.8) for a in agencies}
    history = []
    with transaction.atomic():
        history.append(engine.run_full(gov, trigger="demo"))
        for round_share in (0.5, 1.0):
            for agency in agencies:
                wanted = int(len(per_agency) * progress[agency.pk] * round_share)
                done = set(Attestation.objects.filter(agency=agency).values_list("obligation_id", flat=True))
                for obligation in per_agency[:wanted]:
                    if obligation.pk not in done:
                        _attest(obligation, gov, agency, admin, reviewer, accept=True)
            if round_share == 0.5:
                history.append(engine.run_full(gov, trigger="demo"))
        for obligation in government_level:
            _attest(obligation, gov, None, admin, reviewer, accept=True)
        # Disdukcapil shows the other states: waiting for review, rejected, expired.
        _attest(per_agency[0], gov, dukcapil, dukcapil_admin, reviewer, accept=None)
        _attest(
            per_agency[1],
            gov,
            dukcapil,
            dukcapil_admin,
            reviewer,
            accept=False,
            reason="Dokumen SOP belum ditandatangani kepala dinas.",
        )
        expired = _attest(per_agency[2], gov, dukcapil, dukcapil_admin, reviewer, accept=True)
        Attestation.objects.filter(pk=expired.pk).update(
            valid_from=timezone.localdate() - datetime.timedelta(days=400),
            valid_until=timezone.localdate() - datetime.timedelta(days=35),
        )
        history.append(engine.run_full(gov, trigger="demo"))
        # Spread the runs over the last two months so the trend has a time axis; the run made when the
        # regulation was first chosen predates this story.
        ComplianceRun.objects.filter(government=gov).exclude(pk__in=[r.pk for r in history]).delete()
        for weeks, run in zip((8, 4, 0), history, strict=True):
            moved = timezone.now() - datetime.timedelta(weeks=weeks)
            ComplianceRun.objects.filter(pk=run.pk).update(started=moved, finished=moved)
    if stdout:
        stdout.write(
            f"  kepatuhan: {len(history)} putaran evaluasi, {Attestation.objects.count()} pernyataan"
        )


def final_run(stdout=None):
    """After every module's demo data exists: one more full evaluation, so the dashboard starts exact."""
    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None or not Regulation.objects.filter(code=gov.regulation).exists():
        return
    run = engine.run_full(gov, trigger="demo")
    if stdout:
        stdout.write(f"  evaluasi kepatuhan akhir: {run.evaluations} evaluasi, {run.duration_ms} ms")
    issue_demo_documents(gov, stdout)


def issue_demo_documents(gov, stdout=None):
    """Signed documents to verify at /verifikasi/: today's report and the decision letters of two
    attestations (one accepted, one refused)."""
    from .exports import attestation_decision_document, report_document

    issuer = get_user_model().objects.filter(username="kominfo").first()
    issued = [report_document(gov, issuer)]
    for status in ("accepted", "rejected"):
        attestation = Attestation.objects.filter(government=gov, status=status).order_by("pk").first()
        request = attestation and approvals.requests_for(attestation).first()
        decision = request and request.decisions.filter(returned=False).order_by("-decided_at").first()
        if decision:
            issued.append(attestation_decision_document(attestation, decision, issuer))
    if stdout:
        codes = ", ".join(d.code_display for d in issued)
        stdout.write(f"  dokumen bertanda tangan: {len(issued)} (kode verifikasi {codes})")


# A year of recorded activities: (kind, months ago, title). Agency reports are added per agency.
YEAR_OF_ACTIVITIES = (
    ("coordination_meeting", 11, "Rapat koordinasi awal tahun: program kerja Tim Koordinasi SPBE"),
    ("coordination_meeting", 8, "Rapat koordinasi triwulan II: integrasi layanan dan Satu Data"),
    ("coordination_meeting", 5, "Rapat koordinasi triwulan III: persiapan evaluasi SPBE"),
    ("coordination_meeting", 2, "Rapat koordinasi triwulan IV: tindak lanjut hasil evaluasi"),
    ("coordination_team_report", 1, "Laporan pelaksanaan tugas Tim Koordinasi SPBE kepada Bupati"),
    ("leader_guidance", 9, "Arahan Bupati tentang percepatan layanan publik elektronik"),
    ("leader_guidance", 3, "Pembinaan Sekretaris Daerah kepada kepala PD tentang kepatuhan SPBE"),
    ("ict_office_review", 10, "Pemantauan pemanfaatan aplikasi PD semester I"),
    ("ict_office_review", 4, "Pemantauan dan evaluasi kepatuhan PD semester II"),
    ("ict_office_guidance", 7, "Bimbingan teknis admin PD: katalog aplikasi dan pernyataan pemenuhan"),
    ("ict_office_guidance", 2, "Sosialisasi keamanan informasi bagi operator PD"),
    ("ict_office_report", 1, "Laporan hasil pemantauan dan evaluasi SPBE kepada Tim Koordinasi SPBE"),
    ("government_spbe_report", 6, "Laporan penyelenggaraan SPBE Kabupaten kepada Gubernur"),
    ("internal_audit_review", 5, "Reviu Inspektorat atas pengelolaan aplikasi dan data"),
)


def _months_ago(months: int, day: int = 12) -> datetime.date:
    today = timezone.localdate()
    year, month = today.year, today.month - months
    while month < 1:
        month, year = month + 12, year - 1
    return min(datetime.date(year, month, min(day, 28)), today)


def build_activities(stdout=None):
    """A realistic year: team meetings every quarter, leaders' guidance, the ICT office's reviews and
    reports, and agency reports each semester (approved by the ICT office; one waiting, one refused)."""
    from spbe.org.models import CoordinationTeam

    from .models import ActivityKind, RecordedActivity

    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None or RecordedActivity.objects.filter(government=gov).exists():
        return
    User = get_user_model()
    reviewer = User.objects.get(username="kominfo")
    admin = User.objects.get(username="admin")
    kinds = {k.code: k for k in ActivityKind.objects.all()}
    team = CoordinationTeam.objects.filter(government=gov).order_by("-period_start").first()
    with transaction.atomic():
        for code, months, title in YEAR_OF_ACTIVITIES:
            kind = kinds[code]
            RecordedActivity.objects.create(
                government=gov,
                kind=kind,
                date=_months_ago(months),
                agency=gov.ict_office if kind.recorded_by == "ict_office" else None,
                team=team if kind.recorded_by == "coordination_team" else None,
                title=title,
                participants="Sekretaris Daerah\nKepala Dinas Kominfo\nKepala Bappeda\nKepala BPKAD",
                minutes=f"{title}. Kesimpulan dan tindak lanjut dicatat dalam notulen terlampir.",
                created_by=admin,
            )
        agencies = engine.top_level_agencies(gov)
        report = kinds["agency_spbe_report"]
        for index, agency in enumerate(agencies):
            for months in (9, 3):
                if months == 3 and index % 5 == 4:
                    continue  # some agencies have not sent their second report: the dashboard shows them
                activity = RecordedActivity.objects.create(
                    government=gov,
                    kind=report,
                    date=_months_ago(months, day=20),
                    agency=agency,
                    title=f"Laporan penyelenggaraan SPBE {agency.short_name} semester {1 if months == 9 else 2}",
                    participants=f"Admin PD {agency.short_name}",
                    minutes="Capaian layanan SPBE, kendala, dan rencana tindak lanjut PD.",
                    created_by=admin,
                )
                request = approvals.requests_for(activity).first()
                if index == 1 and months == 3:
                    continue  # waiting for the ICT office's review
                refused = index == 2 and months == 3
                approvals.approval_decide(
                    request=request,
                    user=reviewer,
                    approve=not refused,
                    reason="Laporan belum memuat capaian layanan." if refused else "Laporan lengkap.",
                )
    if stdout:
        stdout.write(f"  kegiatan tercatat: {RecordedActivity.objects.filter(government=gov).count()}")
