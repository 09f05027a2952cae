"""Demo security data for the demo regency (Parigi Moutong): people on electronic-transaction duties
with certificates (one expired, one revoked, one running out within 30 days, an agency below full
coverage, a transitional education letter), incidents (one reported at once with its signed written notice
to the data steward, one reported three days late and without notice, one handled and closed), security service requests (one done:
a vulnerability assessment; one planned; one waiting long unanswered), and a certificate monitoring.

Idempotent: a second run finds the incidents and leaves everything.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spbe.org.models import Agency, Government, Person

from . import services
from .choices import CredentialKind, IncidentKind, IncidentSeverity, IncidentStatus, ServiceRequestStatus
from .models import (
    CertificateDuty,
    CertificateMonitoring,
    ClassificationDecision,
    ClassificationPolicy,
    ClassificationReason,
    ElectronicCertificate,
    Incident,
    IncidentEvent,
    SecurityServiceKind,
    SecurityServiceRequest,
    VulnerabilityFinding,
)

D = "parigimoutongkab.go.id"

# agency short name -> duties (each given to the next person of the agency), with the state of that
# person's credential: valid, expiring (within 30 days), expired, revoked, letter, none
DUTIES = {
    "Diskominfo": [
        ("Penandatangan naskah dinas elektronik (SRIKANDI)", "SRIKANDI", False, "valid"),
        ("Pengelola sertifikat elektronik perangkat daerah", "Portal BSrE", False, "valid"),
        ("Penandatangan naskah dinas elektronik (SRIKANDI)", "SRIKANDI", False, "valid"),
    ],
    "BPKAD": [
        ("Bendahara pengeluaran", "SIPD", False, "valid"),
        ("Penandatangan SP2D elektronik", "SIPD", False, "expiring"),
        ("Penandatangan naskah dinas elektronik (SRIKANDI)", "SRIKANDI", False, "valid"),
    ],
    "Disdukcapil": [
        ("Penandatangan dokumen kependudukan elektronik", "SIAK Terpusat", True, "expired"),
        ("Penandatangan dokumen kependudukan elektronik", "SIAK Terpusat", True, "valid"),
    ],
    "DPMPTSP": [
        ("Penandatangan izin elektronik", "OSS RBA", True, "valid"),
        ("Penandatangan izin elektronik", "OSS RBA", True, "none"),
        ("Penandatangan naskah dinas elektronik (SRIKANDI)", "SRIKANDI", False, "revoked"),
    ],
    "Dinkes": [
        ("Penandatangan naskah dinas elektronik (SRIKANDI)", "SRIKANDI", False, "valid"),
        ("Bendahara pengeluaran", "SIPD", False, "valid"),
    ],
    "RSUD": [("Penandatangan resume medis elektronik", "SIMRS", True, "letter")],
    "Bapenda": [("Penandatangan SKPD pajak daerah elektronik", "SIMPATDA", True, "valid")],
}


def _credential(person, state, today, n):
    if state == "none":
        return
    kind, issuer = CredentialKind.CERTIFICATE, "BSrE"
    start, end = today - datetime.timedelta(days=300), today + datetime.timedelta(days=430)
    revoked, revoked_on = False, None
    if state == "expiring":
        start, end = today - datetime.timedelta(days=710), today + datetime.timedelta(days=19)
    elif state == "expired":
        start, end = today - datetime.timedelta(days=760), today - datetime.timedelta(days=26)
    elif state == "revoked":
        revoked, revoked_on = True, today - datetime.timedelta(days=40)
    elif state == "letter":
        kind, issuer = CredentialKind.EDUCATION_LETTER, "Universitas Tadulako"
        start, end = today - datetime.timedelta(days=30), today + datetime.timedelta(days=150)
    ElectronicCertificate.objects.create(
        holder=person,
        kind=kind,
        issuer=issuer,
        serial=f"{'BSRE' if kind == CredentialKind.CERTIFICATE else 'UNTAD'}-{today.year}-{7200 + n:06d}",
        valid_from=start,
        valid_until=end,
        revoked=revoked,
        revoked_on=revoked_on,
    )


def _certificates(agencies, today) -> int:
    n = 0
    for short, duties in DUTIES.items():
        people = list(Person.objects.filter(agency=agencies[short]).order_by("pk")[: len(duties) + 1])
        for index, (duty, system, public, state) in enumerate(duties):
            person = people[min(index, len(people) - 1)]
            CertificateDuty.objects.get_or_create(
                person=person, duty=duty, defaults={"system": system, "public_service": public}
            )
            if not ElectronicCertificate.objects.filter(holder=person).exists():
                n += 1
                _credential(person, state, today, n)
    return n


def _incident(agency, apps, **values):
    events = values.pop("events", [])
    linked = values.pop("linked", [])
    incident = Incident.objects.create(agency=agency, **values)
    incident.applications.set([apps[name] for name in linked if name in apps])
    for at, kind, note in events:
        IncidentEvent.objects.create(incident=incident, at=at, kind=kind, note=note)
    return incident


def _incidents(agencies, apps, users, now):
    dinkes = _incident(
        agencies["Dinkes"],
        apps,
        title="Ransomware pada server SIMPUS Puskesmas Parigi",
        kind=IncidentKind.ATTACK,
        occurred_at=now - datetime.timedelta(days=6, hours=3),
        detected_at=now - datetime.timedelta(days=6, hours=1),
        reported_at=now - datetime.timedelta(days=6),
        description="Berkas basis data SIMPUS terenkripsi; muncul catatan tebusan di desktop server.",
        systems_affected="Server SIMPUS Puskesmas Parigi (virtual machine di pusat data Diskominfo).",
        data_affected="Rekam kunjungan pasien Januari-Maret (sekitar 8.400 baris).",
        data_secured=True,
        securing_measures="Server diputus dari jaringan; cadangan harian terakhir diverifikasi utuh.",
        linked=["SIMPUS"],
        events=[(now - datetime.timedelta(days=6), "note", "Laporan diterima Dinas Kominfo.")],
    )
    services.incident_handle(
        incident=dinkes,
        user=users["kominfo"],
        severity=IncidentSeverity.SERIOUS,
        status=IncidentStatus.CONTAINED,
        containment="Segmen jaringan Puskesmas diisolasi; akun administrator diganti.",
        note="Triase: varian ransomware dikenal, penyebaran lewat RDP yang terbuka.",
    )
    services.incident_notify_steward(incident=dinkes, user=users["admin.dinkes"])
    _incident(
        agencies["Disdukcapil"],
        apps,
        title="Deface halaman Dukcapil Online",
        kind=IncidentKind.ATTACK,
        occurred_at=now - datetime.timedelta(days=40),
        detected_at=now - datetime.timedelta(days=39, hours=20),
        reported_at=now - datetime.timedelta(days=36, hours=18),
        description="Halaman depan Dukcapil Online diganti pesan pihak tidak dikenal.",
        systems_affected="Dukcapil Online (web server di Disdukcapil).",
        data_affected="Tidak ada data kependudukan yang diketahui bocor.",
        linked=["Dukcapil Online"],
    )
    bapenda = _incident(
        agencies["Bapenda"],
        apps,
        title="SIMPATDA tidak dapat diakses karena disk server penuh",
        kind=IncidentKind.FAILURE,
        occurred_at=now - datetime.timedelta(days=80, hours=5),
        detected_at=now - datetime.timedelta(days=80, hours=4),
        reported_at=now - datetime.timedelta(days=80, hours=3),
        description="Log aplikasi memenuhi disk; layanan pajak daerah berhenti 4 jam.",
        systems_affected="Server aplikasi SIMPATDA.",
        data_affected="Tidak ada.",
        linked=["SIMPATDA"],
    )
    services.incident_handle(
        incident=bapenda,
        user=users["kominfo"],
        severity=IncidentSeverity.MEDIUM,
        status=IncidentStatus.CLOSED,
        containment="Log lama dipindahkan.",
        recovery="Layanan pulih; rotasi log diaktifkan.",
        lessons_learned="Pantau kapasitas disk dan rotasi log pada setiap server aplikasi.",
    )
    return 3


def _services(agencies, users, today) -> int:
    kinds = {k.code: k for k in SecurityServiceKind.objects.all()}
    done = SecurityServiceRequest.objects.create(
        agency=agencies["Dinkes"],
        kind=kinds["vulnerability-assessment"],
        title="Penilaian kerentanan SIMPUS dan Sehat Parimo",
        description="Mohon uji penetrasi sebelum Sehat Parimo dibuka untuk publik.",
        status=ServiceRequestStatus.PLANNED,
        planned_date=today - datetime.timedelta(days=50),
    )
    SecurityServiceRequest.objects.filter(pk=done.pk).update(requested_on=today - datetime.timedelta(days=70))
    services.service_request_report(
        request_row=SecurityServiceRequest.objects.get(pk=done.pk),
        user=users["kominfo"],
        done_date=today - datetime.timedelta(days=45),
        report="Uji penetrasi kotak hitam atas dua aplikasi selama tiga hari.",
        findings="RDP terbuka ke internet pada server SIMPUS; Sehat Parimo tanpa pembatasan percobaan login.",
    )
    SecurityServiceRequest.objects.create(
        agency=agencies["Disdukcapil"],
        kind=kinds["hardening-assistance"],
        title="Pendampingan pengamanan web server Dukcapil Online",
        description="Setelah deface, mohon pendampingan penguatan konfigurasi web server.",
        status=ServiceRequestStatus.PLANNED,
        planned_date=today + datetime.timedelta(days=10),
    )
    waiting = SecurityServiceRequest.objects.create(
        agency=agencies["Bapenda"],
        kind=kinds["awareness"],
        title="Literasi keamanan informasi bagi petugas pajak",
        description="Pelatihan kesadaran phishing untuk 40 petugas pelayanan pajak.",
    )
    SecurityServiceRequest.objects.filter(pk=waiting.pk).update(
        requested_on=today - datetime.timedelta(days=45)
    )
    return 3


def build(stdout=None):
    gov = Government.objects.filter(domain=D).first()
    if gov is None or Incident.objects.filter(agency__government=gov).exists():
        if stdout and gov is not None:
            stdout.write("  data keamanan demo sudah ada: dipakai ulang")
        return
    services.service_kinds_load()
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "kominfo", "admin.dinkes"])}
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    app_model = Incident._meta.get_field("applications").related_model
    apps = {a.name: a for a in app_model.objects.filter(agency__government=gov)}
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        certificates = _certificates(agencies, today)
        CertificateMonitoring.objects.create(
            agency=agencies["Diskominfo"],
            date=today - datetime.timedelta(days=75),
            duties=15,
            covered=13,
            expiring=1,
            agencies_below=2,
            notes="Pemantauan triwulan: dua PD belum tercakup penuh.",
        )
        incidents = _incidents(agencies, apps, users, now)
        requests = _services(agencies, users, today)
    if stdout:
        stdout.write(
            f"  keamanan: {certificates} sertifikat, {incidents} insiden, {requests} permohonan layanan keamanan"
        )


# --- After the catalog and the risk registers exist (demo order 90) -------------------------------

REASONS = (
    ("open", "Informasi publik yang wajib tersedia setiap saat", "UU 14/2008 Pasal 11"),
    ("open", "Statistik agregat tanpa data pribadi", "Perpres 39/2019 Pasal 3"),
    ("limited", "Data pribadi yang dibagi antarinstansi untuk pelayanan", "UU 27/2022 Pasal 20"),
    ("limited", "Data operasional internal pemerintah daerah", "Perbup Parigi Moutong 52/2024 Pasal 27"),
    ("closed", "Informasi yang dikecualikan (rahasia pribadi, kesehatan)", "UU 14/2008 Pasal 17 huruf h"),
    ("closed", "Informasi yang membahayakan keamanan sistem elektronik", "UU 14/2008 Pasal 17 huruf c"),
)


def build_late(stdout=None):
    """The classification policy, decisions on Dinkes's datasets (one overdue for review, one
    changed outside a decision, the rest undecided), and the findings of the vulnerability
    assessment."""
    from spbe.datasets.models import Dataset

    gov = Government.objects.filter(domain=D).first()
    if gov is None or ClassificationPolicy.objects.filter(government=gov).exists():
        return
    User = get_user_model()
    steward = User.objects.filter(username="walidata.dinkes").first()
    dinkes = Agency.objects.filter(government=gov, short_name="Dinkes").first()
    if steward is None or dinkes is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        policy = ClassificationPolicy.objects.create(
            government=gov,
            name="Kebijakan Klasifikasi Data Kabupaten Parigi Moutong",
            open_meaning="Dapat diumumkan kepada publik dan disebarluaskan di portal data terbuka.",
            limited_meaning="Hanya untuk perangkat daerah dan instansi dengan perjanjian berbagi data yang berlaku.",
            closed_meaning="Hanya untuk perangkat daerah pemilik; informasi yang dikecualikan menurut undang-undang.",
            deciders="Walidata perangkat daerah produsen data menetapkan; Dinas Kominfo memberi pertimbangan.",
            review_months=12,
        )
        reasons = {}
        for level, label, basis in REASONS:
            reasons.setdefault(
                level,
                ClassificationReason.objects.create(
                    policy=policy, level=level, label=label, legal_basis=basis
                ),
            )
        datasets = list(Dataset.objects.filter(agency=dinkes).exclude(stage="planned").order_by("pk")[:6])
        for n, dataset in enumerate(datasets[:4]):
            services.classification_decide(
                subject=dataset,
                user=steward,
                level=dataset.classification,
                reason=reasons[dataset.classification],
                explanation="Ditetapkan walidata Dinas Kesehatan pada inventarisasi data tahunan.",
                review_due=today + datetime.timedelta(days=20 if n == 1 else 300),
            )
        if len(datasets) > 2:  # one overdue, one changed later without a decision
            ClassificationDecision.objects.filter(dataset=datasets[0], current=True).update(
                review_due=today - datetime.timedelta(days=40),
                decided_on=today - datetime.timedelta(days=405),
            )
            Dataset.objects.filter(pk=datasets[2].pk).update(
                classification="open" if datasets[2].classification != "open" else "limited"
            )
        _findings(gov, dinkes)
    if stdout:
        stdout.write("  keamanan: kebijakan klasifikasi data, keputusan klasifikasi, temuan kerentanan")


def _findings(gov, dinkes) -> None:
    done = SecurityServiceRequest.objects.filter(agency=dinkes, kind__code="vulnerability-assessment").first()
    if done is None:
        return
    VulnerabilityFinding.objects.create(
        service_request=done,
        title="Akses jarak jauh server SIMPUS terbuka ke internet",
        details="RDP (3389/tcp) terbuka ke internet pada server SIMPUS; kata sandi administrator lemah.",
        cause="Akses jarak jauh pemeliharaan tidak dibatasi lewat VPN.",
        consequence="Server dapat diambil alih; data pasien bocor atau terenkripsi ransomware.",
        likelihood=4,
        impact=5,
    )
    VulnerabilityFinding.objects.create(
        service_request=done,
        title="Percobaan login Sehat Parimo tidak dibatasi",
        details="Tidak ada pembatasan laju maupun CAPTCHA pada /login Sehat Parimo.",
        cause="Fitur pembatasan percobaan login belum dibangun.",
        consequence="Akun warga dapat ditebak kata sandinya.",
        likelihood=3,
        impact=3,
    )
