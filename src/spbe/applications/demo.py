"""Demo applications for the demo regency (Parigi Moutong): a realistic catalogue across agencies
with documents present and missing, closed-source applications with and without the ICT office's
technical consideration, duplicates of national common applications (undecided, refused, granted),
releases in the repository, integrations, and one address outside the government's domain.

Idempotent: a second run finds the applications and leaves them.
"""

import datetime
import hashlib
import io
import re
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from spbe.core import approvals
from spbe.org.models import Agency, Government

from . import services
from .choices import (
    ApplicationKind,
    ApplicationStatus,
    CommonField,
    DeveloperKind,
    DocumentType,
    IntegrationMethod,
    LifecycleStage,
    SourceModel,
)
from .models import (
    Application,
    ApplicationDocument,
    ApplicationIntegration,
    ApplicationRelease,
    CommonApplication,
)

K, U = ApplicationKind.SPECIFIC, ApplicationKind.COMMON
OPEN, CLOSED = SourceModel.OPEN, SourceModel.CLOSED
INH, ICT, TP, NAT = (
    DeveloperKind.IN_HOUSE,
    DeveloperKind.ICT_OFFICE,
    DeveloperKind.THIRD_PARTY,
    DeveloperKind.NATIONAL,
)
PROD, DEV, PLAN = ApplicationStatus.PRODUCTION, ApplicationStatus.IN_DEVELOPMENT, ApplicationStatus.PLANNED
D = "parigimoutongkab.go.id"

ALL_DOCS = "all"  # every document the regulation asks for
# Which documents each application has (None: none at all).
SOME = [DocumentType.REQUIREMENTS, DocumentType.USER_MANUAL]

# (agency short name, name, purpose, kind, field, source, developer, status, address, extra)
APPS = [
    (
        "Diskominfo",
        "Portal Resmi Pemerintah Kabupaten",
        "Situs web resmi: berita, profil daerah, agenda dan pengumuman.",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://{D}",
        {"docs": ALL_DOCS, "release": "3.2.0"},
    ),
    (
        "Diskominfo",
        "Portal Satu Data Parigi Moutong",
        "Portal data terbuka (CKAN) untuk dataset perangkat daerah.",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://data.{D}",
        {"docs": ALL_DOCS, "release": "2.10.4", "licence": "AGPL-3.0"},
    ),
    (
        "Diskominfo",
        "e-Office Parigi Moutong",
        "Persuratan dan naskah dinas elektronik antar perangkat daerah, disposisi dan arsip surat.",
        K,
        "records",
        OPEN,
        ICT,
        PROD,
        f"https://eoffice.{D}",
        {"docs": SOME},
    ),
    (
        "Diskominfo",
        "Sistem Penghubung Layanan",
        "Gerbang API pertukaran data antar aplikasi pemerintah daerah.",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://api.{D}",
        {"docs": ALL_DOCS, "release": "1.4.0"},
    ),
    (
        "Diskominfo",
        "SSO Pemda Parigi Moutong",
        "Satu akun untuk semua aplikasi pemerintah daerah (OpenID Connect).",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://sso.{D}",
        {"docs": ALL_DOCS, "release": "1.1.0"},
    ),
    (
        "Diskominfo",
        "Helpdesk TIK",
        "Service desk tier 2: tiket gangguan dan permintaan layanan TIK.",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://helpdesk.{D}",
        {"docs": SOME},
    ),
    (
        "Diskominfo",
        "Portal PPID",
        "Layanan informasi publik PPID utama dan pembantu.",
        K,
        "other",
        OPEN,
        ICT,
        PROD,
        f"https://ppid.{D}",
        {"docs": ALL_DOCS, "release": "2.0.1"},
    ),
    (
        "Bag. Umum",
        "SRIKANDI",
        "Pemakaian SRIKANDI untuk naskah dinas di Sekretariat Daerah.",
        U,
        "records",
        CLOSED,
        NAT,
        PROD,
        "https://srikandi.arsip.go.id",
        {"common": "SRIKANDI", "licence": "Hak pakai dari ANRI"},
    ),
    (
        "Bag. Hukum",
        "JDIH Parigi Moutong",
        "Jaringan Dokumentasi dan Informasi Hukum: peraturan daerah, peraturan bupati, keputusan.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://jdih.{D}",
        {"docs": ALL_DOCS, "release": "1.8.2", "consult": True},
    ),
    (
        "Bag. PBJ",
        "SPSE (LPSE Parigi Moutong)",
        "Pemakaian SPSE LKPP untuk tender dan pengadaan barang/jasa daerah.",
        U,
        "procurement",
        OPEN,
        NAT,
        PROD,
        f"https://lpse.{D}",
        {"common": "SPSE"},
    ),
    (
        "Bappeda",
        "SIPD Perencanaan",
        "Pemakaian SIPD untuk RKPD dan renja perangkat daerah.",
        U,
        "planning",
        CLOSED,
        NAT,
        PROD,
        "https://sipd.kemendagri.go.id",
        {"common": "SIPD", "licence": "Hak pakai dari Kemendagri"},
    ),
    (
        "Bappeda",
        "e-Monev Pembangunan",
        "Pemantauan dan evaluasi realisasi fisik dan keuangan kegiatan pembangunan; data diambil dari SIPD.",
        K,
        "monitoring",
        OPEN,
        INH,
        PROD,
        f"https://emonev.{D}",
        {"docs": ALL_DOCS, "release": "1.3.0", "consult": True, "duplicate": "granted"},
    ),
    (
        "BKPSDM",
        "SIMPEG Daerah",
        "Sistem informasi kepegawaian daerah: riwayat jabatan, pangkat dan cuti, tersinkron dengan SI-ASN.",
        K,
        "personnel",
        OPEN,
        TP,
        PROD,
        f"https://simpeg.{D}",
        {
            "docs": ALL_DOCS,
            "release": "4.0.2",
            "consult": True,
            "duplicate": "granted",
            "contract": "027/05/SPK/BKPSDM/2023",
        },
    ),
    (
        "BKPSDM",
        "e-Kinerja ASN",
        "Penilaian kinerja pegawai bulanan dan tambahan penghasilan.",
        K,
        "personnel",
        CLOSED,
        TP,
        PROD,
        f"https://ekinerja.{D}",
        {
            "docs": SOME,
            "consult": True,
            "duplicate": "pending",
            "contract": "027/11/SPK/BKPSDM/2024",
            "licence": "Lisensi berlangganan tahunan",
        },
    ),
    (
        "BKPSDM",
        "SI-ASN",
        "Pemakaian SI-ASN BKN untuk layanan kepegawaian nasional.",
        U,
        "personnel",
        CLOSED,
        NAT,
        PROD,
        "https://siasn.bkn.go.id",
        {"common": "SI-ASN", "licence": "Hak pakai dari BKN"},
    ),
    (
        "BKPSDM",
        "Presensi Online ASN",
        "Presensi harian pegawai dengan swafoto dan lokasi.",
        K,
        "other",
        CLOSED,
        TP,
        PROD,
        f"https://presensi.{D}",
        {
            "docs": ALL_DOCS,
            "consult": True,
            "consider": "granted",
            "contract": "027/02/SPK/BKPSDM/2024",
            "licence": "Lisensi perpetual, 1.500 pengguna",
        },
    ),
    (
        "BPKAD",
        "SIPD Penatausahaan Keuangan",
        "Pemakaian SIPD untuk penatausahaan dan akuntansi keuangan daerah.",
        U,
        "budgeting",
        CLOSED,
        NAT,
        PROD,
        "https://sipd.kemendagri.go.id",
        {"common": "SIPD", "licence": "Hak pakai dari Kemendagri"},
    ),
    (
        "BPKAD",
        "SIMDA BMD",
        "Penatausahaan barang milik daerah (aplikasi BPKP).",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "",
        {"licence": "Hak pakai dari BPKP"},
    ),
    (
        "Bapenda",
        "SIMPATDA",
        "Pendataan, penetapan dan pembayaran pajak daerah.",
        K,
        "other",
        CLOSED,
        TP,
        PROD,
        f"https://pajak.{D}",
        {
            "docs": SOME,
            "consult": True,
            "consider": "none",
            "contract": "973/04/SPK/Bapenda/2022",
            "licence": "Lisensi per pengguna",
        },
    ),
    (
        "Bapenda",
        "e-BPHTB",
        "Pelaporan dan validasi BPHTB oleh PPAT.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://bphtb.{D}",
        {
            "docs": [DocumentType.REQUIREMENTS, DocumentType.SOURCE_CODE],
            "release": "1.0.5",
            "consult": True,
            "contract": "973/09/SPK/Bapenda/2023",
        },
    ),
    (
        "Inspektorat",
        "e-Audit Inspektorat",
        "Perencanaan, pelaksanaan dan tindak lanjut hasil pengawasan internal.",
        K,
        "other",
        OPEN,
        INH,
        DEV,
        f"https://eaudit.{D}",
        {"consult": True},
    ),
    (
        "Inspektorat",
        "Whistleblowing System",
        "Pelaporan dugaan pelanggaran oleh aparatur secara rahasia.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://wbs.{D}",
        {"docs": ALL_DOCS, "release": "1.0.0", "consult": True},
    ),
    (
        "Dinkes",
        "SIMPUS",
        "Sistem informasi puskesmas: pendaftaran, rekam medis, farmasi dan laporan.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://simpus.{D}",
        {"docs": SOME, "release": "2.3.1", "consult": True, "contract": "440/15/SPK/Dinkes/2023"},
    ),
    (
        "Dinkes",
        "Sehat Parimo",
        "Informasi layanan kesehatan dan jadwal posyandu untuk masyarakat.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        "https://sehatparimo.id",
        {"docs": ALL_DOCS, "release": "1.2.0", "consult": True},
    ),
    (
        "RSUD",
        "SIMRS RSUD Anuntaloko",
        "Sistem informasi manajemen rumah sakit: pendaftaran, rawat jalan, rawat inap, billing BPJS.",
        K,
        "other",
        CLOSED,
        TP,
        PROD,
        f"https://simrs.rsud.{D}",
        {
            "docs": ALL_DOCS,
            "consult": True,
            "consider": "granted",
            "contract": "445/21/SPK/RSUD/2023",
            "licence": "Lisensi perpetual rumah sakit",
        },
    ),
    (
        "RSUD",
        "Antrean Online RSUD",
        "Pendaftaran dan antrean poliklinik dari ponsel.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://antrean.rsud.{D}",
        {"docs": SOME, "release": "0.9.0"},
    ),
    (
        "Disdukcapil",
        "SIAK Terpusat",
        "Pemakaian SIAK Kemendagri untuk pencatatan kependudukan.",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "",
        {"licence": "Hak pakai dari Ditjen Dukcapil"},
    ),
    (
        "Disdukcapil",
        "Dukcapil Online",
        "Permohonan dokumen kependudukan secara daring.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://dukcapil.{D}",
        {"docs": ALL_DOCS, "release": "2.1.0", "consult": "pending"},
    ),
    (
        "DPMPTSP",
        "e-Perizinan",
        "Permohonan dan penerbitan izin non-OSS secara daring.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://perizinan.{D}",
        {"docs": ALL_DOCS, "release": "3.0.0", "consult": True, "contract": "503/03/SPK/DPMPTSP/2024"},
    ),
    (
        "DPMPTSP",
        "OSS RBA",
        "Pemakaian OSS berbasis risiko (Kementerian Investasi).",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "https://oss.go.id",
        {"licence": "Hak pakai nasional"},
    ),
    (
        "Disdikbud",
        "Dapodik",
        "Pemakaian Dapodik Kemendikdasmen untuk data pokok pendidikan.",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "",
        {"licence": "Hak pakai nasional"},
    ),
    (
        "Disdikbud",
        "PPDB Online",
        "Penerimaan peserta didik baru SD dan SMP.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://ppdb.{D}",
        {"docs": ALL_DOCS, "release": "2024.1", "consult": True, "contract": "420/07/SPK/Disdikbud/2024"},
    ),
    (
        "Dinsos",
        "SIKS-NG",
        "Pemakaian SIKS-NG Kemensos untuk pemutakhiran DTKS.",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "",
        {"licence": "Hak pakai nasional"},
    ),
    (
        "Dinsos",
        "SIDATA Sosial",
        "Basis data penerima bantuan sosial daerah.",
        K,
        "other",
        OPEN,
        INH,
        PLAN,
        "",
        {"consult": True},
    ),
    (
        "DPUPR",
        "SIM Jalan dan Jembatan",
        "Peta dan kondisi ruas jalan serta jembatan kabupaten.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://simjalan.{D}",
        {"docs": SOME, "consult": True},
    ),
    (
        "Dishub",
        "e-KIR",
        "Pengujian berkala kendaraan bermotor.",
        K,
        "other",
        CLOSED,
        TP,
        PROD,
        f"https://ekir.{D}",
        {
            "consult": True,
            "consider": "none",
            "contract": "551/02/SPK/Dishub/2022",
            "licence": "Lisensi per lokasi uji",
        },
    ),
    (
        "DLH",
        "Bank Sampah Parimo",
        "Pencatatan setoran dan tabungan bank sampah.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://banksampah.{D}",
        {"docs": ALL_DOCS, "release": "1.0.2", "consult": True},
    ),
    (
        "Dispusip",
        "INLISLite",
        "Otomasi perpustakaan daerah (aplikasi Perpustakaan Nasional).",
        K,
        "other",
        OPEN,
        NAT,
        PROD,
        f"https://perpustakaan.{D}",
        {},
    ),
    (
        "Satpol PP",
        "Pengaduan Trantib",
        "Pengaduan masyarakat tentang ketertiban umum.",
        K,
        "complaints",
        OPEN,
        INH,
        PROD,
        f"https://trantib.{D}",
        {"docs": SOME, "consult": True, "duplicate": "refused"},
    ),
    (
        "DPMD",
        "Siskeudes",
        "Pemakaian Siskeudes (BPKP) untuk keuangan desa.",
        K,
        "other",
        CLOSED,
        NAT,
        PROD,
        "",
        {"licence": "Hak pakai dari BPKP"},
    ),
    (
        "DPMD",
        "Sistem Informasi Desa",
        "Profil, administrasi dan layanan surat desa (berbasis OpenSID).",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://sid.{D}",
        {
            "docs": ALL_DOCS,
            "release": "24.05",
            "consult": True,
            "contract": "414/06/SPK/DPMD/2024",
            "licence": "GPL-3.0",
        },
    ),
    (
        "Disperindag",
        "SIPASAR",
        "Informasi harga bahan pokok di pasar daerah.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://hargapasar.{D}",
        {"consult": True},
    ),
    (
        "Dispar",
        "Portal Wisata Parimo",
        "Promosi destinasi, kalender acara dan direktori usaha wisata.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://wisata.{D}",
        {"docs": ALL_DOCS, "consult": True, "contract": "556/01/SPK/Dispar/2024"},
    ),
    (
        "Disnaker",
        "Bursa Kerja Online",
        "Lowongan kerja dan pencari kerja daerah.",
        K,
        "other",
        OPEN,
        INH,
        PLAN,
        "",
        {"consult": "refused"},
    ),
    (
        "BPBD",
        "Peringatan Dini Banjir",
        "Sensor tinggi muka air sungai dan pesan peringatan.",
        K,
        "other",
        CLOSED,
        TP,
        DEV,
        f"https://ews.{D}",
        {
            "consult": True,
            "consider": "none",
            "contract": "360/03/SPK/BPBD/2025",
            "licence": "Lisensi perangkat lunak sensor",
        },
    ),
    (
        "Bag. Prokopim",
        "Media Center",
        "Rilis berita, galeri dan siaran pers pimpinan daerah.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://mediacenter.{D}",
        {"docs": ALL_DOCS, "release": "1.5.0", "consult": True},
    ),
    (
        "Setwan",
        "e-Parlemen DPRD",
        "Jadwal sidang, produk hukum dan aspirasi DPRD.",
        K,
        "other",
        OPEN,
        TP,
        PROD,
        f"https://dprd.{D}",
        {"docs": SOME, "consult": True, "contract": "170/04/SPK/Setwan/2024"},
    ),
    (
        "DKP",
        "SI Perikanan",
        "Data nelayan, kapal dan produksi perikanan.",
        K,
        "other",
        OPEN,
        INH,
        PLAN,
        "",
        {},
    ),
    (
        "Kec. Parigi",
        "Layanan Kecamatan Parigi",
        "Surat keterangan dan layanan administrasi kecamatan.",
        K,
        "other",
        OPEN,
        INH,
        PROD,
        f"https://kecparigi.{D}",
        {"docs": SOME, "consult": True},
    ),
]

# (source, target, method, description)
INTEGRATIONS = [
    ("SIMPEG Daerah", "SI-ASN", IntegrationMethod.API, "Sinkronisasi data ASN harian"),
    ("e-Kinerja ASN", "SIMPEG Daerah", IntegrationMethod.API, "Data jabatan dan atasan langsung"),
    ("Presensi Online ASN", "SIMPEG Daerah", IntegrationMethod.DATABASE, "Daftar pegawai aktif"),
    (
        "e-Kinerja ASN",
        "Presensi Online ASN",
        IntegrationMethod.API,
        "Rekap kehadiran untuk tambahan penghasilan",
    ),
    ("e-Office Parigi Moutong", "SRIKANDI", IntegrationMethod.API, "Pengiriman naskah ke instansi pusat"),
    ("e-Office Parigi Moutong", "SSO Pemda Parigi Moutong", IntegrationMethod.SSO, "Masuk dengan akun pemda"),
    ("SIMPEG Daerah", "SSO Pemda Parigi Moutong", IntegrationMethod.SSO, "Masuk dengan akun pemda"),
    ("e-Kinerja ASN", "SSO Pemda Parigi Moutong", IntegrationMethod.SSO, "Masuk dengan akun pemda"),
    (
        "Dukcapil Online",
        "SIAK Terpusat",
        IntegrationMethod.HUB,
        "Verifikasi NIK lewat Sistem Penghubung Layanan",
    ),
    ("e-Perizinan", "OSS RBA", IntegrationMethod.HUB, "Status perizinan berusaha"),
    ("SIMPUS", "SIMRS RSUD Anuntaloko", IntegrationMethod.HUB, "Rujukan pasien puskesmas ke RSUD"),
    ("Portal Resmi Pemerintah Kabupaten", "Portal PPID", IntegrationMethod.API, "Daftar informasi publik"),
    ("e-Monev Pembangunan", "SIPD Perencanaan", IntegrationMethod.FILE, "Unduhan rencana kegiatan"),
    (
        "e-Monev Pembangunan",
        "Portal Satu Data Parigi Moutong",
        IntegrationMethod.API,
        "Publikasi capaian pembangunan",
    ),
    ("e-BPHTB", "SIMPATDA", IntegrationMethod.DATABASE, "Data objek pajak"),
    ("Sistem Informasi Desa", "Siskeudes", IntegrationMethod.FILE, "Impor APBDes"),
]


def _pdf(text: str) -> bytes:
    return f"%PDF-1.4\n% {text}\n%%EOF\n".encode()


def _archive(name: str, version: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.md", f"# {name} {version}\n\nKode sumber yang diserahkan ke repositori pemda.\n"
        )
        archive.writestr("src/app.py", f'"""{name}"""\n\nVERSION = "{version}"\n')
    return buffer.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _decide(request, reviewer, approve: bool, reason: str):
    approvals.approval_decide(request=request, user=reviewer, approve=approve, reason=reason)


def _link_services(app: Application) -> None:
    """Link the application to the planning module's services of its agency whose names share
    a word with it (the planning demo may or may not have made any)."""
    service_model = Application._meta.get_field("services").related_model
    services_of_agency = list(service_model.objects.filter(agency=app.agency))
    if not services_of_agency:
        return
    words = {w for w in re.findall(r"[a-z]{5,}", f"{app.name} {app.purpose}".lower())}
    chosen = [s for s in services_of_agency if words & set(re.findall(r"[a-z]{5,}", s.name.lower()))]
    if chosen:
        app.services.set(chosen[:3])


@transaction.atomic
def build(stdout=None):
    gov = Government.objects.filter(domain=D).first()
    if gov is None:
        return
    if Application.objects.filter(agency__government=gov).exists():
        if stdout:
            stdout.write("  aplikasi demo sudah ada: dipakai ulang")
        return
    services.common_applications_load()
    User = get_user_model()
    admin = User.objects.get(username="admin")
    reviewer = User.objects.get(username="kominfo")
    requesters = {"Dinkes": "admin.dinkes", "RSUD": "admin.dinkes", "Disdukcapil": "admin.disdukcapil"}
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    commons = {c.name: c for c in CommonApplication.objects.all()}
    required = [
        DocumentType.REQUIREMENTS,
        DocumentType.USER_MANUAL,
        DocumentType.SOURCE_CODE,
        DocumentType.LIFECYCLE_RECORD,
        DocumentType.ARCHITECTURE_DESIGN,
    ]
    by_name: dict[str, Application] = {}
    counts = {"documents": 0, "releases": 0, "decisions": 0}
    for short, name, purpose, kind, field, source, developer, status, address, extra in APPS:
        agency = agencies[short]
        requester = User.objects.get(username=requesters.get(short, "admin"))
        app = Application(
            agency=agency,
            operator=agencies["Diskominfo"] if developer == ICT and short != "Diskominfo" else None,
            name=name,
            purpose=purpose,
            kind=kind,
            common_field=CommonField(field),
            common_application=commons.get(extra.get("common", "")),
            address=address,
            source_model=source,
            licence=extra.get("licence", ""),
            developer_kind=developer,
            developer_name={
                TP: "CV Sinar Teknologi Sulawesi",
                NAT: "Pemerintah pusat",
                ICT: "Bidang Aplikasi Informatika, Diskominfo",
            }.get(developer, f"Tim TIK {short}"),
            contract_number=extra.get("contract", ""),
            source_handover_clause=bool(extra.get("contract")) and source == OPEN,
            lifecycle_stage={
                PROD: LifecycleStage.MAINTENANCE,
                DEV: LifecycleStage.IMPLEMENTATION,
                PLAN: LifecycleStage.PLANNING,
            }[status],
            status=status,
            uses_sso=name in ("e-Office Parigi Moutong", "SIMPEG Daerah", "e-Kinerja ASN"),
            classification="limited",
            created_by=requester,
        )
        app.full_clean()
        app.save()
        by_name[name] = app
        _link_services(app)
        docs = extra.get("docs")
        if docs:
            for doc_type in required if docs == ALL_DOCS else docs:
                content = _pdf(f"{doc_type.label} {name}")
                doc = ApplicationDocument(
                    application=app,
                    doc_type=doc_type,
                    title=f"{doc_type.label} {name}",
                    sha256=hashlib.sha256(content).hexdigest(),
                    document_version="1.0",
                    created_by=requester,
                )
                doc.file.save(f"{_slug(name)}-{doc_type.value}.pdf", ContentFile(content), save=False)
                doc.save()
                counts["documents"] += 1
        if extra.get("release"):
            version = extra["release"]
            content = _archive(name, version)
            release = ApplicationRelease(
                application=app,
                release_version=version,
                release_date=datetime.date(2025, 1, 6) + datetime.timedelta(days=17 * len(by_name)),
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                delivered_by=app.developer_name,
                received_by=reviewer,
                copyright_holder=gov.name,
                created_by=reviewer,
            )
            release.source_archive.save(f"{_slug(name)}-{version}.zip", ContentFile(content), save=False)
            release.save()
            counts["releases"] += 1

        consult = extra.get("consult")
        if consult:
            request = services.consultation_submit(
                application=app,
                user=requester,
                note=f"Rencana pengembangan {name}: kebutuhan, proses bisnis dan integrasinya terlampir.",
            )
            if consult is True:
                _decide(
                    request,
                    reviewer,
                    True,
                    "Sesuai Arsitektur SPBE; wajib memakai SSO dan Sistem Penghubung Layanan.",
                )
            elif consult == "refused":
                _decide(
                    request,
                    reviewer,
                    False,
                    "Gunakan layanan nasional yang sudah ada; ajukan lagi bila ada kebutuhan khusus daerah.",
                )
            counts["decisions"] += 1
        consider = extra.get("consider")
        if consider == "granted":
            request = services.technical_consideration_submit(
                application=app,
                user=requester,
                note="Tidak ada padanan kode sumber terbuka yang memenuhi kebutuhan; lisensi dan ekspor data terjamin.",
            )
            _decide(
                request,
                reviewer,
                True,
                "Lisensi sah, data dapat diekspor; ditinjau ulang saat kontrak berakhir.",
            )
            counts["decisions"] += 1
        duplicate = extra.get("duplicate")
        if duplicate:
            request = services.duplicate_decision_submit(
                application=app,
                user=requester,
                note="Aplikasi daerah ini melengkapi Aplikasi Umum nasional dan terhubung dengannya.",
            )
            if duplicate == "granted":
                _decide(
                    request,
                    reviewer,
                    True,
                    "Boleh: hanya melengkapi dan tersinkron dengan aplikasi nasional.",
                )
            elif duplicate == "refused":
                _decide(
                    request,
                    reviewer,
                    False,
                    "Pengaduan masyarakat wajib melalui SP4N-LAPOR!; alihkan kanal ini.",
                )
            counts["decisions"] += 1

    for source, target, method, description in INTEGRATIONS:
        ApplicationIntegration.objects.create(
            source=by_name[source],
            target=by_name[target],
            method=method,
            description=description,
            created_by=admin,
        )
    if stdout:
        stdout.write(
            f"  {len(by_name)} aplikasi, {counts['documents']} dokumen, {counts['releases']} rilis di repositori, "
            f"{len(INTEGRATIONS)} integrasi, {counts['decisions']} permohonan ke Dinas Kominfo"
        )
