"""Demo management data for the demo regency (Parigi Moutong), with the unhappy cases the
compliance dashboard should show: Dinkes tickets past their target still at tier 1, a
Disdukcapil ticket with no tier-1 person to take it, a very high risk without a treatment plan,
an expired certification, a normal change implemented without approval.

Idempotent: a second run finds the tickets and leaves everything.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spbe.core import approvals
from spbe.org.models import Agency, Government, Person

from . import services
from .models import (
    ChangeRequest,
    Competency,
    CompetencyNeed,
    CompetencyStandard,
    DevelopmentRecord,
    IctStaff,
    KnowledgeArticle,
    KnowledgeTransfer,
    Problem,
    Risk,
    RiskAppetite,
    RiskContext,
    RiskTreatment,
    ServiceLevel,
    Ticket,
)

DEFAULT_LEVELS = {"p1": (30, 240), "p2": (60, 480), "p3": (240, 1350), "p4": (480, 2700)}


def _ago(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _tickets(users, dinkes, disdukcapil, service):
    walidata, tier1, tier2, dukcapil = (
        users["walidata.dinkes"],
        users["helpdesk.dinkes"],
        users["helpdesk2"],
        users["admin.disdukcapil"],
    )
    t = services
    a = t.ticket_open(
        user=walidata,
        title="SIMPUS lambat saat jam layanan",
        description="Halaman pendaftaran pasien memuat lebih dari satu menit.",
        kind="incident",
        priority="p2",
        service=service,
        at=_ago(30),
    )
    t.ticket_respond(ticket=a, user=tier1, note="Kami periksa jaringan puskesmas.", at=_ago(30, 10))
    t.ticket_escalate(
        ticket=a,
        user=tier1,
        reason="Beban basis data di server Dinas Kominfo, di luar akses PD.",
        at=_ago(30, 11),
    )
    t.ticket_resolve(
        ticket=a,
        user=tier2,
        resolution="Indeks basis data ditambahkan; waktu muat kini 2 detik.",
        at=_ago(29, 14),
    )
    t.ticket_close(ticket=a, user=walidata, rating=5, comment="Sangat membantu.", at=_ago(28))
    b = t.ticket_open(
        user=walidata,
        title="Akun surel dinas terkunci",
        description="Tidak dapat masuk setelah ganti kata sandi.",
        kind="request",
        priority="p3",
        at=_ago(20),
    )
    t.ticket_resolve(
        ticket=b, user=tier1, resolution="Akun dibuka kembali dan kata sandi diatur ulang.", at=_ago(19)
    )
    t.ticket_close(ticket=b, user=walidata, rating=2, comment="Terlalu lama menunggu.", at=_ago(18))
    c = t.ticket_open(
        user=tier1,
        requester=walidata,
        title="Printer ruang farmasi tidak mencetak",
        description="Antrian cetak macet.",
        kind="incident",
        priority="p4",
        at=_ago(6),
    )
    t.ticket_wait(ticket=c, user=tier1, note="Mohon kirim foto pesan galat di layar printer.", at=_ago(6, 10))
    d = t.ticket_open(
        user=walidata,
        title="Data kunjungan puskesmas tidak tersinkron ke Satu Data",
        description="Sinkronisasi harian gagal sejak Senin.",
        kind="incident",
        priority="p2",
        service=service,
        at=_ago(9),
    )
    t.ticket_respond(ticket=d, user=tier1, note="Log sinkronisasi sedang kami baca.", at=_ago(9, 10))
    e = t.ticket_open(
        user=walidata,
        title="Permintaan akun SIMPUS untuk pegawai baru",
        description="Tiga bidan baru di Puskesmas Parigi.",
        kind="request",
        priority="p3",
        service=service,
        at=_ago(12),
    )
    f = t.ticket_open(
        user=walidata,
        title="VPN puskesmas terputus",
        description="Puskesmas Tinombo tidak dapat terhubung ke server.",
        kind="incident",
        priority="p1",
        at=_ago(2),
    )
    t.ticket_escalate(
        ticket=f, user=tier1, reason="Perangkat VPN pusat dikelola Dinas Kominfo.", at=_ago(2, 10)
    )
    g = t.ticket_open(
        user=dukcapil,
        title="Aplikasi antrean Dukcapil galat 500",
        description="Warga tidak dapat mengambil nomor antrean daring.",
        kind="incident",
        priority="p2",
        at=_ago(5),
    )
    h = t.ticket_open(
        user=walidata,
        title="Tampilan dasbor gizi berantakan",
        description="Grafik tidak tampil di peramban ponsel.",
        kind="incident",
        priority="p3",
        at=_ago(4),
    )
    t.ticket_resolve(ticket=h, user=tier1, resolution="Versi peramban diperbarui; dasbor tampil.", at=_ago(3))
    # SIMPUS keeps failing: three recent incidents no problem explains yet (the repeated-incidents hint)
    for days, title in (
        (3, "SIMPUS galat saat menyimpan rekam medis"),
        (1, "SIMPUS tidak merespons pagi hari"),
    ):
        t.ticket_open(
            user=walidata,
            title=title,
            description="Terjadi lagi pada jam layanan puskesmas.",
            kind="incident",
            priority="p2",
            service=service,
            at=_ago(days),
        )
    return [a, b, c, d, e, f, g, h]


def _problems(dinkes, users, tickets):
    """A known error behind the first SIMPUS incident; the others still wait for analysis."""
    problem = Problem.objects.create(
        agency=dinkes,
        title="Basis data SIMPUS jenuh pada jam sibuk",
        service=tickets[0].service,
        description="Pendaftaran dan penyimpanan rekam medis melambat atau gagal antara pukul 08.00 dan 10.00.",
        status="known_error",
        cause="Kueri laporan harian berjalan bersamaan dengan pendaftaran dan mengunci tabel kunjungan.",
        workaround="Jalankan laporan harian setelah pukul 12.00; mulai ulang layanan aplikasi bila antrean macet.",
    )
    services.ticket_link_problem(ticket=tickets[0], user=users["helpdesk2"], problem=problem)
    Problem.objects.create(
        agency=dinkes,
        title="Printer jaringan ruang farmasi sering macet",
        description="Antrean cetak berhenti beberapa kali sebulan.",
    )


def _mail(users):
    """One ticket by e-mail from a known address and one refused message from an unknown one."""
    from . import mailgate

    account = users["walidata.dinkes"]
    sender = account.email or Person.objects.filter(user=account).values_list("email", flat=True).first()
    if sender:
        mailgate.receive(
            (
                f"From: {sender}\r\nTo: servicedesk@parigimoutongkab.go.id\r\n"
                "Subject: Aplikasi e-Kinerja tidak bisa unggah berkas\r\nMessage-ID: <demo-1@parigimoutongkab.go.id>\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n\r\nSetiap unggah PDF muncul pesan galat 413.\r\n"
            ).encode()
        )
    mailgate.receive(
        b"From: warga@contoh.id\r\nTo: servicedesk@parigimoutongkab.go.id\r\n"
        b"Subject: Tolong bantu akun saya\r\nMessage-ID: <demo-2@contoh.id>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nSaya tidak bisa masuk.\r\n"
    )


def _risks(dinkes, kominfo, users):
    ctx = RiskContext.objects.create(
        agency=dinkes,
        unit="Dinas Kesehatan: Bidang Sumber Daya Kesehatan",
        year=timezone.localdate().year,
        risk_owner="dr. Hendra Saleh, M.Kes.",
        goals="SIMPUS dipakai di seluruh 23 puskesmas; indikator: 95% kunjungan tercatat daring.",
        stakeholders="Puskesmas, BPJS Kesehatan, Dinas Kominfo",
        regulations="Perbup Parigi Moutong 52/2024; PermenPANRB 5/2020",
    )
    RiskAppetite.objects.create(
        context=ctx,
        category="12",
        risk_type="negative",
        minimum=11,
        rationale="Layanan kesehatan tidak boleh terhenti.",
    )
    RiskAppetite.objects.create(
        context=ctx, category="06", risk_type="positive", minimum=6, rationale="Peluang inovasi dimanfaatkan."
    )
    rows = [
        dict(
            code="R-01",
            category="12",
            event="SIMPUS tidak dapat diakses puskesmas",
            cause="Server tunggal tanpa cadangan",
            consequence="Pendaftaran pasien manual, data terlambat",
            impact_area="service",
            likelihood=3,
            impact=4,
            option="mitigate",
            residual_likelihood=2,
            residual_impact=3,
        ),
        dict(
            code="R-02",
            category="13",
            event="Kebocoran data rekam medis",
            cause="Akun bersama di puskesmas",
            consequence="Pelanggaran UU 27/2022",
            impact_area="legal",
            likelihood=3,
            impact=5,
        ),
        dict(
            code="R-03",
            category="15",
            event="Operator SIMPUS pindah tugas",
            cause="Rotasi pegawai",
            consequence="Pencatatan tertunda",
            impact_area="people",
            likelihood=2,
            impact=2,
        ),
        dict(
            code="R-04",
            category="06",
            risk_type="positive",
            event="Integrasi SATUSEHAT",
            cause="Platform nasional tersedia",
            consequence="Data terpadu",
            impact_area="performance",
            likelihood=4,
            impact=3,
            option="exploit",
        ),
    ]
    risks = []
    for row in rows:
        risk = Risk(context=ctx, **row)
        risk.full_clean()
        risk.save()
        risks.append(risk)
    today = timezone.localdate()
    RiskTreatment.objects.create(
        risk=risks[0],
        option="mitigate",
        action="Server cadangan di pusat data Dinas Kominfo",
        output="Replikasi basis data harian",
        responsible="Kepala Seksi SIK",
        start=today - datetime.timedelta(days=60),
        end=today + datetime.timedelta(days=60),
        status="in_progress",
    )
    RiskTreatment.objects.create(
        risk=risks[3],
        option="exploit",
        action="Hubungkan SIMPUS ke SATUSEHAT",
        output="Data kunjungan terkirim otomatis",
        responsible="Kepala Bidang SDK",
        start=today,
        end=today + datetime.timedelta(days=120),
    )
    services.risk_register_submit(
        context=ctx, user=users["admin.dinkes"], note="Register risiko tahun berjalan"
    )
    kctx = RiskContext.objects.create(
        agency=kominfo,
        unit="Bidang Aplikasi Informatika",
        year=today.year,
        risk_owner="Ir. Moh. Irwan Lasahido, M.Si.",
        goals="Pusat data pemda tersedia 99,5%.",
    )
    r = Risk(
        context=kctx,
        code="K-01",
        category="11",
        event="Listrik pusat data padam",
        cause="Genset belum otomatis",
        consequence="Semua layanan terhenti",
        impact_area="operations",
        likelihood=2,
        impact=4,
        option="mitigate",
    )
    r.full_clean()
    r.save()
    RiskTreatment.objects.create(
        risk=r,
        option="mitigate",
        action="ATS genset",
        output="Genset menyala otomatis",
        responsible="Kepala Seksi Infrastruktur",
        start=today,
        end=today + datetime.timedelta(days=90),
    )
    request = services.risk_register_submit(
        context=kctx, user=users["kominfo"], note="Register Bidang Aptika"
    )
    approvals.approval_decide(
        request=request, user=users["kepala.diskominfo"], approve=True, reason="Disetujui."
    )


def _people(dinkes, kominfo, users):
    today = timezone.localdate()
    standards = [
        CompetencyStandard.objects.create(
            code="TIK-SD-01",
            name="Pengelolaan layanan service desk",
            area="Layanan TIK",
            source="Standar kompetensi jabatan fungsional Pranata Komputer (contoh demo)",
        ),
        CompetencyStandard.objects.create(
            code="TIK-JR-01",
            name="Administrasi jaringan",
            area="Infrastruktur",
            source="Standar kompetensi jabatan fungsional Pranata Komputer (contoh demo)",
        ),
        CompetencyStandard.objects.create(
            code="TIK-KI-01",
            name="Keamanan informasi dasar",
            area="Keamanan",
            source="Standar kompetensi jabatan fungsional Pranata Komputer (contoh demo)",
        ),
    ]
    people = {
        u: Person.objects.get(user=users[u])
        for u in ("helpdesk.dinkes", "admin.dinkes", "helpdesk2", "admin")
    }
    for username, function in (
        ("helpdesk.dinkes", "Teknisi TIK, service desk tier 1"),
        ("admin.dinkes", "Admin aplikasi SIMPUS"),
        ("helpdesk2", "Service desk tier 2"),
        ("admin", "Administrator platform SPBE"),
    ):
        IctStaff.objects.create(
            agency=people[username].agency,
            person=people[username],
            function=function,
            since=today - datetime.timedelta(days=700),
        )
    Competency.objects.create(
        person=people["helpdesk.dinkes"],
        standard=standards[0],
        level=2,
        assessed_on=today - datetime.timedelta(days=90),
        assessor="Dinas Kominfo",
    )
    Competency.objects.create(
        person=people["helpdesk2"],
        standard=standards[1],
        level=3,
        assessed_on=today - datetime.timedelta(days=200),
    )
    CompetencyNeed.objects.create(agency=dinkes, standard=standards[0], level=2, required=1)
    CompetencyNeed.objects.create(
        agency=dinkes,
        standard=standards[2],
        level=1,
        required=2,
        note="Data kesehatan adalah data pribadi yang sensitif.",
    )
    DevelopmentRecord.objects.create(
        person=people["helpdesk.dinkes"],
        kind="bimtek",
        title="Bimtek service desk SPBE",
        provider="Dinas Kominfo",
        by_ict_office=True,
        start=today - datetime.timedelta(days=45),
        end=today - datetime.timedelta(days=43),
    )
    DevelopmentRecord.objects.create(
        person=people["helpdesk2"],
        kind="certification",
        title="Sertifikasi administrator jaringan",
        provider="LSP Informatika",
        scope="national",
        certificate_number="LSP-INF/2022/0311",
        start=today - datetime.timedelta(days=1200),
        expires_on=today - datetime.timedelta(days=30),
    )
    DevelopmentRecord.objects.create(
        person=people["admin"],
        kind="certification",
        title="Certified Information Systems Auditor",
        provider="ISACA",
        scope="international",
        start=today - datetime.timedelta(days=400),
        expires_on=today + datetime.timedelta(days=700),
    )
    DevelopmentRecord.objects.create(
        person=people["admin.dinkes"],
        kind="diklat",
        title="Diklat teknis basis data",
        provider="BPSDM Provinsi Sulawesi Tengah",
        start=today - datetime.timedelta(days=500),
        end=today - datetime.timedelta(days=495),
    )
    DevelopmentRecord.objects.create(
        person=people["helpdesk2"],
        kind="incentive",
        title="Insentif pengelola infrastruktur bersertifikat",
        start=today - datetime.timedelta(days=100),
    )


def _changes_and_knowledge(dinkes, kominfo, users):
    today = timezone.localdate()
    app_model = apps.get_model("applications", "Application")
    simpus = app_model.objects.filter(agency=dinkes).first()
    normal = ChangeRequest.objects.create(
        agency=dinkes,
        title="Pembaruan SIMPUS ke versi 3",
        kind="normal",
        description="Modul rujukan baru.",
        risk_level="medium",
        planned_start=today - datetime.timedelta(days=40),
        planned_end=today - datetime.timedelta(days=20),
    )
    if simpus:
        normal.applications.add(simpus)
    ChangeRequest.objects.filter(pk=normal.pk).update(
        stage="monitoring"
    )  # implemented without the ICT office's approval
    std = ChangeRequest.objects.create(
        agency=kominfo,
        title="Perpanjangan sertifikat TLS portal",
        kind="standard",
        description="Perpanjangan rutin.",
        risk_level="very_low",
        planned_start=today - datetime.timedelta(days=10),
        planned_end=today - datetime.timedelta(days=10),
        review="Berjalan tanpa gangguan.",
    )
    for _ in range(6):
        services.change_advance(change=std, user=users["kominfo"])
    emergency = ChangeRequest.objects.create(
        agency=kominfo,
        title="Tambalan keamanan darurat server surel",
        kind="emergency",
        description="Celah keamanan kritis.",
        risk_level="high",
        planned_start=today - datetime.timedelta(days=3),
        planned_end=today - datetime.timedelta(days=2),
    )
    services.change_submit(
        change=emergency, user=users["kepala.diskominfo"], note="Sudah dipasang malam itu; mohon persetujuan."
    )
    article = KnowledgeArticle.objects.create(
        agency=kominfo,
        title="Mengatur ulang kata sandi surel dinas",
        body="1. Buka portal surel.\n2. Pilih Lupa kata sandi.\n3. Ikuti tautan di ponsel.",
        keywords="surel, kata sandi",
        audience="staff",
    )
    services.article_submit(article=article, user=users["kominfo"])
    services.article_publish(article=article, user=users["kepala.diskominfo"])
    article.refresh_from_db()
    article.body += "\n4. Bila tautan tidak datang, hubungi service desk tier 1 PD Anda."
    article.version += 1
    article.save()
    services.article_submit(article=article, user=users["kominfo"])
    services.article_publish(article=article, user=users["kepala.diskominfo"])
    KnowledgeArticle.objects.create(
        agency=dinkes,
        title="Menangani antrean cetak printer macet",
        body="Matikan printer, hapus antrean, nyalakan kembali.",
        audience="agency",
    )
    public = KnowledgeArticle.objects.create(
        agency=kominfo,
        title="Cara melapor gangguan layanan SPBE",
        body="Laporkan lewat portal, surel service desk, atau petugas service desk tier 1 di PD Anda.",
        keywords="service desk, gangguan",
        audience="public",
    )
    services.article_submit(article=public, user=users["kominfo"])
    services.article_publish(article=public, user=users["kepala.diskominfo"])
    transfer = KnowledgeTransfer.objects.create(
        agency=kominfo,
        topic="Pengelolaan server surel dinas dari penyedia ke Dinas Kominfo",
        date=today - datetime.timedelta(days=15),
        giver="PT penyedia layanan surel (tim teknis)",
        recipients="Administrator sistem Dinas Kominfo\nService desk tier 2",
        method="handover",
        summary="Serah terima konfigurasi, prosedur pencadangan dan pemulihan.",
    )
    transfer.articles.add(article)


def build(stdout=None):
    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None:
        return
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    if Ticket.objects.filter(agency__government=gov).exists():
        if stdout:
            stdout.write("  manajemen demo sudah ada: dipakai ulang")
        return
    usernames = (
        "walidata.dinkes",
        "helpdesk.dinkes",
        "helpdesk2",
        "admin.disdukcapil",
        "admin.dinkes",
        "kominfo",
        "kepala.diskominfo",
        "admin",
    )
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    if len(users) < len(usernames) or not {"Dinkes", "Disdukcapil", "Diskominfo"} <= set(agencies):
        return
    dinkes, disdukcapil, kominfo = agencies["Dinkes"], agencies["Disdukcapil"], agencies["Diskominfo"]
    services.calendar_load_current()
    with transaction.atomic():
        for priority, (response, resolution) in DEFAULT_LEVELS.items():
            ServiceLevel.objects.get_or_create(
                service=None,
                priority=priority,
                defaults={
                    "response_minutes": response,
                    "resolution_minutes": resolution,
                    "note": "Tingkat layanan bawaan Dinas Kominfo",
                },
            )
        service_model = apps.get_model("planning", "Service")
        service = service_model.objects.filter(agency=dinkes).first()
        if service is not None:
            ServiceLevel.objects.create(
                service=service,
                priority="p2",
                response_minutes=30,
                resolution_minutes=240,
                note="Layanan kesehatan: lebih ketat",
            )
        tickets = _tickets(users, dinkes, disdukcapil, service)
        _risks(dinkes, kominfo, users)
        _people(dinkes, kominfo, users)
        _problems(dinkes, users, tickets)
        _changes_and_knowledge(dinkes, kominfo, users)
        _mail(users)
    services.tickets_refresh()  # the clocks as of today (the history above ran in the past)
    if stdout:
        stdout.write(
            "  manajemen: 8 tiket (2 melewati target di tier 1, 1 PD tanpa tier 1), register risiko, SDM TIK, perubahan, basis pengetahuan"
        )
