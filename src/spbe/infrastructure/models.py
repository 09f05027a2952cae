"""The regency's infrastructure: facilities (data centre, recovery centre, national data centre,
agency server rooms) and their racks, servers and virtual servers, the numbering of the network
(prefixes, addresses, VLANs) that only the ICT office allocates, WAN links between agencies and
agencies' local networks with their submitted diagrams, backups proven by restore drills,
reviews of the data-centre and intra-network services, domains and official mailboxes, and ICT
assets from plan to disposal."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.models import AgencyOwnedModel, BaseModel

from . import ipnum
from .choices import (
    DATA_CENTER_KINDS,
    AddressStatus,
    AssetCategory,
    AssetCondition,
    AssetSource,
    AssetStatus,
    BackupFrequency,
    DiagramReason,
    DomainKind,
    DomainStatus,
    FacilityKind,
    FacilityStandard,
    FacilityTier,
    Hosting,
    IPScope,
    LinkStatus,
    MailboxStatus,
    PrefixStatus,
    ReviewedInfrastructure,
    RunResult,
    ServerKind,
    ServerStatus,
    SiteCategory,
    WanMedium,
)

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
DOCUMENT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "vsdx", "drawio", "xml"]


def _approval(label):
    return models.ForeignKey(
        "core.ApprovalRequest",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )


# --- Facilities and hosts -------------------------------------------------------------------


class Facility(AgencyOwnedModel):
    """A place servers stand: the regency's data centre, its recovery centre, the national or
    provincial data centre it uses, or an agency's own server room (which the profile may forbid)."""

    agency_label = _("PD pengelola")
    agency_optional = True
    agency_help_text = _("Kosong untuk fasilitas pusat atau provinsi yang tidak dikelola PD pemda.")
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=FacilityKind.choices, db_index=True)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    standard = models.CharField(
        _("standar"),
        max_length=16,
        choices=FacilityStandard.choices,
        default=FacilityStandard.NONE,
        help_text=_(
            "SNI; standar internasional bila SNI belum tersedia (Parigi Moutong Pasal 15 ayat (6)-(7))."
        ),
    )
    standard_reference = models.CharField(
        _("nomor sertifikat standar"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya SNI 8799 atau ISO/IEC 22237."),
    )
    tier = models.CharField(
        _("tingkat (tier)"), max_length=2, choices=FacilityTier.choices, default="", blank=True
    )
    primary = models.ForeignKey(
        "self",
        verbose_name=_("pusat data utama"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recovery_sites",
        help_text=_("Untuk pusat pemulihan data: pusat data yang dipulihkannya."),
    )
    distance_km = models.DecimalField(
        _("jarak dari pusat data utama (km)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    risk_separation = models.TextField(
        _("pemisahan risiko"),
        blank=True,
        help_text=_(
            "Mengapa lokasi ini jauh dari risiko pusat data utama (banjir, gempa, jaringan listrik)."
        ),
    )
    power_notes = models.TextField(_("catatan daya listrik"), blank=True)
    cooling_notes = models.TextField(_("catatan pendinginan"), blank=True)
    uptime_target = models.DecimalField(
        _("target uptime (%)"), max_digits=6, decimal_places=3, null=True, blank=True, validators=PERCENT
    )
    description = models.TextField(_("uraian"), blank=True)

    search_fields = ("name", "location")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("fasilitas pusat data")
        verbose_name_plural = pgettext_lazy("plural", "fasilitas pusat data")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                name="infrastructure_facility_name",
                violation_error_message=_("Fasilitas dengan nama ini sudah tercatat; pakai nama lain."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["kind", "name", "id"]),
            models.Index(fields=["standard", "name", "id"]),
            models.Index(fields=["standard", "id"]),
            models.Index(fields=["tier", "id"]),
            models.Index(fields=["location", "id"]),
            models.Index(fields=["agency", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    @property
    def is_data_center(self) -> bool:
        return self.kind in DATA_CENTER_KINDS

    def clean(self):
        errors = {}
        if self.kind == FacilityKind.RECOVERY_CENTER:
            if not self.primary_id:
                errors["primary"] = _(
                    "Pusat pemulihan data wajib menyebut pusat data utama yang dipulihkannya."
                )
            if self.distance_km is None:
                errors["distance_km"] = _("Catat jarak pusat pemulihan data dari pusat data utama.")
            if not self.risk_separation.strip():
                errors["risk_separation"] = _(
                    "Jelaskan pemisahan risiko dari pusat data utama (Sigi Pasal 14 ayat (12))."
                )
        elif self.primary_id:
            errors["primary"] = _("Hanya pusat pemulihan data yang mempunyai pusat data utama.")
        if self.primary_id and self.pk and self.primary_id == self.pk:
            errors["primary"] = _("Fasilitas tidak dapat memulihkan dirinya sendiri.")
        if self.standard != FacilityStandard.NONE and not self.standard_reference.strip():
            errors["standard_reference"] = _("Sebutkan standar atau sertifikat yang dipenuhi.")
        if errors:
            raise ValidationError(errors)


class Rack(BaseModel):
    facility = models.ForeignKey(
        Facility, verbose_name=_("fasilitas"), on_delete=models.CASCADE, related_name="racks"
    )
    name = models.CharField(_("nama"), max_length=100)
    units = models.PositiveSmallIntegerField(
        _("tinggi (U)"), default=42, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    power_kw = models.DecimalField(_("daya (kW)"), max_digits=6, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    owner_field = "facility__agency"
    search_fields = ("name",)

    class Meta:
        verbose_name = _("rak")
        verbose_name_plural = pgettext_lazy("plural", "rak")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "name"],
                name="infrastructure_rack_name",
                violation_error_message=_("Rak dengan nama ini sudah ada di fasilitas tersebut."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["units", "id"]),
            models.Index(fields=["facility", "name", "id"]),
        ]

    def __str__(self):
        return f"{self.facility} / {self.name}"


class Server(AgencyOwnedModel):
    """A physical or virtual server of an agency, where it stands and what it hosts."""

    agency_label = _("PD pemilik")
    name = models.CharField(_("nama host"), max_length=200)
    kind = models.CharField(
        _("jenis"), max_length=10, choices=ServerKind.choices, default=ServerKind.PHYSICAL
    )
    hosting = models.CharField(
        _("penyediaan"),
        max_length=12,
        choices=Hosting.choices,
        db_index=True,
        help_text=_("Kolokasi atau VPS dari Dinas Kominfo (Parigi Moutong Pasal 15 ayat (10)-(11))."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ServerStatus.choices, default=ServerStatus.ACTIVE, db_index=True
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("fasilitas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="servers",
        help_text=_("Kosong bila server berada di kantor PD, di luar fasilitas yang tercatat."),
    )
    rack = models.ForeignKey(
        Rack, verbose_name=_("rak"), null=True, blank=True, on_delete=models.PROTECT, related_name="servers"
    )
    rack_unit = models.PositiveSmallIntegerField(
        _("posisi U"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    host = models.ForeignKey(
        "self",
        verbose_name=_("server induk (hypervisor)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guests",
    )
    operating_system = models.CharField(_("sistem operasi"), max_length=100, blank=True)
    role = models.CharField(
        _("peran"), max_length=100, blank=True, help_text=_("Web, basis data, hypervisor ...")
    )
    cpu_cores = models.PositiveSmallIntegerField(_("inti CPU"), null=True, blank=True)
    memory_gb = models.PositiveIntegerField(_("memori (GB)"), null=True, blank=True)
    storage_gb = models.PositiveIntegerField(_("penyimpanan (GB)"), null=True, blank=True)
    uptime_target = models.DecimalField(
        _("target uptime (%)"), max_digits=6, decimal_places=3, null=True, blank=True, validators=PERCENT
    )
    coordinated = models.BooleanField(
        _("dikoordinasikan dengan Dinas Kominfo"),
        default=False,
        help_text=_(
            "Server di luar pusat data yang pengelolaannya telah dikoordinasikan dengan Dinas Kominfo."
        ),
    )
    applications = models.ManyToManyField(
        "applications.Application", verbose_name=_("aplikasi yang dilayani"), blank=True, related_name="+"
    )
    notes = models.TextField(_("catatan"), blank=True)

    search_fields = ("name", "role", "operating_system")
    import_key_fields = ("agency", "name")

    class Meta:
        verbose_name = _("server")
        verbose_name_plural = pgettext_lazy("plural", "server")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"],
                name="infrastructure_server_name",
                violation_error_message=_("PD ini sudah mempunyai server dengan nama host ini."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["hosting", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["operating_system", "id"]),
            models.Index(fields=["role", "id"]),
            models.Index(fields=["uptime_target", "id"]),
            models.Index(fields=["coordinated", "id"]),
            models.Index(fields=["agency", "name", "id"]),
            models.Index(fields=["status", "name", "id"]),
            models.Index(fields=["hosting", "name", "id"]),
            models.Index(fields=["facility", "name", "id"]),
            models.Index(fields=["kind", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    @property
    def in_data_center(self) -> bool:
        return self.facility_id is not None and self.facility.kind in DATA_CENTER_KINDS

    def clean(self):
        errors = {}
        if self.rack_id and self.rack.facility_id != self.facility_id:
            errors["rack"] = _("Rak harus berada di fasilitas server ini.")
        if self.rack_unit and not self.rack_id:
            errors["rack_unit"] = _("Posisi U hanya diisi bila rak dipilih.")
        if self.host_id:
            if self.kind != ServerKind.VIRTUAL:
                errors["host"] = _("Hanya server virtual yang berjalan di server induk.")
            elif self.host_id == self.pk:
                errors["host"] = _("Server tidak dapat menjadi induk dirinya sendiri.")
            elif self.host.facility_id != self.facility_id:
                errors["facility"] = _("Server virtual berada di fasilitas server induknya.")
        if self.hosting == Hosting.VPS and self.kind != ServerKind.VIRTUAL:
            errors["kind"] = _("VPS dari Dinas Kominfo adalah server virtual.")
        if self.hosting in (Hosting.VPS, Hosting.COLOCATION, Hosting.ICT_OFFICE) and not (
            self.facility_id and self.facility.kind in DATA_CENTER_KINDS
        ):
            errors["facility"] = _(
                "Kolokasi, VPS dan server Dinas Kominfo berada di pusat data: pilih fasilitasnya."
            )
        if errors:
            raise ValidationError(errors)


# --- Numbering --------------------------------------------------------------------------------


class VLAN(BaseModel):
    """A VLAN of the regency's network (numbered by the ICT office)."""

    vid = models.PositiveSmallIntegerField(
        _("nomor VLAN"), validators=[MinValueValidator(1), MaxValueValidator(4094)]
    )
    name = models.CharField(_("nama"), max_length=100)
    assigned_to = models.ForeignKey(
        "org.Agency",
        verbose_name=_("dipakai oleh PD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("uraian"), blank=True)

    owner_field = None  # the ICT office numbers the network (Pangkep Pasal 9 ayat (2))
    search_fields = ("name",)
    import_key_fields = ("vid",)

    class Meta:
        verbose_name = _("VLAN")
        verbose_name_plural = pgettext_lazy("plural", "VLAN")
        ordering = ["vid", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vid"],
                name="infrastructure_vlan_vid",
                violation_error_message=_("Nomor VLAN ini sudah dipakai."),
            )
        ]
        indexes = [
            models.Index(fields=["vid", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["assigned_to", "vid", "id"]),
        ]

    def __str__(self):
        return f"VLAN {self.vid} {self.name}"


class Prefix(BaseModel):
    """A block of addresses: a container the regency holds, or a block allocated to an agency.
    Only the ICT office records and allocates them (Pangkep Pasal 9 ayat (2); Bengkulu Tengah
    Pasal 5); overlapping or duplicate allocation is refused by services.prefix_refusal."""

    prefix = models.CharField(
        _("prefiks"), max_length=50, help_text=_("Misalnya 10.20.0.0/16 atau 2001:db8::/48.")
    )
    family = models.PositiveSmallIntegerField(_("versi IP"), editable=False, default=4)
    length = models.PositiveSmallIntegerField(_("panjang prefiks"), editable=False, default=0)
    first_key = models.CharField(_("kunci awal"), max_length=ipnum.KEY_WIDTH, editable=False, default="")
    last_key = models.CharField(_("kunci akhir"), max_length=ipnum.KEY_WIDTH, editable=False, default="")
    scope = models.CharField(
        _("cakupan"), max_length=8, choices=IPScope.choices, editable=False, default=IPScope.PRIVATE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PrefixStatus.choices, default=PrefixStatus.ACTIVE
    )
    assigned_to = models.ForeignKey(
        "org.Agency",
        verbose_name=_("dialokasikan ke PD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    vlan = models.ForeignKey(
        VLAN, verbose_name=_("VLAN"), null=True, blank=True, on_delete=models.PROTECT, related_name="prefixes"
    )
    description = models.CharField(_("keterangan"), max_length=300, blank=True)

    owner_field = None
    search_fields = ("prefix", "description")
    import_key_fields = ("prefix",)

    class Meta:
        verbose_name = _("prefiks IP")
        verbose_name_plural = pgettext_lazy("plural", "prefiks IP")
        ordering = ["family", "first_key", "length", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "first_key", "length"],
                name="infrastructure_prefix_unique",
                violation_error_message=_(
                    "Prefiks ini sudah tercatat; prefiks yang sama tidak boleh dicatat dua kali."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["family", "first_key", "length", "id"]),
            models.Index(fields=["family", "last_key"]),
            models.Index(fields=["first_key", "id"]),
            models.Index(fields=["vlan", "family", "first_key", "length", "id"]),
            models.Index(fields=["prefix", "id"]),
            models.Index(fields=["length", "id"]),
            models.Index(fields=["scope", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["description", "id"]),
            models.Index(fields=["scope", "family", "first_key", "length", "id"]),
            models.Index(fields=["status", "family", "first_key", "length", "id"]),
            models.Index(fields=["assigned_to", "family", "first_key", "length", "id"]),
        ]

    def __str__(self):
        return self.prefix

    @property
    def network(self):
        return ipnum.parse_network(self.prefix)

    @property
    def size(self) -> int:
        low, high = ipnum.usable_range(self.network)
        return max(high - low + 1, 0)

    def clean(self):
        from .services import prefix_refusal

        try:
            network = ipnum.parse_network(self.prefix)
        except ValueError:
            raise ValidationError(
                {
                    "prefix": _(
                        "Prefiks %(value)s tidak sah: tulis alamat jaringan dan panjangnya, misalnya 10.20.0.0/16."
                    )
                    % {"value": self.prefix}
                }
            ) from None
        self.prefix = str(network)
        self.family = network.version
        self.length = network.prefixlen
        self.first_key, self.last_key = ipnum.network_keys(network)
        self.scope = IPScope.PUBLIC if ipnum.is_public(network) else IPScope.PRIVATE
        if self.status == PrefixStatus.CONTAINER and self.assigned_to_id:
            raise ValidationError(
                {"assigned_to": _("Blok induk tidak dialokasikan ke satu PD; alokasikan bloknya.")}
            )
        refusal = prefix_refusal(self)
        if refusal:
            raise ValidationError({"prefix": refusal})


class IPAddress(BaseModel):
    """One address, allocated to an agency and a host by the ICT office."""

    address = models.CharField(_("alamat IP"), max_length=45)
    family = models.PositiveSmallIntegerField(_("versi IP"), editable=False, default=4)
    key = models.CharField(_("kunci alamat"), max_length=ipnum.KEY_WIDTH, editable=False, default="")
    scope = models.CharField(
        _("cakupan"), max_length=8, choices=IPScope.choices, editable=False, default=IPScope.PRIVATE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AddressStatus.choices, default=AddressStatus.ACTIVE
    )
    assigned_to = models.ForeignKey(
        "org.Agency",
        verbose_name=_("dialokasikan ke PD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    server = models.ForeignKey(
        Server,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="addresses",
    )
    dns_name = models.CharField(_("nama DNS"), max_length=255, blank=True)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)

    owner_field = None
    search_fields = ("address", "dns_name")
    import_key_fields = ("address",)

    class Meta:
        verbose_name = _("alamat IP")
        verbose_name_plural = pgettext_lazy("plural", "alamat IP")
        ordering = ["family", "key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "key"],
                name="infrastructure_address_unique",
                violation_error_message=_(
                    "Alamat IP ini sudah dialokasikan; satu alamat tidak boleh diberikan dua kali."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["family", "key", "id"]),
            models.Index(fields=["key", "id"]),
            models.Index(fields=["address", "id"]),
            models.Index(fields=["dns_name", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["scope", "id"]),
            models.Index(fields=["description", "id"]),
            models.Index(fields=["status", "family", "key", "id"]),
            models.Index(fields=["scope", "family", "key", "id"]),
            models.Index(fields=["assigned_to", "family", "key", "id"]),
            models.Index(fields=["server", "family", "key", "id"]),
        ]

    def __str__(self):
        return self.address

    def clean(self):
        from .services import address_refusal

        try:
            address = ipnum.parse_address(self.address)
        except ValueError:
            raise ValidationError(
                {
                    "address": _("Alamat IP %(value)s tidak sah, misalnya 10.20.1.15.")
                    % {"value": self.address}
                }
            ) from None
        self.address = str(address)
        self.family = address.version
        self.key = ipnum.key(int(address))
        self.scope = IPScope.PUBLIC if ipnum.is_public(address) else IPScope.PRIVATE
        self._taken_checked = False
        if self.server_id and self.assigned_to_id and self.server.agency_id != self.assigned_to_id:
            raise ValidationError({"server": _("Host milik PD lain dari PD yang menerima alamat ini.")})
        refusal = address_refusal(self)
        if refusal:
            raise ValidationError({"address": refusal})
        self._taken_checked = True

    def validate_constraints(self, exclude=None):
        # clean() has just asked whether the address is taken (and named its holder); the unique
        # constraint's own query would ask the same again. The constraint itself still guards
        # the write.
        if getattr(self, "_taken_checked", False):
            exclude = {*(exclude or ()), "key"}
        super().validate_constraints(exclude=exclude)


class AddressRequest(AgencyOwnedModel):
    """An agency asks the ICT office for an address block; the office allocates it (approval)."""

    agency_label = _("PD pemohon")
    purpose = models.CharField(_("keperluan"), max_length=300)
    length = models.PositiveSmallIntegerField(
        _("panjang prefiks yang diminta"),
        default=24,
        validators=[MinValueValidator(8), MaxValueValidator(128)],
        help_text=_("Misalnya 24 untuk 254 alamat IPv4, 28 untuk 14 alamat."),
    )
    container = models.ForeignKey(
        Prefix,
        verbose_name=_("dari blok induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong: Dinas Kominfo memilih blok induknya."),
    )
    allocated = models.ForeignKey(
        Prefix,
        verbose_name=_("prefiks yang dialokasikan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    decision = _approval(_("keputusan alokasi"))

    search_fields = ("purpose",)

    class Meta:
        verbose_name = _("permohonan blok alamat IP")
        verbose_name_plural = pgettext_lazy("plural", "permohonan blok alamat IP")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["-created", "-id"]),
            models.Index(fields=["purpose", "id"]),
            models.Index(fields=["length", "id"]),
            models.Index(fields=["agency", "-created", "-id"]),
        ]

    def __str__(self):
        return f"/{self.length} {self.purpose}"

    def clean(self):
        from .services import address_request_lock

        locked = address_request_lock(self)
        if locked:
            raise ValidationError(locked)
        if self.container_id and self.container.status != PrefixStatus.CONTAINER:
            raise ValidationError({"container": _("Pilih blok induk (status Blok induk).")})
        if self.container_id and self.length <= self.container.length:
            raise ValidationError({"length": _("Blok yang diminta harus lebih kecil dari blok induknya.")})
        if self.length > 32 and (not self.container_id or self.container.family == 4):
            raise ValidationError({"length": _("Panjang prefiks IPv4 paling besar 32.")})

    def delete(self, *args, **kwargs):
        """A request under decision or decided keeps its record (the allocation cites it)."""
        from spbe.core.errors import ProtectedError

        from .services import address_request_lock

        locked = address_request_lock(self)
        if locked:
            raise ProtectedError(locked)
        return super().delete(*args, **kwargs)


# --- Networks -------------------------------------------------------------------------------


class WanLink(BaseModel):
    """A link of the inter-agency network (backbone), built and run by the ICT office."""

    name = models.CharField(_("nama"), max_length=200)
    a_agency = models.ForeignKey(
        "org.Agency", verbose_name=_("ujung A (PD)"), on_delete=models.PROTECT, related_name="+"
    )
    b_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("ujung B (PD)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    b_facility = models.ForeignKey(
        Facility,
        verbose_name=_("ujung B (fasilitas)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    medium = models.CharField(_("media"), max_length=10, choices=WanMedium.choices, default=WanMedium.FIBRE)
    provider = models.CharField(_("penyedia"), max_length=200, blank=True)
    capacity_mbps = models.PositiveIntegerField(_("kapasitas (Mbps)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.ACTIVE
    )
    description = models.TextField(_("uraian"), blank=True)

    owner_field = None
    search_fields = ("name", "provider")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("tautan WAN")
        verbose_name_plural = pgettext_lazy("plural", "tautan WAN")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                name="infrastructure_wanlink_name",
                violation_error_message=_("Tautan WAN dengan nama ini sudah tercatat."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["medium", "id"]),
            models.Index(fields=["provider", "id"]),
            models.Index(fields=["capacity_mbps", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["a_agency", "name", "id"]),
            models.Index(fields=["medium", "name", "id"]),
            models.Index(fields=["status", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.b_agency_id and not self.b_facility_id:
            raise ValidationError({"b_agency": _("Isi ujung B: PD atau fasilitas (misalnya pusat data).")})
        if self.b_agency_id and self.b_agency_id == self.a_agency_id:
            raise ValidationError({"b_agency": _("Kedua ujung tautan tidak boleh PD yang sama.")})


class LocalNetwork(AgencyOwnedModel):
    """An agency's local network (Parigi Moutong Pasal 19 ayat (4) huruf b)."""

    name = models.CharField(_("nama"), max_length=200)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    prefix = models.ForeignKey(
        Prefix, verbose_name=_("prefiks"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vlan = models.ForeignKey(
        VLAN, verbose_name=_("VLAN"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    switches = models.PositiveIntegerField(_("jumlah switch"), default=0)
    access_points = models.PositiveIntegerField(_("jumlah titik akses wifi"), default=0)
    end_devices = models.PositiveIntegerField(_("jumlah perangkat pengguna"), default=0)
    last_changed_on = models.DateField(_("perubahan terakhir"), null=True, blank=True)
    description = models.TextField(_("uraian"), blank=True)

    search_fields = ("name", "location")
    import_key_fields = ("agency", "name")

    class Meta:
        verbose_name = _("jaringan lokal PD")
        verbose_name_plural = pgettext_lazy("plural", "jaringan lokal PD")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"],
                name="infrastructure_lan_name",
                violation_error_message=_("PD ini sudah mempunyai jaringan lokal dengan nama ini."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["location", "id"]),
            models.Index(fields=["switches", "id"]),
            models.Index(fields=["access_points", "id"]),
            models.Index(fields=["end_devices", "id"]),
            models.Index(fields=["last_changed_on", "id"]),
            models.Index(fields=["agency", "name", "id"]),
        ]

    def __str__(self):
        return self.name


class NetworkDiagram(AgencyOwnedModel):
    """The agency's current local-network diagram, submitted yearly and on every change
    (Parigi Moutong Pasal 21)."""

    local_network = models.ForeignKey(
        LocalNetwork,
        verbose_name=_("jaringan lokal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="diagrams",
    )
    submitted_on = models.DateField(_("tanggal penyerahan"), default=timezone.localdate)
    reason = models.CharField(
        _("alasan"), max_length=10, choices=DiagramReason.choices, default=DiagramReason.YEARLY
    )
    file = models.FileField(
        _("berkas diagram"),
        upload_to="infrastructure/diagrams/",
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    notes = models.TextField(_("catatan perubahan"), blank=True)

    search_fields = ("notes",)

    class Meta:
        verbose_name = _("diagram jaringan lokal")
        verbose_name_plural = pgettext_lazy("plural", "diagram jaringan lokal")
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["-submitted_on", "-id"]),
            models.Index(fields=["submitted_on", "id"]),
            models.Index(fields=["reason", "id"]),
            models.Index(fields=["agency", "-submitted_on", "-id"]),
            models.Index(fields=["reason", "-submitted_on", "-id"]),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} {self.submitted_on:%Y-%m-%d}"

    def clean(self):
        if self.submitted_on and self.submitted_on > timezone.localdate():
            raise ValidationError({"submitted_on": _("Tanggal penyerahan tidak boleh di masa depan.")})
        if self.local_network_id and self.local_network.agency_id != self.agency_id:
            raise ValidationError({"local_network": _("Jaringan lokal milik PD lain.")})
        if self.reason == DiagramReason.CHANGE and not self.notes.strip():
            raise ValidationError({"notes": _("Laporan perubahan wajib menjelaskan apa yang berubah.")})


# --- Backups and reviews -----------------------------------------------------------------------


class BackupPlan(AgencyOwnedModel):
    """What is backed up, where, how often, how long kept, with an off-site copy, and how often
    a restore must prove it (Pangkep Pasal 23; Parigi Moutong Pasal 17; Sigi Pasal 14 ayat (11)-(12))."""

    name = models.CharField(_("nama"), max_length=200)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("aplikasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    server = models.ForeignKey(
        Server,
        verbose_name=_("server sumber"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contents = models.TextField(_("yang dicadangkan"), help_text=_("Basis data, berkas sistem, dokumen ..."))
    target = models.ForeignKey(
        Facility,
        verbose_name=_("disimpan di"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frequency = models.CharField(
        _("frekuensi"), max_length=10, choices=BackupFrequency.choices, default=BackupFrequency.DAILY
    )
    retention_days = models.PositiveIntegerField(
        _("masa simpan (hari)"), default=30, validators=[MinValueValidator(1)]
    )
    offsite_copy = models.BooleanField(_("salinan di luar ruang server"), default=False)
    offsite_location = models.CharField(_("lokasi salinan luar"), max_length=300, blank=True)
    restore_every_months = models.PositiveSmallIntegerField(
        _("uji pemulihan setiap (bulan)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    active = models.BooleanField(_("berlaku"), default=True)

    search_fields = ("name", "contents")
    import_key_fields = ("agency", "name")

    class Meta:
        verbose_name = _("rencana pencadangan")
        verbose_name_plural = pgettext_lazy("plural", "rencana pencadangan")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"],
                name="infrastructure_backupplan_name",
                violation_error_message=_("PD ini sudah mempunyai rencana pencadangan dengan nama ini."),
            )
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["frequency", "id"]),
            models.Index(fields=["retention_days", "id"]),
            models.Index(fields=["offsite_copy", "id"]),
            models.Index(fields=["offsite_location", "id"]),
            models.Index(fields=["restore_every_months", "id"]),
            models.Index(fields=["active", "id"]),
            models.Index(fields=["agency", "name", "id"]),
            models.Index(fields=["frequency", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.offsite_copy and not self.offsite_location.strip():
            raise ValidationError({"offsite_location": _("Sebutkan di mana salinan luar disimpan.")})


class BackupRun(BaseModel):
    plan = models.ForeignKey(
        BackupPlan, verbose_name=_("rencana pencadangan"), on_delete=models.CASCADE, related_name="runs"
    )
    run_on = models.DateField(_("tanggal"), default=timezone.localdate)
    result = models.CharField(_("hasil"), max_length=10, choices=RunResult.choices, default=RunResult.SUCCESS)
    size_mb = models.PositiveBigIntegerField(_("ukuran (MB)"), null=True, blank=True)
    checksum = models.CharField(_("checksum SHA-256"), max_length=64, blank=True)
    location = models.CharField(_("lokasi salinan"), max_length=300, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    owner_field = "plan__agency"
    search_fields = ("checksum", "location")

    class Meta:
        verbose_name = _("pelaksanaan pencadangan")
        verbose_name_plural = pgettext_lazy("plural", "pelaksanaan pencadangan")
        ordering = ["-run_on", "-id"]
        indexes = [
            models.Index(fields=["-run_on", "-id"]),
            models.Index(fields=["run_on", "id"]),
            models.Index(fields=["result", "id"]),
            models.Index(fields=["size_mb", "id"]),
            models.Index(fields=["plan", "-run_on", "-id"]),
            models.Index(fields=["result", "-run_on", "-id"]),
        ]

    def __str__(self):
        return f"{self.plan} {self.run_on:%Y-%m-%d}"


class RestoreTest(BaseModel):
    """A restore drill: a backup restored and checked; a plan without a successful one within its
    period counts as unmet."""

    plan = models.ForeignKey(
        BackupPlan, verbose_name=_("rencana pencadangan"), on_delete=models.CASCADE, related_name="restores"
    )
    backup_run = models.ForeignKey(
        BackupRun,
        verbose_name=_("cadangan yang dipulihkan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tested_on = models.DateField(_("tanggal uji"), default=timezone.localdate)
    result = models.CharField(_("hasil"), max_length=10, choices=RunResult.choices, default=RunResult.SUCCESS)
    duration_minutes = models.PositiveIntegerField(_("lama pemulihan (menit)"), null=True, blank=True)
    checksums_match = models.BooleanField(_("checksum sama dengan cadangan"), default=False)
    notes = models.TextField(_("catatan"), blank=True)

    owner_field = "plan__agency"
    search_fields = ("notes",)

    class Meta:
        verbose_name = _("uji pemulihan")
        verbose_name_plural = pgettext_lazy("plural", "uji pemulihan")
        ordering = ["-tested_on", "-id"]
        indexes = [
            models.Index(fields=["-tested_on", "-id"]),
            models.Index(fields=["tested_on", "id"]),
            models.Index(fields=["result", "id"]),
            models.Index(fields=["duration_minutes", "id"]),
            models.Index(fields=["checksums_match", "id"]),
            models.Index(fields=["plan", "-tested_on", "-id"]),
            models.Index(fields=["result", "-tested_on", "-id"]),
        ]

    def __str__(self):
        return f"{self.plan} {self.tested_on:%Y-%m-%d}"

    def clean(self):
        errors = {}
        if self.backup_run_id and self.backup_run.plan_id != self.plan_id:
            errors["backup_run"] = _("Cadangan yang dipulihkan harus dari rencana pencadangan ini.")
        if self.result == RunResult.SUCCESS and not self.checksums_match:
            errors["checksums_match"] = _(
                "Pemulihan berhasil bila checksum data yang dipulihkan sama dengan cadangan."
            )
        if errors:
            raise ValidationError(errors)


class InfrastructureReview(BaseModel):
    """The yearly review of the data-centre service or the intra-network service (Parigi Moutong
    Pasal 15 ayat (13)-(14), Pasal 19 ayat (7)-(8))."""

    document = models.CharField(
        _("layanan yang direviu"), max_length=16, choices=ReviewedInfrastructure.choices
    )
    date = models.DateField(_("tanggal reviu"), default=timezone.localdate)
    findings = models.TextField(_("hasil reviu"))
    follow_up = models.TextField(_("tindak lanjut perbaikan"), blank=True)

    owner_field = None
    search_fields = ("findings",)

    class Meta:
        verbose_name = _("reviu layanan infrastruktur")
        verbose_name_plural = pgettext_lazy("plural", "reviu layanan infrastruktur")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["-date", "-id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["document", "id"]),
            models.Index(fields=["document", "-date", "-id"]),
        ]

    def __str__(self):
        return f"{self.get_document_display()} {self.date:%Y-%m-%d}"


# --- Names --------------------------------------------------------------------------------------


class Domain(AgencyOwnedModel):
    """A subdomain of the government's domain (or a separate domain for a special purpose),
    requested by an agency and granted by whoever the profile names."""

    agency_label = _("PD pemohon")
    name = models.CharField(_("nama domain"), max_length=253, unique=True)
    kind = models.CharField(
        _("jenis"), max_length=10, choices=DomainKind.choices, default=DomainKind.SUBDOMAIN
    )
    purpose = models.TextField(_("keperluan"))
    server = models.ForeignKey(
        Server, verbose_name=_("host"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tls_expires_on = models.DateField(_("sertifikat TLS berlaku sampai"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DomainStatus.choices,
        default=DomainStatus.REQUESTED,
        editable=False,
    )
    decision = _approval(_("keputusan penetapan"))

    search_fields = ("name", "purpose")
    import_key_fields = ("name",)

    class Meta:
        verbose_name = _("domain dan subdomain")
        verbose_name_plural = pgettext_lazy("plural", "domain dan subdomain")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["tls_expires_on", "id"]),
            models.Index(fields=["agency", "name", "id"]),
            models.Index(fields=["status", "name", "id"]),
            models.Index(fields=["kind", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def tls_expired(self) -> bool:
        return self.tls_expires_on is not None and self.tls_expires_on < timezone.localdate()

    def clean(self):
        from .services import official_domain

        self.name = (self.name or "").strip().lower().rstrip(".")
        domain = official_domain(self.agency) if self.agency_id else ""
        if not domain:
            return
        under = self.name == domain or self.name.endswith("." + domain)
        if self.kind == DomainKind.SUBDOMAIN and not under:
            raise ValidationError(
                {"name": _("Subdomain harus berada di bawah domain resmi %(domain)s.") % {"domain": domain}}
            )
        if self.kind == DomainKind.SPECIAL and under:
            raise ValidationError(
                {"kind": _("Nama di bawah %(domain)s adalah subdomain.") % {"domain": domain}}
            )


class Mailbox(AgencyOwnedModel):
    """An official e-mail account under the government's domain (Parigi Moutong Pasal 26 ayat (2))."""

    address = models.EmailField(_("alamat email"))
    holder = models.CharField(_("pemegang"), max_length=200)
    position = models.CharField(_("jabatan atau unit"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailboxStatus.choices, default=MailboxStatus.ACTIVE
    )

    search_fields = ("address", "holder")
    import_key_fields = ("address",)

    class Meta:
        verbose_name = _("akun email resmi")
        verbose_name_plural = pgettext_lazy("plural", "akun email resmi")
        ordering = ["address", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["address"],
                name="infrastructure_mailbox_address",
                violation_error_message=_("Alamat email ini sudah tercatat."),
            )
        ]
        indexes = [
            models.Index(fields=["address", "id"]),
            models.Index(fields=["holder", "id"]),
            models.Index(fields=["position", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["agency", "address", "id"]),
            models.Index(fields=["status", "address", "id"]),
        ]

    def __str__(self):
        return self.address

    def clean(self):
        from .services import official_domain

        self.address = (self.address or "").strip().lower()
        domain = official_domain(self.agency) if self.agency_id else ""
        if domain and not self.address.endswith("@" + domain):
            raise ValidationError(
                {"address": _("Email resmi memakai alamat @%(domain)s.") % {"domain": domain}}
            )


# --- ICT assets ---------------------------------------------------------------------------------


class Asset(AgencyOwnedModel):
    """An ICT asset (hardware or a software licence) from plan to disposal (Parigi Moutong Pasal 38)."""

    tag = models.CharField(_("nomor aset"), max_length=100)
    name = models.CharField(_("nama"), max_length=200)
    category = models.CharField(_("kategori"), max_length=10, choices=AssetCategory.choices)
    status = models.CharField(
        _("tahap"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.PLANNED
    )
    source = models.CharField(
        _("sumber perolehan"), max_length=12, choices=AssetSource.choices, default=AssetSource.REGIONAL
    )
    serial_number = models.CharField(_("nomor seri"), max_length=100, blank=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    holder = models.CharField(_("pemegang"), max_length=200, blank=True)
    accepted_on = models.DateField(_("tanggal berita acara serah terima"), null=True, blank=True)
    acquired_on = models.DateField(_("tanggal perolehan"), null=True, blank=True)
    cost = models.DecimalField(
        _("nilai perolehan (Rp)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    useful_life_years = models.PositiveSmallIntegerField(
        _("masa manfaat (tahun)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    condition = models.CharField(
        _("kondisi"),
        max_length=8,
        choices=AssetCondition.choices,
        default=AssetCondition.GOOD,
        blank=True,
        help_text=_("Kosong (misalnya lembar inventaris tanpa kolom kondisi): Baik."),
    )
    last_maintained_on = models.DateField(_("pemeliharaan terakhir"), null=True, blank=True)
    disposed_on = models.DateField(_("tanggal penghapusan"), null=True, blank=True)
    server = models.ForeignKey(
        Server,
        verbose_name=_("dipakai sebagai server"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommendation = _approval(_("rekomendasi Dinas Kominfo"))
    notes = models.TextField(_("catatan"), blank=True)

    search_fields = ("tag", "name", "serial_number", "holder")
    import_key_fields = ("agency", "tag")

    class Meta:
        verbose_name = _("aset TIK")
        verbose_name_plural = pgettext_lazy("plural", "aset TIK")
        ordering = ["tag", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "tag"],
                name="infrastructure_asset_tag",
                violation_error_message=_("PD ini sudah mempunyai aset dengan nomor aset ini."),
            )
        ]
        indexes = [
            models.Index(fields=["tag", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["category", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["source", "id"]),
            models.Index(fields=["condition", "id"]),
            models.Index(fields=["location", "id"]),
            models.Index(fields=["holder", "id"]),
            models.Index(fields=["serial_number", "id"]),
            models.Index(fields=["acquired_on", "id"]),
            models.Index(fields=["cost", "id"]),
            models.Index(fields=["agency", "tag", "id"]),
            models.Index(fields=["status", "tag", "id"]),
            models.Index(fields=["category", "tag", "id"]),
            models.Index(fields=["source", "tag", "id"]),
            models.Index(fields=["condition", "tag", "id"]),
        ]

    def __str__(self):
        return f"{self.tag} {self.name}"

    def book_value(self, on: datetime.date | None = None) -> Decimal | None:
        """Straight-line depreciation over the useful life, from the acquisition date."""
        if self.cost is None or self.acquired_on is None:
            return None
        on = on or timezone.localdate()
        if self.disposed_on and self.disposed_on <= on:
            return Decimal("0")
        months = max((on.year - self.acquired_on.year) * 12 + on.month - self.acquired_on.month, 0)
        left = max(self.useful_life_years * 12 - months, 0)
        return (self.cost * left / (self.useful_life_years * 12)).quantize(Decimal("1"))

    def clean(self):
        errors = {}
        self.condition = self.condition or AssetCondition.GOOD
        if self.holder.strip() and self.status == AssetStatus.IN_USE and not self.accepted_on:
            errors["accepted_on"] = _(
                "Aset yang diserahkan ke pemegang wajib mencatat tanggal berita acara serah terima."
            )
        if self.status == AssetStatus.DISPOSED and not self.disposed_on:
            errors["disposed_on"] = _("Catat tanggal penghapusan aset.")
        if self.disposed_on and self.status != AssetStatus.DISPOSED:
            errors["status"] = _("Aset dengan tanggal penghapusan berstatus Dihapuskan.")
        if self.status in (AssetStatus.IN_USE, AssetStatus.MAINTENANCE) and not self.acquired_on:
            errors["acquired_on"] = _("Aset yang digunakan wajib mencatat tanggal perolehan.")
        if self.disposed_on and self.acquired_on and self.disposed_on < self.acquired_on:
            errors["disposed_on"] = _("Tanggal penghapusan tidak boleh sebelum tanggal perolehan.")
        if errors:
            raise ValidationError(errors)


class AssetReport(BaseModel):
    """The yearly ICT asset report to the head of region (Sigi Pasal 14 ayat (9); Kutai Barat
    Pasal 16 ayat (8)): its figures are taken from the recorded assets when it is made."""

    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    reported_on = models.DateField(_("tanggal laporan"), default=timezone.localdate)
    number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    asset_count = models.PositiveIntegerField(_("jumlah aset"), default=0, editable=False)
    book_value = models.DecimalField(
        _("nilai buku (Rp)"), max_digits=18, decimal_places=0, default=0, editable=False
    )
    summary = models.TextField(_("ringkasan evaluasi"), blank=True)
    document = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("dokumen resmi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    owner_field = None
    search_fields = ("number", "summary")
    import_key_fields = ("year",)

    class Meta:
        verbose_name = _("laporan aset TIK")
        verbose_name_plural = pgettext_lazy("plural", "laporan aset TIK")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="infrastructure_assetreport_year",
                violation_error_message=_(
                    "Laporan aset TIK untuk tahun ini sudah ada; buka laporan itu untuk memperbaruinya."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["-year", "-id"]),
            models.Index(fields=["year", "id"]),
            models.Index(fields=["reported_on", "id"]),
            models.Index(fields=["number", "id"]),
            models.Index(fields=["asset_count", "id"]),
            models.Index(fields=["book_value", "id"]),
        ]

    def __str__(self):
        return _("Laporan aset TIK %(year)s") % {"year": self.year}


# --- Bandwidth and access policy ------------------------------------------------------------------

DOMAIN_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
DOMAIN_RE = re.compile(rf"^(\*\.)?({DOMAIN_LABEL}\.)+[a-z]{{2,63}}$")


def site_list(text: str) -> list[str]:
    """The domains written one per line (or separated by commas or spaces), lower-cased, without
    a scheme, path or leading "www.", in the order written, each once."""
    seen = []
    for raw in re.split(r"[\s,;]+", text or ""):
        item = raw.strip().lower()
        if not item:
            continue
        item = re.sub(r"^[a-z][a-z0-9+.-]*://", "", item).split("/", 1)[0].split(":", 1)[0].rstrip(".")
        item = item.removeprefix("www.")
        if item and item not in seen:
            seen.append(item)
    return seen


def invalid_sites(sites: list[str]) -> list[str]:
    return [site for site in sites if len(site) > 253 or not DOMAIN_RE.match(site)]


class DecidedRecord(BaseModel):
    """A setting the ICT office decides (a bandwidth allocation, an access policy): each record is
    one decision, cited by its number, date and decider. A decision is never edited in place: a
    change is recorded as a new decision that names the one it replaces (set by clean()), so the
    history of decisions stays readable; only the notes of a recorded decision may be amended."""

    effective_from = models.DateField(_("berlaku mulai"), default=timezone.localdate)
    decision_number = models.CharField(
        _("nomor keputusan atau surat"),
        max_length=120,
        help_text=_("Nomor Keputusan Bupati, Keputusan Kepala Dinas, atau surat yang menetapkannya."),
    )
    decision_date = models.DateField(_("tanggal keputusan"))
    decided_by = models.CharField(
        _("yang memutuskan"),
        max_length=200,
        help_text=_("Jabatan yang menandatangani, misalnya Kepala Dinas Kominfo atau Bupati."),
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("menggantikan keputusan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        editable=False,
    )
    notes = models.TextField(_("catatan"), blank=True)

    owner_field = None  # the ICT office decides (Sigi Pasal 14 ayat (3)-(4); Kutai Barat Pasal 16 ayat (4))
    #: the fields a recorded decision may no longer change
    decided_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def chain(self) -> dict:
        """The lookup naming the records this decision's history runs through."""
        raise NotImplementedError

    @property
    def in_force(self) -> bool:
        """In force today: started, and not replaced by a decision that has started."""
        today = timezone.localdate()
        if self.effective_from > today:
            return False
        newer = getattr(self, "replaced_by", None)
        return newer is None or newer.effective_from > today

    def clean_values(self) -> dict:
        return {}

    def clean(self):
        from .services import decision_refusal

        errors = self.clean_values()
        today = timezone.localdate()
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = _("Tanggal keputusan tidak boleh di masa depan.")
        elif self.decision_date and self.effective_from and self.effective_from < self.decision_date:
            errors["effective_from"] = _("Tanggal berlaku tidak boleh sebelum tanggal keputusan.")
        if errors:
            raise ValidationError(errors)
        refusal = decision_refusal(self)
        if refusal:
            raise ValidationError(refusal)


def link_errors(record) -> dict:
    """A bandwidth allocation's or request's WAN link: it must connect the agency, and the amount
    must fit the link's capacity."""
    link = record.wan_link if record.wan_link_id else None
    if link is None:
        return {}
    if record.agency_id and record.agency_id not in (link.a_agency_id, link.b_agency_id):
        return {"wan_link": _("Tautan ini tidak menghubungkan PD tersebut.")}
    capacity = link.capacity_mbps
    if capacity and max(record.download_mbps or 0, record.upload_mbps or 0) > capacity:
        return {
            "download_mbps": _("Alokasi melebihi kapasitas tautan %(link)s (%(capacity)d Mbps).")
            % {"link": link.name, "capacity": capacity}
        }
    return {}


class BandwidthAllocation(DecidedRecord):
    """The bandwidth the ICT office allocates to an agency, on a WAN link or for its internet
    access as a whole (Sigi Pasal 14 ayat (4))."""

    agency = models.ForeignKey("org.Agency", verbose_name=_("PD"), on_delete=models.PROTECT, related_name="+")
    wan_link = models.ForeignKey(
        WanLink,
        verbose_name=_("tautan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong: alokasi akses internet PD secara keseluruhan."),
    )
    download_mbps = models.PositiveIntegerField(
        _("unduh (Mbps)"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    upload_mbps = models.PositiveIntegerField(
        _("unggah (Mbps)"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )

    search_fields = ("decision_number", "notes")
    decided_fields = (
        "agency",
        "wan_link",
        "download_mbps",
        "upload_mbps",
        "effective_from",
        "decision_number",
        "decision_date",
        "decided_by",
    )

    class Meta:
        verbose_name = _("alokasi bandwidth")
        verbose_name_plural = pgettext_lazy("plural", "alokasi bandwidth")
        ordering = ["-effective_from", "-id"]
        indexes = [
            models.Index(fields=["-effective_from", "-id"]),
            models.Index(fields=["effective_from", "id"]),
            models.Index(fields=["download_mbps", "id"]),
            models.Index(fields=["upload_mbps", "id"]),
            models.Index(fields=["decision_number", "id"]),
            models.Index(fields=["decision_date", "id"]),
            models.Index(fields=["agency", "-effective_from", "-id"]),
            models.Index(fields=["wan_link", "-effective_from", "-id"]),
        ]

    def __str__(self):
        return _("%(agency)s: %(down)s/%(up)s Mbps") % {
            "agency": self.agency.short_name or self.agency.name if self.agency_id else "-",
            "down": self.download_mbps,
            "up": self.upload_mbps,
        }

    def chain(self) -> dict:
        return {"agency_id": self.agency_id, "wan_link_id": self.wan_link_id}

    def clean_values(self) -> dict:
        return link_errors(self)


class AccessPolicy(DecidedRecord):
    """What an agency's internet access may not reach: blocked site categories and sites, and
    sites open only within set hours (Sigi Pasal 14 ayat (4); Kutai Barat Pasal 16 ayat (4)).
    Without an agency it applies to every agency that has no policy of its own."""

    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("PD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong: berlaku bagi semua PD yang tidak mempunyai kebijakan sendiri."),
    )
    blocked_categories = models.JSONField(_("kategori situs yang diblokir"), default=list, blank=True)
    blocked_sites = models.TextField(
        _("situs yang diblokir"),
        blank=True,
        help_text=_("Satu nama domain per baris, misalnya judi.example."),
    )
    limited_sites = models.TextField(
        _("situs dengan jam akses terbatas"),
        blank=True,
        help_text=_("Satu nama domain per baris; hanya dapat dibuka pada jam akses di bawah."),
    )
    access_from = models.TimeField(_("jam akses mulai"), null=True, blank=True)
    access_until = models.TimeField(_("jam akses selesai"), null=True, blank=True)

    search_fields = ("decision_number", "blocked_sites", "limited_sites")
    decided_fields = (
        "agency",
        "blocked_categories",
        "blocked_sites",
        "limited_sites",
        "access_from",
        "access_until",
        "effective_from",
        "decision_number",
        "decision_date",
        "decided_by",
    )

    class Meta:
        verbose_name = _("kebijakan akses internet")
        verbose_name_plural = pgettext_lazy("plural", "kebijakan akses internet")
        ordering = ["-effective_from", "-id"]
        indexes = [
            models.Index(fields=["-effective_from", "-id"]),
            models.Index(fields=["effective_from", "id"]),
            models.Index(fields=["decision_number", "id"]),
            models.Index(fields=["decision_date", "id"]),
            models.Index(fields=["access_from", "id"]),
            models.Index(fields=["access_until", "id"]),
            models.Index(fields=["agency", "-effective_from", "-id"]),
        ]

    def __str__(self):
        whom = (self.agency.short_name or self.agency.name) if self.agency_id else _("semua PD")
        return _("Kebijakan akses %(whom)s (%(number)s)") % {"whom": whom, "number": self.decision_number}

    def chain(self) -> dict:
        return {"agency_id": self.agency_id}

    def category_labels(self) -> list[str]:
        labels = dict(SiteCategory.choices)
        return [str(labels.get(code, code)) for code in self.blocked_categories or []]

    def get_blocked_categories_display(self) -> str:
        return ", ".join(self.category_labels())

    def clean_values(self) -> dict:
        errors = {}
        categories = self.blocked_categories or []
        if not isinstance(categories, list) or any(c not in SiteCategory.values for c in categories):
            errors["blocked_categories"] = _("Kategori situs tidak dikenal; pilih dari: %(list)s.") % {
                "list": ", ".join(SiteCategory.values)
            }
        else:
            self.blocked_categories = [c for c in SiteCategory.values if c in categories]
        for name in ("blocked_sites", "limited_sites"):
            sites = site_list(getattr(self, name))
            bad = invalid_sites(sites)
            if bad:
                errors[name] = _(
                    "Bukan nama domain yang sah: %(list)s. Tulis satu domain per baris, misalnya judi.example."
                ) % {"list": ", ".join(bad[:5])}
            else:
                setattr(self, name, "\n".join(sites))
        both = set(site_list(self.blocked_sites)) & set(site_list(self.limited_sites))
        if both and "limited_sites" not in errors:
            errors["limited_sites"] = _("Situs %(list)s sudah diblokir; hapus dari salah satu daftar.") % {
                "list": ", ".join(sorted(both)[:5])
            }
        if self.limited_sites.strip() and (self.access_from is None or self.access_until is None):
            errors["access_from"] = _("Situs dengan jam akses terbatas memerlukan jam mulai dan jam selesai.")
        elif (self.access_from is None) != (self.access_until is None):
            errors["access_until"] = _("Isi jam akses mulai dan selesai, atau kosongkan keduanya.")
        elif self.access_from is not None and self.access_from >= self.access_until:
            errors["access_until"] = _("Jam akses selesai harus sesudah jam akses mulai.")
        elif self.access_from is not None and not self.limited_sites.strip():
            errors["limited_sites"] = _("Sebutkan situs yang dibatasi jam aksesnya.")
        if not (categories or self.blocked_sites.strip() or self.limited_sites.strip()) and not errors:
            errors["blocked_sites"] = _(
                "Kebijakan akses menyebut paling sedikit satu kategori, situs yang diblokir, atau situs berjam akses."
            )
        return errors


class BandwidthRequest(AgencyOwnedModel):
    """An agency asks the ICT office for bandwidth (amount, reason, period); the office decides it
    through the approval mechanism and an approval records the allocation it produces, citing
    the approval, as the decision replacing the agency's previous one (Sigi Pasal 14 ayat (4))."""

    agency_label = _("PD pemohon")
    wan_link = models.ForeignKey(
        WanLink,
        verbose_name=_("tautan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong: akses internet PD secara keseluruhan."),
    )
    download_mbps = models.PositiveIntegerField(
        _("unduh yang diminta (Mbps)"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    upload_mbps = models.PositiveIntegerField(
        _("unggah yang diminta (Mbps)"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    reason = models.TextField(_("alasan"))
    starts_on = models.DateField(_("mulai"), default=timezone.localdate)
    ends_on = models.DateField(
        _("sampai"),
        null=True,
        blank=True,
        help_text=_("Kosong: tanpa batas waktu (sampai ada keputusan baru)."),
    )
    allocation = models.ForeignKey(
        BandwidthAllocation,
        verbose_name=_("alokasi yang ditetapkan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    decision = _approval(_("keputusan Dinas Kominfo"))

    # Another agency's requests (its needs and reasons) are not shown to other agencies.
    restricted_view_roles = ("platform_admin", "ict_admin", "auditor")
    search_fields = ("reason",)

    class Meta:
        verbose_name = _("permohonan bandwidth")
        verbose_name_plural = pgettext_lazy("plural", "permohonan bandwidth")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["-created", "-id"]),
            models.Index(fields=["download_mbps", "id"]),
            models.Index(fields=["upload_mbps", "id"]),
            models.Index(fields=["starts_on", "id"]),
            models.Index(fields=["agency", "-created", "-id"]),
        ]

    def __str__(self):
        return _("%(agency)s: %(down)s/%(up)s Mbps") % {
            "agency": self.agency.short_name or self.agency.name if self.agency_id else "-",
            "down": self.download_mbps,
            "up": self.upload_mbps,
        }

    def clean(self):
        from .services import bandwidth_request_lock

        locked = bandwidth_request_lock(self)
        if locked:
            raise ValidationError(locked)
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        errors.update(link_errors(self))
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        """A request under decision or decided keeps its record (the allocation cites it)."""
        from spbe.core.errors import ProtectedError

        from .services import bandwidth_request_lock

        locked = bandwidth_request_lock(self)
        if locked:
            raise ProtectedError(locked)
        return super().delete(*args, **kwargs)
