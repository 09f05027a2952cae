"""The metadata fields of the national architecture portal (SIA SPBE, arsitektur.spbe.go.id), per
architecture domain, as its manual names them. `ArchitectureItem.sia_fields` holds values keyed by
these names, and the architecture export writes them as columns so they can be keyed into the portal.

The portal's enumerations (e.g. the values of Sifat Data) are not published in its manual, so values
are free text here.
"""

from django.utils.translation import gettext as _

from .choices import ArchitectureDomain

OBJECT = "Objek"

# Fields common to every object of a domain, after the ID (which is the item's code).
DOMAIN_FIELDS: dict[str, tuple[str, ...]] = {
    ArchitectureDomain.BUSINESS_PROCESS: ("Uraian",),
    ArchitectureDomain.DATA: (
        "Uraian",
        "Tujuan",
        "Sifat Data",
        "Jenis Data",
        "Validitas Data",
        "Produsen Data",
        "Wali Data",
        "Informasi Terkait",
        "Interoperabilitas",
    ),
    ArchitectureDomain.SERVICE: (
        "Tujuan",
        "Fungsi",
        "Kementerian/Lembaga Terkait",
        "Urusan Pemerintahan Terkait",
        "Target Layanan",
        "Metode Layanan",
        "Potensi Manfaat",
        "Potensi Ekonomi",
        "Unit Pelaksana",
        "Potensi Risiko",
        "Mitigasi Risiko",
    ),
    ArchitectureDomain.APPLICATION: (
        "Uraian/Deskripsi",
        "Fungsi",
        "Luaran",
        "Basis Aplikasi",
        "Tipe Lisensi Aplikasi",
        "Basis Data",
    ),
}

# Infrastructure and security have several kinds of object, each with its own attributes.
OBJECT_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    ArchitectureDomain.INFRASTRUCTURE: {
        "Komputasi Awan": (
            "Uraian/Deskripsi",
            "Tipe Government Cloud",
            "Status Kepemilikan",
            "Nama Pemilik",
            "Biaya Layanan",
        ),
        "Perangkat Keras Server": (
            "Uraian/Deskripsi",
            "Jenis Penggunaan Server",
            "Status Kepemilikan",
            "Nama Pemilik",
            "Kapasitas Memori",
            "Jenis Teknologi Prosesor",
            "Kapasitas Penyimpanan",
        ),
        "Perangkat Keras Periferal": ("Uraian/Deskripsi", "Tipe Periferal"),
        "Perangkat Keras Media Penyimpanan": (
            "Uraian/Deskripsi",
            "Status Kepemilikan",
            "Nama Pemilik",
            "Kapasitas Penyimpanan",
            "Metode Akses Data Sharing",
        ),
        "Perangkat Keras Jaringan": (
            "Uraian/Deskripsi",
            "Tipe Network/Communication Device",
            "Status Kepemilikan",
            "Nama Pemilik",
        ),
        "Perangkat Keras Keamanan": (
            "Uraian/Deskripsi",
            "Tipe Security Device",
            "Status Kepemilikan",
            "Nama Pemilik",
        ),
        "Perangkat Lunak Platform (Sistem Operasi)": (
            "Uraian/Deskripsi",
            "Jenis Sistem Operasi",
            "Jenis Lisensi",
            "Nama Pemilik",
            "Validitas Lisensi Perangkat Lunak",
        ),
        "Perangkat Lunak Platform (Sistem Database)": (
            "Uraian/Deskripsi",
            "Jenis Sistem Database",
            "Jenis Lisensi",
            "Nama Pemilik",
            "Validitas Lisensi Perangkat Lunak",
        ),
        "Perangkat Lunak Platform (Sistem Utilitas)": (
            "Uraian/Deskripsi",
            "Jenis Sistem Utilitas",
            "Jenis Lisensi",
            "Nama Pemilik",
            "Validitas Lisensi Perangkat Lunak",
        ),
        "Jaringan Intra Pemerintah": (
            "Uraian/Deskripsi",
            "Jenis Jaringan",
            "Status Kepemilikan",
            "Nama Pemilik",
            "Tipe Media Jaringan",
        ),
        "Sistem Penghubung Layanan Pemerintah": (
            "Uraian/Deskripsi",
            "Jenis Sistem Penghubung",
            "Nama Pemilik",
        ),
        "Fasilitas Komputasi": (
            "Bandwidth Intranet",
            "Bandwidth Internet",
            "Lokasi",
            "Kepemilikan",
            "Klasifikasi Tier",
            "Sistem Pengamanan",
        ),
    },
    ArchitectureDomain.SECURITY: {
        "Standar, Prosedur, dan Regulasi Keamanan": (
            "Uraian/Deskripsi",
            "Tanggal Mulai Penerapan",
            "Tanggal Akhir Penerapan",
        ),
        "Edukasi Kesadaran Keamanan": ("Uraian/Deskripsi", "Tanggal Kegiatan"),
        "Identifikasi Kerentanan Keamanan": ("Uraian/Deskripsi", "Tanggal Kegiatan"),
        "Peningkatan Keamanan": ("Uraian/Deskripsi", "Tanggal Kegiatan", "Nilai Kematangan"),
        "Penanganan Insiden Keamanan": ("Uraian/Deskripsi", "Tanggal Kegiatan", "Nilai Kematangan"),
        "Audit Keamanan": (
            "Hasil Audit Keamanan",
            "Jenis Audit Keamanan",
            "Tanggal Kegiatan",
            "Tindak Lanjut Audit Keamanan",
        ),
        "Kelaikan Keamanan": ("Tanggal Kegiatan",),
    },
}

SHEET_TITLES = {
    ArchitectureDomain.BUSINESS_PROCESS: "Proses Bisnis",
    ArchitectureDomain.DATA: "Data dan Informasi",
    ArchitectureDomain.SERVICE: "Layanan",
    ArchitectureDomain.APPLICATION: "Aplikasi",
    ArchitectureDomain.INFRASTRUCTURE: "Infrastruktur",
    ArchitectureDomain.SECURITY: "Keamanan",
}

# The SIA portal records the reference path of an object down to level 7.
REFERENCE_LEVELS = range(1, 8)


def fields_for(domain: str) -> tuple[str, ...]:
    """Every SIA field an item of the domain may carry, in the portal's order (without ID)."""
    if domain in DOMAIN_FIELDS:
        return DOMAIN_FIELDS[domain]
    names: list[str] = [OBJECT]
    for attributes in OBJECT_FIELDS.get(domain, {}).values():
        names += [a for a in attributes if a not in names]
    return tuple(names)


def reference_columns(kind: str) -> list[str]:
    return [f"{kind} Level {level}" for level in REFERENCE_LEVELS]


def sheet_columns(domain: str, kind: str) -> list[str]:
    """The export's columns for one domain: ID, the name, the SIA fields, the reference path."""
    return ["ID", "Nama", *fields_for(domain), *reference_columns(kind), "Perangkat Daerah"]


def validate(domain: str, values: dict) -> list[str]:
    """Problems with an item's SIA values (unknown fields, unknown object, fields of another object)."""
    if not isinstance(values, dict):
        return [_("Metadata SIA SPBE harus berupa pasangan nama kolom dan isi.")]
    problems = []
    allowed = fields_for(domain)
    unknown = [k for k in values if k not in allowed]
    if unknown:
        problems.append(
            _("Kolom metadata tidak dikenal untuk domain ini: %(u)s. Kolom yang diterima: %(a)s.")
            % {"u": ", ".join(unknown), "a": ", ".join(allowed)}
        )
    objects = OBJECT_FIELDS.get(domain)
    if objects and OBJECT in values:
        kind = values[OBJECT]
        if not isinstance(kind, str) or kind not in objects:
            problems.append(
                _("Objek %(o)s tidak dikenal. Pilihan: %(a)s.") % {"o": kind, "a": ", ".join(objects)}
            )
        else:
            foreign = [k for k in values if k != OBJECT and k in allowed and k not in objects[kind]]
            if foreign:
                problems.append(
                    _("Kolom %(f)s bukan atribut objek %(o)s.") % {"f": ", ".join(foreign), "o": kind}
                )
    bad = [k for k, v in values.items() if not isinstance(v, str | int | float) or isinstance(v, bool)]
    if bad:
        problems.append(_("Isi kolom %(k)s harus teks atau angka.") % {"k": ", ".join(bad)})
    return problems
