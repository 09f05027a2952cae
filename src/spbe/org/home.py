"""Home page panel for roles whose own module is not built yet (core/home.py): what the role can
do in the platform today, and an honest empty state for the rest. No queries."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spbe.core import permissions

from .choices import Role

# role -> (what the role does today, [(link label, url name)], the module that is not built yet)
ROLE_WORK = {
    Role.AUDITOR: (
        _(
            "Sebagai auditor, Anda dapat membaca matriks kepatuhan, kewajiban per perangkat daerah dan "
            "jejak perubahan setiap data, serta katalog aplikasi dan dokumennya, sebagai bahan audit TIK."
        ),
        [
            (_("Matriks kepatuhan"), "compliance:government"),
            (_("Pernyataan pemenuhan"), "compliance:attestation_list"),
            (_("Katalog aplikasi"), "applications:application_list"),
        ],
        _("Modul audit TIK (rencana audit, temuan dan tindak lanjut) belum tersedia di platform ini."),
    ),
    Role.DATA_STEWARD: (
        _(
            "Sebagai walidata, Anda dapat melihat aplikasi dan proses bisnis perangkat daerah Anda, "
            "yang menjadi sumber data, serta kewajiban kepatuhan perangkat daerah Anda."
        ),
        [
            (_("Katalog aplikasi"), "applications:application_list"),
            (_("Kepatuhan PD saya"), "compliance:my_agency"),
        ],
        _("Modul Satu Data (katalog data, metadata, bagi pakai data) belum tersedia di platform ini."),
    ),
    Role.SERVICE_DESK_TIER1: (
        _(
            "Sebagai petugas service desk tier 1, Anda dapat mencari pegawai, perangkat daerah dan "
            "aplikasi untuk menjawab pertanyaan pengguna."
        ),
        [(_("Pegawai"), "org:person_list"), (_("Katalog aplikasi"), "applications:application_list")],
        _("Modul service desk (tiket, eskalasi ke tier 2) belum tersedia di platform ini."),
    ),
    Role.SERVICE_DESK_TIER2: (
        _(
            "Sebagai petugas service desk tier 2 Dinas Kominfo, Anda dapat mencari pegawai, perangkat "
            "daerah dan aplikasi beserta integrasinya untuk menangani eskalasi."
        ),
        [
            (_("Pegawai"), "org:person_list"),
            (_("Katalog aplikasi"), "applications:application_list"),
            (_("Integrasi aplikasi"), "applications:applicationintegration_list"),
        ],
        _("Modul service desk (tiket, eskalasi, tingkat layanan) belum tersedia di platform ini."),
    ),
    Role.COORDINATION_TEAM: (
        _(
            "Sebagai anggota Tim Koordinasi SPBE, Anda dapat memantau matriks kepatuhan, membaca "
            "Arsitektur dan Peta Rencana SPBE, serta keanggotaan tim dan keputusan pembentukannya."
        ),
        [
            (_("Matriks kepatuhan"), "compliance:government"),
            (_("Tim Koordinasi SPBE"), "org:coordinationteam_list"),
            (_("Peta rencana"), "planning:roadmap_list"),
        ],
        _("Pencatatan rapat koordinasi dan tindak lanjutnya belum tersedia di platform ini."),
    ),
}


def _url(name: str) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def role_panel(request) -> dict:
    held = permissions.roles_of(request.user)
    roles = []
    for role, (does, links, missing) in ROLE_WORK.items():
        if role in held:
            roles.append(
                {
                    "label": Role(role).label,
                    "does": does,
                    "links": [(label, _url(name)) for label, name in links if _url(name)],
                    "missing": missing,
                }
            )
    return {"roles": roles}
