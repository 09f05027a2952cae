"""The demo regency: a government with the agencies a kabupaten really has, staff with valid
NIPs, one account per role, a coordination team, and decrees (one of them CLOSED).

Idempotent: a second run finds the government and reuses it.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from .choices import AgencyDesignation, AgencyKind, DecreeKind, EmploymentKind, Role, TeamPosition
from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)

DEMO_PASSWORD = "spbe-demo-2026"

# The institutional roles a regulation may name (Pasal 47 ayat (3) Perbup Parigi Moutong 52/2024, ...).
DESIGNATIONS = {
    "Setda": AgencyDesignation.REGIONAL_SECRETARIAT,
    "Bag. Organisasi": AgencyDesignation.ORGANISATION_UNIT,
    "Bag. Hukum": AgencyDesignation.LEGAL_UNIT,
    "Inspektorat": AgencyDesignation.INSPECTORATE,
    "Bappeda": AgencyDesignation.PLANNING,
    "BPKAD": AgencyDesignation.FINANCE,
    "BKPSDM": AgencyDesignation.PERSONNEL,
}

# (short name, name, kind, parent short name)
AGENCIES = [
    ("Setda", "Sekretariat Daerah", AgencyKind.SECRETARIAT, None),
    ("Bag. Organisasi", "Bagian Organisasi", AgencyKind.DIVISION, "Setda"),
    ("Bag. Hukum", "Bagian Hukum", AgencyKind.DIVISION, "Setda"),
    ("Bag. Umum", "Bagian Umum", AgencyKind.DIVISION, "Setda"),
    ("Bag. PBJ", "Bagian Pengadaan Barang dan Jasa", AgencyKind.DIVISION, "Setda"),
    ("Bag. Prokopim", "Bagian Protokol dan Komunikasi Pimpinan", AgencyKind.DIVISION, "Setda"),
    ("Setwan", "Sekretariat DPRD", AgencyKind.SECRETARIAT, None),
    ("Inspektorat", "Inspektorat Daerah", AgencyKind.INSPECTORATE, None),
    ("Bappeda", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", AgencyKind.BOARD, None),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", AgencyKind.BOARD, None),
    ("Bapenda", "Badan Pendapatan Daerah", AgencyKind.BOARD, None),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", AgencyKind.BOARD, None),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", AgencyKind.BOARD, None),
    ("Kesbangpol", "Badan Kesatuan Bangsa dan Politik", AgencyKind.BOARD, None),
    ("Diskominfo", "Dinas Komunikasi, Informatika, Statistik dan Persandian", AgencyKind.OFFICE, None),
    ("Disdikbud", "Dinas Pendidikan dan Kebudayaan", AgencyKind.OFFICE, None),
    ("Dinkes", "Dinas Kesehatan", AgencyKind.OFFICE, None),
    ("RSUD", "Rumah Sakit Umum Daerah Anuntaloko", AgencyKind.OTHER, "Dinkes"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", AgencyKind.OFFICE, None),
    ("Disperkim", "Dinas Perumahan dan Kawasan Permukiman", AgencyKind.OFFICE, None),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", AgencyKind.OFFICE, None),
    ("Dinsos", "Dinas Sosial", AgencyKind.OFFICE, None),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", AgencyKind.OFFICE, None),
    ("Disnaker", "Dinas Tenaga Kerja dan Transmigrasi", AgencyKind.OFFICE, None),
    ("DLH", "Dinas Lingkungan Hidup", AgencyKind.OFFICE, None),
    ("Dishub", "Dinas Perhubungan", AgencyKind.OFFICE, None),
    ("Distan", "Dinas Tanaman Pangan, Hortikultura dan Perkebunan", AgencyKind.OFFICE, None),
    ("DKP", "Dinas Kelautan dan Perikanan", AgencyKind.OFFICE, None),
    ("Disperindag", "Dinas Perindustrian dan Perdagangan", AgencyKind.OFFICE, None),
    ("Dispar", "Dinas Pariwisata, Kepemudaan dan Olahraga", AgencyKind.OFFICE, None),
    (
        "DP3AP2KB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB",
        AgencyKind.OFFICE,
        None,
    ),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", AgencyKind.OFFICE, None),
    ("Dispusip", "Dinas Perpustakaan dan Kearsipan", AgencyKind.OFFICE, None),
    ("Satpol PP", "Satuan Polisi Pamong Praja", AgencyKind.OTHER, None),
    ("Kec. Parigi", "Kecamatan Parigi", AgencyKind.DISTRICT, None),
    ("Kec. Parigi Selatan", "Kecamatan Parigi Selatan", AgencyKind.DISTRICT, None),
    ("Kec. Tinombo", "Kecamatan Tinombo", AgencyKind.DISTRICT, None),
    ("Kec. Moutong", "Kecamatan Moutong", AgencyKind.DISTRICT, None),
    ("Kec. Sausu", "Kecamatan Sausu", AgencyKind.DISTRICT, None),
    ("Kel. Masigi", "Kelurahan Masigi", AgencyKind.VILLAGE, "Kec. Parigi"),
]

FIRST_NAMES_M = [
    "Ahmad",
    "Budi",
    "Rahmat",
    "Irwan",
    "Syamsul",
    "Andi",
    "Moh.",
    "Hendra",
    "Fadli",
    "Yusuf",
    "Arif",
]
FIRST_NAMES_F = [
    "Siti",
    "Nurhayati",
    "Rina",
    "Fitriani",
    "Dewi",
    "Sri",
    "Hasnah",
    "Wahyuni",
    "Nurul",
    "Rosmini",
]
LAST_NAMES = [
    "Lamadjido",
    "Tombolotutu",
    "Pettalolo",
    "Latopada",
    "Dg. Matona",
    "Hasan",
    "Said",
    "Rauf",
    "Mangun",
    "Tanjung",
    "Makmur",
    "Saleh",
    "Bachmid",
    "Lasahido",
    "Pakamundi",
]
POSITIONS = [
    "Kepala Bidang",
    "Kepala Seksi",
    "Analis Sistem Informasi",
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Terampil",
    "Pengelola Data",
    "Analis Kebijakan",
    "Arsiparis",
    "Staf Pelaksana",
]


def make_nip(rng: random.Random, sequence: int, gender: str = "") -> tuple[str, str]:
    """A valid NIP and the gender it encodes ("L"/"P"); `gender` fixes it, otherwise drawn."""
    birth = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
    appointed_year = min(birth.year + rng.randint(22, 30), 2024)
    gender = {"L": "1", "P": "2"}.get(gender) or rng.choice("12")
    nip = f"{birth:%Y%m%d}{appointed_year}{rng.randint(1, 12):02d}{gender}{sequence % 999 + 1:03d}"
    return nip, "L" if gender == "1" else "P"


def person_fields(rng: random.Random, sequence: int, agency_id: int) -> dict:
    employment = rng.choices(
        [EmploymentKind.CIVIL_SERVANT, EmploymentKind.CONTRACT_SERVANT, EmploymentKind.NON_CIVIL],
        [70, 15, 15],
    )[0]
    nip, gender = make_nip(rng, sequence)
    first = rng.choice(FIRST_NAMES_M if gender == "L" else FIRST_NAMES_F)
    name = f"{first} {rng.choice(LAST_NAMES)}"
    return {
        "agency_id": agency_id,
        "name": name,
        "back_title": rng.choice(["", "", "S.Kom.", "S.T.", "S.E.", "S.Sos.", "M.Si.", "S.Kom., M.T."]),
        "employment": employment,
        "nip": None if employment == EmploymentKind.NON_CIVIL else nip,
        "gender": gender,
        "position": rng.choice(POSITIONS),
        "email": f"{name.split()[0].lower().strip('.')}.{sequence}@parigimoutongkab.go.id",
    }


# username, role, role scope (agency short name, None = whole government), the agency the person works in,
# name with titles, position: the people a regency really has in these roles.
DEMO_ACCOUNTS = [
    (
        "admin",
        Role.PLATFORM_ADMIN,
        None,
        "Diskominfo",
        ("", "Rahmat Hasan", "S.Kom."),
        "Pranata Komputer Ahli Muda",
    ),
    (
        "kominfo",
        Role.ICT_ADMIN,
        None,
        "Diskominfo",
        ("", "Andi Pettalolo", "S.T., M.T."),
        "Kepala Bidang Aplikasi Informatika",
    ),
    (
        "kepala.diskominfo",
        Role.AGENCY_HEAD,
        "Diskominfo",
        "Diskominfo",
        ("Ir.", "Moh. Irwan Lasahido", "M.Si."),
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
    ),
    (
        "helpdesk2",
        Role.SERVICE_DESK_TIER2,
        None,
        "Diskominfo",
        ("", "Fadli Rauf", "S.Kom."),
        "Pranata Komputer Ahli Pertama",
    ),
    (
        "timkoordinasi",
        Role.COORDINATION_TEAM,
        None,
        "Bappeda",
        ("", "Nurhayati Latopada", "S.E., M.Si."),
        "Perencana Ahli Madya",
    ),
    (
        "bupati",
        Role.LEADER,
        None,
        "Setda",
        ("H.", "Amiruddin Tombolotutu", "S.E., M.M."),
        "Bupati Parigi Moutong",
    ),
    (
        "sekda",
        Role.LEADER,
        None,
        "Setda",
        ("Dr.", "Yusuf Bachmid", "S.Sos., M.Si."),
        "Sekretaris Daerah Kabupaten Parigi Moutong",
    ),
    (
        "auditor",
        Role.AUDITOR,
        None,
        "Inspektorat",
        ("", "Sri Wahyuni Said", "S.E., Ak."),
        "Auditor Ahli Madya",
    ),
    (
        "admin.dinkes",
        Role.AGENCY_ADMIN,
        "Dinkes",
        "Dinkes",
        ("", "Dewi Mangun", "S.Kom."),
        "Pranata Komputer Ahli Pertama",
    ),
    (
        "kepala.dinkes",
        Role.AGENCY_HEAD,
        "Dinkes",
        "Dinkes",
        ("dr.", "Hendra Saleh", "M.Kes."),
        "Kepala Dinas Kesehatan",
    ),
    (
        "walidata.dinkes",
        Role.DATA_STEWARD,
        "Dinkes",
        "Dinkes",
        ("", "Rina Makmur", "S.Si."),
        "Statistisi Ahli Pertama",
    ),
    (
        "helpdesk.dinkes",
        Role.SERVICE_DESK_TIER1,
        "Dinkes",
        "Dinkes",
        ("", "Arif Tanjung", "A.Md."),
        "Pranata Komputer Terampil",
    ),
    (
        "admin.disdukcapil",
        Role.AGENCY_ADMIN,
        "Disdukcapil",
        "Disdukcapil",
        ("", "Siti Pakamundi", "S.Kom."),
        "Pranata Komputer Ahli Muda",
    ),
]

# The head's title by kind of agency ("Kepala <name>" unless the office has its own title).
HEAD_TITLES = {
    AgencyKind.INSPECTORATE: "Inspektur",
    AgencyKind.DISTRICT: "Camat",
    AgencyKind.VILLAGE: "Lurah",
}


def head_position(short: str, name: str, kind: str) -> str:
    """The position of an agency's head, as it reads on a letter."""
    if short == "Setwan":
        return "Sekretaris DPRD"
    if short == "RSUD":
        return f"Direktur {name}"
    if kind in (AgencyKind.DISTRICT, AgencyKind.VILLAGE):
        return f"{HEAD_TITLES[kind]} {name.split(' ', 1)[1]}"
    if kind == AgencyKind.INSPECTORATE:
        return HEAD_TITLES[kind]
    return f"Kepala {name}"


@transaction.atomic
def build(stdout=None, people_per_agency: int = 12) -> Government:
    existing = Government.objects.filter(domain="parigimoutongkab.go.id").first()
    if existing is not None:
        if stdout:
            stdout.write("  pemerintah demo sudah ada: dipakai ulang")
        return existing
    rng = random.Random(52_2024)
    gov = Government.objects.create(
        name="Pemerintah Kabupaten Parigi Moutong",
        region_code="72.08",
        domain="parigimoutongkab.go.id",
        regulation="parigi-moutong-52-2024",
        letterhead_title="PEMERINTAH KABUPATEN PARIGI MOUTONG",
        address="Jl. Kampali No. 1, Parigi, Sulawesi Tengah 94371",
        phone="(0450) 21001",
        email="pemda@parigimoutongkab.go.id",
        website="https://parigimoutongkab.go.id",
    )
    by_short: dict[str, Agency] = {}
    for short, name, kind, parent in AGENCIES:
        by_short[short] = Agency.objects.create(
            government=gov,
            short_name=short,
            name=name,
            kind=kind,
            designation=DESIGNATIONS.get(short, ""),
            parent=by_short.get(parent) if parent else None,
            email=f"{short.lower().replace(' ', '').replace('.', '')}@parigimoutongkab.go.id",
        )
    gov.ict_office = by_short["Diskominfo"]
    gov.save()

    sequence = 0
    people = []
    # Setda is led by the Sekda and the two heads below by demo accounts: no generated head there.
    headed_by_account = {"Setda"} | {a[3] for a in DEMO_ACCOUNTS if a[1] == Role.AGENCY_HEAD}
    for (short, name, kind, _parent), agency in zip(AGENCIES, by_short.values(), strict=True):
        for index in range(people_per_agency):
            sequence += 1
            fields = person_fields(rng, sequence, agency.pk)
            if index == 0 and short not in headed_by_account:
                fields.update(
                    position=head_position(short, name, kind), employment=EmploymentKind.CIVIL_SERVANT
                )
                fields["nip"], _gender = make_nip(rng, sequence, fields["gender"])
            people.append(Person(**fields))
    Person.objects.bulk_create(people, batch_size=1000)

    User = get_user_model()
    for username, role, short, works_in, (front, name, back), position in DEMO_ACCOUNTS:
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, first_name=name[:150])
        sequence += 1
        fields = person_fields(rng, sequence, by_short[works_in].pk)
        fields.update(
            front_title=front,
            name=name,
            back_title=back,
            position=position,
            user=user,
            employment=EmploymentKind.CIVIL_SERVANT,
        )
        gender = "P" if name.split()[0] in FIRST_NAMES_F else "L"
        fields["nip"], fields["gender"] = make_nip(rng, sequence, gender)
        Person.objects.create(**fields)
        RoleAssignment.objects.create(user=user, role=role, agency=by_short.get(short) if short else None)

    diskominfo, dukcapil = by_short["Diskominfo"], by_short["Disdukcapil"]
    team_decree = Decree.objects.create(
        agency=by_short["Bag. Hukum"],
        kind=DecreeKind.REGENT,
        number="188.45/0123/2025",
        date=datetime.date(2025, 2, 3),
        title="Pembentukan Tim Koordinasi SPBE Kabupaten Parigi Moutong",
        classification="open",
    )
    Decree.objects.create(
        agency=diskominfo,
        kind=DecreeKind.AGENCY_HEAD,
        number="800/045/Diskominfo/2025",
        date=datetime.date(2025, 3, 10),
        title="Standar Operasional Prosedur Pusat Data",
        classification="limited",
    )
    Decree.objects.create(
        agency=dukcapil,
        kind=DecreeKind.AGENCY_HEAD,
        number="440/017/Disdukcapil/2025",
        date=datetime.date(2025, 4, 2),
        title="Hak Akses Basis Data Kependudukan (rahasia)",
        classification="closed",
    )
    autonomy = Decree.objects.create(
        agency=by_short["Bag. Hukum"],
        kind=DecreeKind.REGENT,
        number="188.45/0310/2025",
        date=datetime.date(2025, 6, 16),
        title="Penetapan RSUD Anuntaloko sebagai PD Mandiri TIK",
        classification="open",
    )
    rsud = by_short["RSUD"]
    rsud.ict_autonomous, rsud.autonomy_decree = True, autonomy
    rsud.save()

    team = CoordinationTeam.objects.create(
        government=gov,
        name="Tim Koordinasi SPBE Kabupaten Parigi Moutong",
        decree=team_decree,
        period_start=datetime.date(2025, 2, 3),
        period_end=datetime.date(2029, 12, 31),
    )
    sekda = Person.objects.get(user__username="sekda")
    kominfo = Person.objects.get(user__username="kominfo")
    CoordinationTeamMember.objects.create(
        team=team, person=sekda, position=TeamPosition.CHAIR, duty="Koordinator SPBE"
    )
    CoordinationTeamMember.objects.create(
        team=team, person=kominfo, position=TeamPosition.SECRETARY, duty="Sekretariat tim"
    )
    for short in ("Bappeda", "BPKAD", "Inspektorat", "BKPSDM", "Bag. Organisasi"):
        member = Person.objects.filter(agency=by_short[short]).first()
        CoordinationTeamMember.objects.create(
            team=team, person=member, position=TeamPosition.MEMBER, duty=f"Anggota dari {short}"
        )
    if stdout:
        stdout.write(
            f"  {len(by_short)} perangkat daerah, {Person.objects.count()} pegawai, "
            f"{len(DEMO_ACCOUNTS)} akun demo"
        )
    return gov


def account_lines() -> list[str]:
    lines = [f"Akun demo (kata sandi untuk semua: {DEMO_PASSWORD}):"]
    for username, role, short, _works_in, (_front, name, _back), position in DEMO_ACCOUNTS:
        lines.append(f"  {username:<20} {role.label} ({short or 'seluruh pemda'}): {name}, {position}")
    return lines
