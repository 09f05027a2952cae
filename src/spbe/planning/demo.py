"""Planning demo for the demo regency (Parigi Moutong): an architecture and a roadmap for 2025-2029
set by decree, budgets for 2025 and 2026 (some lines without a roadmap activity), business processes
(some reviewed within the year, some not), reviews of the architecture and the roadmap, agency ICT
needs (some consolidated) and the catalog of SPBE services.

Idempotent: a second run finds the architecture and leaves everything as it is. Dates of reviews and
needs are relative to today, so the yearly review obligations are met whenever the demo is built.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spbe.org.choices import DecreeKind
from spbe.org.models import Agency, Decree, Government

from . import references, services
from .choices import (
    ArchitectureDomain,
    BudgetPurpose,
    DocumentStatus,
    FundingSource,
    IntegrationStatus,
    NeedStatus,
    ReviewedDocument,
    ReviewReason,
    RoadmapArea,
    RoadmapStatus,
    ServiceArea,
    ServiceKind,
)
from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

START, END = 2025, 2029

# (domain, national code, local code, name, agency short name, SIA metadata)
ARCHITECTURE_ITEMS = [
    (ArchitectureDomain.BUSINESS_PROCESS, "09.02", "PB.09.02.01", "Pengelolaan keuangan daerah", "BPKAD", {}),
    (ArchitectureDomain.BUSINESS_PROCESS, "04.01", "PB.04.01.01", "Pelayanan kesehatan dasar", "Dinkes", {}),
    (
        ArchitectureDomain.BUSINESS_PROCESS,
        "03.07",
        "PB.03.07.01",
        "Administrasi kependudukan",
        "Disdukcapil",
        {},
    ),
    (ArchitectureDomain.BUSINESS_PROCESS, "09.04", "PB.09.04.01", "Penyelenggaraan SPBE", "Diskominfo", {}),
    (
        ArchitectureDomain.DATA,
        "04.01",
        "DA.04.01.01",
        "Data pelayanan puskesmas",
        "Dinkes",
        {"Sifat Data": "Terbatas", "Produsen Data": "Puskesmas", "Interoperabilitas": "SATUSEHAT"},
    ),
    (ArchitectureDomain.DATA, "03.07", "DA.03.07.01", "Data kependudukan daerah", "Disdukcapil", {}),
    (ArchitectureDomain.DATA, "10.03", "DA.10.03.01", "Data batas wilayah desa", "Bappeda", {}),
    (
        ArchitectureDomain.SERVICE,
        "02.02",
        "LA.02.02.01",
        "Layanan pengelolaan keuangan daerah",
        "BPKAD",
        {"Target Layanan": "Seluruh PD", "Metode Layanan": "Elektronik (SIPD)"},
    ),
    (
        ArchitectureDomain.SERVICE,
        "01.03",
        "LP.01.03.01",
        "Layanan perizinan berusaha",
        "DPMPTSP",
        {"Target Layanan": "Pelaku usaha", "Potensi Manfaat": "Izin terbit lebih cepat"},
    ),
    (
        ArchitectureDomain.SERVICE,
        "02.07",
        "LA.02.07.01",
        "Layanan akuntabilitas kinerja",
        "Bag. Organisasi",
        {},
    ),
    (
        ArchitectureDomain.APPLICATION,
        "01.02",
        "AP.01.02.01",
        "SRIKANDI (kearsipan dinamis)",
        "Dispusip",
        {"Fungsi": "Naskah dinas elektronik", "Basis Aplikasi": "Web"},
    ),
    (ArchitectureDomain.APPLICATION, "02.02", "AP.02.02.01", "Sistem informasi puskesmas", "Dinkes", {}),
    (
        ArchitectureDomain.INFRASTRUCTURE,
        "01.02",
        "IN.01.02.01",
        "Pusat data pemerintah kabupaten",
        "Diskominfo",
        {"Objek": "Fasilitas Komputasi", "Lokasi": "Kantor Diskominfo, Parigi", "Klasifikasi Tier": "Tier 1"},
    ),
    (
        ArchitectureDomain.INFRASTRUCTURE,
        "02.01",
        "IN.02.01.01",
        "Jaringan intra pemerintah daerah",
        "Diskominfo",
        {},
    ),
    (
        ArchitectureDomain.SECURITY,
        "02.02",
        "KA.02.02.01",
        "Edukasi kesadaran keamanan aplikasi",
        "Diskominfo",
        {"Objek": "Edukasi Kesadaran Keamanan", "Tanggal Kegiatan": "2025-08-12"},
    ),
    (
        ArchitectureDomain.SECURITY,
        "03.03",
        "KA.03.03.01",
        "Uji kelaikan keamanan pusat data",
        "Diskominfo",
        {},
    ),
]

# (year, area, programme, activity, agency, target, status, progress)
ROADMAP_ITEMS = [
    (
        2025,
        RoadmapArea.GOVERNANCE,
        "Tata kelola SPBE",
        "Penyusunan Arsitektur SPBE 2025-2029",
        "Diskominfo",
        "Arsitektur ditetapkan",
        RoadmapStatus.DONE,
        100,
    ),
    (
        2025,
        RoadmapArea.GOVERNANCE,
        "Tata kelola SPBE",
        "Pembentukan Tim Koordinasi SPBE",
        "Setda",
        "Keputusan Bupati terbit",
        RoadmapStatus.DONE,
        100,
    ),
    (
        2025,
        RoadmapArea.INFRASTRUCTURE,
        "Infrastruktur SPBE",
        "Perluasan jaringan intra ke 10 kecamatan",
        "Diskominfo",
        "10 kecamatan terhubung",
        RoadmapStatus.DONE,
        100,
    ),
    (
        2025,
        RoadmapArea.APPLICATIONS,
        "Aplikasi SPBE",
        "Penerapan SRIKANDI di seluruh PD",
        "Dispusip",
        "Seluruh PD memakai SRIKANDI",
        RoadmapStatus.DONE,
        100,
    ),
    (
        2025,
        RoadmapArea.SERVICES,
        "Layanan SPBE",
        "Integrasi layanan perizinan dengan OSS",
        "DPMPTSP",
        "Izin berusaha terintegrasi",
        RoadmapStatus.IN_PROGRESS,
        70,
    ),
    (
        2026,
        RoadmapArea.MANAGEMENT,
        "Manajemen SPBE",
        "Penerapan manajemen risiko SPBE",
        "Diskominfo",
        "Register risiko tiap PD",
        RoadmapStatus.IN_PROGRESS,
        40,
    ),
    (
        2026,
        RoadmapArea.SECURITY,
        "Keamanan SPBE",
        "Sertifikat elektronik bagi pejabat penandatangan",
        "Diskominfo",
        "300 sertifikat",
        RoadmapStatus.IN_PROGRESS,
        55,
    ),
    (
        2026,
        RoadmapArea.APPLICATIONS,
        "Aplikasi SPBE",
        "Pengembangan sistem informasi puskesmas",
        "Dinkes",
        "23 puskesmas terhubung",
        RoadmapStatus.IN_PROGRESS,
        30,
    ),
    (
        2026,
        RoadmapArea.SERVICES,
        "Layanan SPBE",
        "Layanan adminduk daring",
        "Disdukcapil",
        "KK dan akta lahir daring",
        RoadmapStatus.DELAYED,
        15,
    ),
    (
        2026,
        RoadmapArea.INFRASTRUCTURE,
        "Infrastruktur SPBE",
        "Peremajaan perangkat pusat data",
        "Diskominfo",
        "Server dan penyimpanan baru",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2026,
        RoadmapArea.GOVERNANCE,
        "Tata kelola SPBE",
        "Penyusunan proses bisnis seluruh PD",
        "Bag. Organisasi",
        "Proses bisnis 30 PD",
        RoadmapStatus.IN_PROGRESS,
        50,
    ),
    (
        2027,
        RoadmapArea.ICT_AUDIT,
        "Audit TIK",
        "Audit infrastruktur dan aplikasi SPBE",
        "Inspektorat",
        "Laporan audit",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2027,
        RoadmapArea.SECURITY,
        "Keamanan SPBE",
        "Pusat pemulihan data (DRC)",
        "Diskominfo",
        "DRC beroperasi",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2027,
        RoadmapArea.MANAGEMENT,
        "Manajemen SPBE",
        "Manajemen pengetahuan SPBE",
        "BKPSDM",
        "Basis pengetahuan daring",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2028,
        RoadmapArea.SERVICES,
        "Layanan SPBE",
        "Portal layanan publik terpadu",
        "Diskominfo",
        "Satu pintu layanan daring",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2028,
        RoadmapArea.APPLICATIONS,
        "Aplikasi SPBE",
        "Integrasi aplikasi melalui sistem penghubung layanan",
        "Diskominfo",
        "15 aplikasi terhubung",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2029,
        RoadmapArea.ICT_AUDIT,
        "Audit TIK",
        "Audit keamanan SPBE",
        "Inspektorat",
        "Laporan audit keamanan",
        RoadmapStatus.PLANNED,
        0,
    ),
    (
        2029,
        RoadmapArea.GOVERNANCE,
        "Tata kelola SPBE",
        "Penyusunan Arsitektur SPBE 2030-2034",
        "Diskominfo",
        "Rancangan arsitektur",
        RoadmapStatus.PLANNED,
        0,
    ),
]

# (agency, fiscal year, title, purpose, source, planned, realised, roadmap activity or None)
BUDGET_LINES = [
    (
        "Diskominfo",
        2025,
        "Penyusunan dokumen Arsitektur SPBE",
        BudgetPurpose.POLICY,
        FundingSource.APBD,
        250_000_000,
        245_000_000,
        "Penyusunan Arsitektur SPBE 2025-2029",
    ),
    (
        "Diskominfo",
        2025,
        "Pembangunan jaringan fiber optik kecamatan",
        BudgetPurpose.DEVICES,
        FundingSource.APBD,
        1_750_000_000,
        1_690_000_000,
        "Perluasan jaringan intra ke 10 kecamatan",
    ),
    (
        "Dispusip",
        2025,
        "Pendampingan penerapan SRIKANDI",
        BudgetPurpose.PEOPLE,
        FundingSource.APBD,
        120_000_000,
        118_500_000,
        "Penerapan SRIKANDI di seluruh PD",
    ),
    (
        "DPMPTSP",
        2025,
        "Integrasi sistem perizinan",
        BudgetPurpose.DEVICES,
        FundingSource.APBN,
        400_000_000,
        380_000_000,
        "Integrasi layanan perizinan dengan OSS",
    ),
    (
        "Dinkes",
        2025,
        "Langganan internet puskesmas",
        BudgetPurpose.OPERATIONS,
        FundingSource.APBD,
        300_000_000,
        300_000_000,
        None,
    ),
    (
        "Diskominfo",
        2026,
        "Penerapan manajemen risiko SPBE",
        BudgetPurpose.POLICY,
        FundingSource.APBD,
        150_000_000,
        40_000_000,
        "Penerapan manajemen risiko SPBE",
    ),
    (
        "Diskominfo",
        2026,
        "Sertifikat elektronik pejabat",
        BudgetPurpose.OPERATIONS,
        FundingSource.APBD,
        90_000_000,
        45_000_000,
        "Sertifikat elektronik bagi pejabat penandatangan",
    ),
    (
        "Diskominfo",
        2026,
        "Peremajaan server pusat data",
        BudgetPurpose.DEVICES,
        FundingSource.APBD_PROVINCE,
        2_100_000_000,
        0,
        "Peremajaan perangkat pusat data",
    ),
    (
        "Dinkes",
        2026,
        "Pengembangan sistem informasi puskesmas",
        BudgetPurpose.DEVICES,
        FundingSource.APBN,
        850_000_000,
        200_000_000,
        "Pengembangan sistem informasi puskesmas",
    ),
    (
        "Dinkes",
        2026,
        "Langganan internet puskesmas",
        BudgetPurpose.OPERATIONS,
        FundingSource.APBD,
        320_000_000,
        160_000_000,
        None,
    ),
    (
        "Disdukcapil",
        2026,
        "Layanan adminduk daring",
        BudgetPurpose.DEVICES,
        FundingSource.APBD,
        275_000_000,
        30_000_000,
        "Layanan adminduk daring",
    ),
    (
        "Bag. Organisasi",
        2026,
        "Penyusunan peta proses bisnis",
        BudgetPurpose.POLICY,
        FundingSource.APBD,
        110_000_000,
        55_000_000,
        "Penyusunan proses bisnis seluruh PD",
    ),
    (
        "Dishub",
        2026,
        "Pengadaan komputer bidang lalu lintas",
        BudgetPurpose.DEVICES,
        FundingSource.APBD,
        95_000_000,
        95_000_000,
        None,
    ),
    (
        "Dishub",
        2026,
        "Pelatihan operator aplikasi angkutan",
        BudgetPurpose.PEOPLE,
        FundingSource.GRANT,
        40_000_000,
        0,
        None,
    ),
]

# (agency, code, name, national RAB code, steps, months since the last review or None)
BUSINESS_PROCESSES = [
    (
        "BPKAD",
        "PB-BPKAD-01",
        "Penatausahaan belanja daerah",
        "09.02",
        "Terima SPP dari PD\nVerifikasi SPP\nTerbitkan SPM\nTerbitkan SP2D",
        3,
    ),
    (
        "BPKAD",
        "PB-BPKAD-02",
        "Pengelolaan barang milik daerah",
        "09.02",
        "Inventarisasi\nPenilaian\nPelaporan",
        3,
    ),
    (
        "Dinkes",
        "PB-DINKES-01",
        "Pendaftaran pasien puskesmas",
        "04.01",
        "Pasien datang\nPetugas mencari data NIK\nPasien diarahkan ke poli",
        8,
    ),
    (
        "Disdukcapil",
        "PB-DUKCAPIL-01",
        "Penerbitan kartu keluarga",
        "03.07",
        "Permohonan\nVerifikasi berkas\nPerekaman\nPencetakan",
        16,
    ),
    (
        "DPMPTSP",
        "PB-DPMPTSP-01",
        "Penerbitan izin berusaha",
        "02.08",
        "Permohonan di OSS\nVerifikasi persyaratan\nPenerbitan izin",
        None,
    ),
    (
        "Diskominfo",
        "PB-KOMINFO-01",
        "Pengelolaan nama domain dan subdomain",
        "09.04",
        "Permohonan PD\nVerifikasi\nPembuatan subdomain\nPemberitahuan",
        5,
    ),
    (
        "Dishub",
        "PB-DISHUB-01",
        "Pengujian kendaraan bermotor",
        "03.03",
        "Pendaftaran\nPengujian\nPenerbitan bukti lulus uji",
        None,
    ),
]

# (agency, name, kind, area, users, integration status, national RAL code or None)
SERVICES = [
    (
        "Bappeda",
        "Perencanaan pembangunan daerah (SIPD)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.PLANNING,
        "Seluruh PD",
        IntegrationStatus.INTEGRATED,
        "02.03",
    ),
    (
        "BPKAD",
        "Penyusunan anggaran daerah",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.BUDGETING,
        "Seluruh PD",
        IntegrationStatus.INTEGRATED,
        "02.02",
    ),
    (
        "BPKAD",
        "Penatausahaan keuangan daerah",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.FINANCE,
        "Bendahara PD",
        IntegrationStatus.INTEGRATED,
        "02.02",
    ),
    (
        "Bag. PBJ",
        "Pengadaan barang dan jasa elektronik (SPSE)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.PROCUREMENT,
        "Pejabat pengadaan, penyedia",
        IntegrationStatus.INTEGRATED,
        "02.06",
    ),
    (
        "BKPSDM",
        "Administrasi kepegawaian (SIASN)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.PERSONNEL,
        "Pengelola kepegawaian PD",
        IntegrationStatus.PARTIAL,
        "02.04",
    ),
    (
        "Dispusip",
        "Naskah dinas elektronik (SRIKANDI)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.RECORDS,
        "Seluruh pegawai",
        IntegrationStatus.INTEGRATED,
        "02.05",
    ),
    (
        "BPKAD",
        "Pengelolaan barang milik daerah",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.ASSETS,
        "Pengurus barang PD",
        IntegrationStatus.STANDALONE,
        "02.06",
    ),
    (
        "Inspektorat",
        "Pengawasan internal",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.OVERSIGHT,
        "Auditor, PD",
        IntegrationStatus.STANDALONE,
        "02.08",
    ),
    (
        "Bag. Organisasi",
        "Akuntabilitas kinerja (SAKIP)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.ACCOUNTABILITY,
        "Seluruh PD",
        IntegrationStatus.PARTIAL,
        "02.07",
    ),
    (
        "BKPSDM",
        "Kinerja pegawai (e-Kinerja)",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.STAFF_PERFORMANCE,
        "Seluruh pegawai",
        IntegrationStatus.PARTIAL,
        "02.04",
    ),
    (
        "Diskominfo",
        "Layanan surat elektronik dinas",
        ServiceKind.ADMINISTRATIVE,
        ServiceArea.ADMIN_OTHER,
        "Seluruh pegawai",
        IntegrationStatus.INTEGRATED,
        "02.09",
    ),
    (
        "Diskominfo",
        "Pengaduan masyarakat (SP4N-LAPOR!)",
        ServiceKind.PUBLIC,
        ServiceArea.COMPLAINTS,
        "Masyarakat",
        IntegrationStatus.INTEGRATED,
        None,
    ),
    (
        "Diskominfo",
        "Portal data terbuka",
        ServiceKind.PUBLIC,
        ServiceArea.OPEN_DATA,
        "Masyarakat, peneliti",
        IntegrationStatus.PARTIAL,
        None,
    ),
    (
        "Bag. Hukum",
        "Jaringan dokumentasi dan informasi hukum (JDIH)",
        ServiceKind.PUBLIC,
        ServiceArea.LEGAL_DOCS,
        "Masyarakat",
        IntegrationStatus.INTEGRATED,
        None,
    ),
    (
        "Disdikbud",
        "Penerimaan peserta didik baru daring",
        ServiceKind.PUBLIC,
        ServiceArea.EDUCATION,
        "Orang tua siswa",
        IntegrationStatus.STANDALONE,
        None,
    ),
    (
        "DPMPTSP",
        "Perizinan berusaha",
        ServiceKind.PUBLIC,
        ServiceArea.WORK,
        "Pelaku usaha",
        IntegrationStatus.PARTIAL,
        "01.03",
    ),
    (
        "Disperkim",
        "Bantuan rumah tidak layak huni",
        ServiceKind.PUBLIC,
        ServiceArea.HOUSING,
        "Masyarakat berpenghasilan rendah",
        IntegrationStatus.STANDALONE,
        None,
    ),
    (
        "Diskominfo",
        "Informasi publik dan PPID",
        ServiceKind.PUBLIC,
        ServiceArea.COMMUNICATION,
        "Masyarakat",
        IntegrationStatus.PARTIAL,
        None,
    ),
    (
        "DLH",
        "Pengaduan pencemaran lingkungan",
        ServiceKind.PUBLIC,
        ServiceArea.ENVIRONMENT,
        "Masyarakat",
        IntegrationStatus.STANDALONE,
        None,
    ),
    (
        "Dinkes",
        "Pendaftaran puskesmas daring",
        ServiceKind.PUBLIC,
        ServiceArea.HEALTH,
        "Pasien",
        IntegrationStatus.PARTIAL,
        None,
    ),
    (
        "Dinsos",
        "Pendataan penerima bantuan sosial",
        ServiceKind.PUBLIC,
        ServiceArea.SOCIAL_SECURITY,
        "Keluarga miskin",
        IntegrationStatus.PARTIAL,
        None,
    ),
    (
        "Dishub",
        "Uji kendaraan bermotor",
        ServiceKind.PUBLIC,
        ServiceArea.TRANSPORT,
        "Pemilik kendaraan",
        IntegrationStatus.STANDALONE,
        None,
    ),
    (
        "Dispar",
        "Informasi destinasi wisata",
        ServiceKind.PUBLIC,
        ServiceArea.TOURISM,
        "Wisatawan",
        IntegrationStatus.STANDALONE,
        None,
    ),
    (
        "Disdukcapil",
        "Layanan administrasi kependudukan",
        ServiceKind.PUBLIC,
        ServiceArea.PUBLIC_OTHER,
        "Penduduk",
        IntegrationStatus.PARTIAL,
        "01.04",
    ),
]

# Which processes produce which services (by process code and service name).
PROCESS_SERVICES = {
    "PB-BPKAD-01": ["Penatausahaan keuangan daerah"],
    "PB-BPKAD-02": ["Pengelolaan barang milik daerah"],
    "PB-DINKES-01": ["Pendaftaran puskesmas daring"],
    "PB-DUKCAPIL-01": ["Layanan administrasi kependudukan"],
    "PB-DPMPTSP-01": ["Perizinan berusaha"],
    "PB-DISHUB-01": ["Uji kendaraan bermotor"],
}

# (agency, title, reason, quantity, unit, target year, cost, days ago, consolidate into activity / decision)
NEEDS = [
    (
        "Dinkes",
        "Komputer pendaftaran puskesmas",
        "Pendaftaran pasien masih manual di 12 puskesmas",
        24,
        "unit",
        2026,
        240_000_000,
        200,
        "Pengembangan sistem informasi puskesmas",
    ),
    (
        "Dinkes",
        "Koneksi internet puskesmas terpencil",
        "Empat puskesmas belum terjangkau jaringan",
        4,
        "lokasi",
        2027,
        180_000_000,
        40,
        None,
    ),
    (
        "Disdukcapil",
        "Mesin cetak KTP-el cadangan",
        "Satu mesin cetak sering rusak",
        2,
        "unit",
        2026,
        150_000_000,
        150,
        "Layanan adminduk daring",
    ),
    (
        "Dishub",
        "Aplikasi uji kendaraan bermotor",
        "Hasil uji masih dicatat di kertas",
        1,
        "aplikasi",
        2027,
        300_000_000,
        90,
        None,
    ),
    (
        "Disdikbud",
        "Laboratorium komputer sekolah dasar",
        "Ujian berbasis komputer tingkat SD",
        10,
        "sekolah",
        2027,
        1_500_000_000,
        60,
        "defer",
    ),
    (
        "Bag. Organisasi",
        "Aplikasi pemetaan proses bisnis",
        "Peta proses bisnis masih di lembar kerja",
        1,
        "aplikasi",
        2026,
        75_000_000,
        120,
        "Penyusunan proses bisnis seluruh PD",
    ),
]


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@transaction.atomic
def build(stdout=None):
    gov = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if gov is None:
        return
    if Architecture.objects.filter(government=gov).exists():
        if stdout:
            stdout.write("  perencanaan demo sudah ada: dipakai ulang")
        return
    references.sync_national()
    User = get_user_model()
    kominfo = User.objects.filter(username="kominfo").first()
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    hukum = agencies["Bag. Hukum"]
    national = {(r.kind, r.code): r for r in ReferenceModel.objects.filter(government__isnull=True)}

    def decree(number, date, title):
        return Decree.objects.create(
            agency=hukum, kind=DecreeKind.REGENT, number=number, date=date, title=title, classification="open"
        )

    arch_decree = decree(
        "188.45/0411/2025", datetime.date(2025, 7, 21), "Arsitektur SPBE Kabupaten Parigi Moutong 2025-2029"
    )
    roadmap_decree = decree(
        "188.45/0412/2025", datetime.date(2025, 7, 21), "Peta Rencana SPBE Kabupaten Parigi Moutong 2025-2029"
    )
    process_decree = decree("188.45/0530/2025", datetime.date(2025, 9, 8), "Proses Bisnis Pemerintah Daerah")

    architecture = Architecture.objects.create(
        government=gov,
        title="Arsitektur SPBE Kabupaten Parigi Moutong",
        start_year=START,
        end_year=END,
        status=DocumentStatus.SET,
        decree=arch_decree,
        description="Disusun berpedoman pada Arsitektur SPBE Nasional dan RPJMD 2025-2029.",
        created_by=kominfo,
    )
    from .choices import DOMAIN_REFERENCE

    items = {}
    for domain, code, local, name, agency, fields in ARCHITECTURE_ITEMS:
        items[local] = ArchitectureItem.objects.create(
            architecture=architecture,
            domain=domain,
            code=local,
            name=name,
            reference=national[(DOMAIN_REFERENCE[domain], code)],
            level=3,
            agency=agencies[agency],
            sia_fields=fields,
            created_by=kominfo,
        )
    ArchitectureItem.objects.create(
        architecture=architecture,
        domain=ArchitectureDomain.BUSINESS_PROCESS,
        code="PB.09.02.01.01",
        name="Penatausahaan belanja",
        reference=national[("RAB", "09.02")],
        level=4,
        parent=items["PB.09.02.01"],
        agency=agencies["BPKAD"],
        created_by=kominfo,
    )

    roadmap = Roadmap.objects.create(
        government=gov,
        architecture=architecture,
        title="Peta Rencana SPBE Kabupaten Parigi Moutong",
        start_year=START,
        end_year=END,
        status=DocumentStatus.SET,
        decree=roadmap_decree,
        created_by=kominfo,
    )
    activities = {}
    for year, area, programme, activity, agency, target, status, progress in ROADMAP_ITEMS:
        activities[activity] = RoadmapItem.objects.create(
            roadmap=roadmap,
            area=area,
            year=year,
            programme=programme,
            activity=activity,
            agency=agencies[agency],
            target=target,
            status=status,
            progress=progress,
            created_by=kominfo,
        )

    for agency, year, title, purpose, source, planned, realised, activity in BUDGET_LINES:
        BudgetLine.objects.create(
            agency=agencies[agency],
            fiscal_year=year,
            title=title,
            purpose=purpose,
            funding_source=source,
            planned=Decimal(planned),
            realised=Decimal(realised),
            roadmap_item=activities.get(activity) if activity else None,
            created_by=kominfo,
        )

    services_by_name = {}
    for agency, name, kind, area, users, integration, ral in SERVICES:
        services_by_name[name] = Service.objects.create(
            agency=agencies[agency],
            name=name,
            kind=kind,
            area=area,
            users=users,
            integration_status=integration,
            reference=national.get(("RAL", ral)) if ral else None,
            created_by=kominfo,
        )

    for agency, code, name, rab, steps, reviewed_months_ago in BUSINESS_PROCESSES:
        process = BusinessProcess.objects.create(
            agency=agencies[agency],
            code=code,
            name=name,
            steps=steps,
            reference=national[("RAB", rab)],
            decree=process_decree,
            created_by=kominfo,
        )
        process.services.set([services_by_name[n] for n in PROCESS_SERVICES.get(code, [])])
        if reviewed_months_ago is not None:
            Review.objects.create(
                government=gov,
                document=ReviewedDocument.BUSINESS_PROCESS,
                business_process=process,
                agency=process.agency,
                date=_ago(reviewed_months_ago * 30),
                reasons=[ReviewReason.PROCESS_MONITORING, ReviewReason.SERVICE_IMPROVEMENT],
                outcome=f"Proses {name} masih sesuai; dua langkah dapat digabung.",
                follow_up="Bagian Organisasi memperbarui peta proses bisnis.",
                created_by=kominfo,
            )

    Review.objects.create(
        government=gov,
        document=ReviewedDocument.ARCHITECTURE,
        architecture=architecture,
        date=_ago(95),
        reasons=[ReviewReason.MONITORING, ReviewReason.SPBE_ELEMENTS],
        outcome="Domain layanan perlu menambah layanan adminduk daring; domain lain masih sesuai.",
        follow_up="Diteruskan kepada Tim Koordinasi SPBE untuk ditindaklanjuti.",
        created_by=kominfo,
    )
    Review.objects.create(
        government=gov,
        document=ReviewedDocument.ROADMAP,
        roadmap=roadmap,
        date=_ago(60),
        reasons=[ReviewReason.CIRCUMSTANCES, ReviewReason.MONITORING],
        outcome="Layanan adminduk daring terlambat; kegiatan 2026 dijadwalkan ulang.",
        follow_up="Disdukcapil menyusun rencana percepatan.",
        created_by=kominfo,
    )

    for agency, title, reason, quantity, unit, year, cost, days, decision in NEEDS:
        need = AgencyNeed.objects.create(
            agency=agencies[agency],
            title=title,
            reason=reason,
            quantity=quantity,
            unit=unit,
            target_year=max(year, _ago(days).year),
            estimated_cost=Decimal(cost),
            submitted_on=_ago(days),
            created_by=kominfo,
        )
        if decision == "defer" and kominfo:
            services.agency_need_defer(
                need=need, user=kominfo, note="Dijadwalkan pada siklus anggaran berikutnya."
            )
        elif decision and kominfo:
            services.agency_need_consolidate(
                need=need,
                roadmap_item=activities[decision],
                user=kominfo,
                note="Sejalan dengan peta rencana.",
            )

    if stdout:
        stdout.write(
            f"  arsitektur dan peta rencana {START}-{END}, {len(ROADMAP_ITEMS)} kegiatan, "
            f"{len(BUDGET_LINES)} pos anggaran, {len(BUSINESS_PROCESSES)} proses bisnis, "
            f"{len(SERVICES)} layanan SPBE, {len(NEEDS)} kebutuhan TIK PD "
            f"({AgencyNeed.objects.filter(status=NeedStatus.CONSOLIDATED).count()} dikonsolidasikan)"
        )
