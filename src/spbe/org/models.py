from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spbe.core.models import AgencyOwnedModel, BaseModel, ClassifiedModel

from .choices import (
    GOVERNMENT_ONLY_ROLES,
    AgencyDesignation,
    AgencyKind,
    DecreeKind,
    EmploymentKind,
    Gender,
    GovernmentKind,
    Role,
    TeamPosition,
)
from .validators import parse_nip

region_code_validator = RegexValidator(
    r"^\d{2}(\.\d{2}){0,3}$", _("Kode wilayah Kemendagri berbentuk 72 atau 72.08 atau 72.08.01.")
)
domain_validator = RegexValidator(
    r"^([a-z0-9-]+\.)+[a-z]{2,}$", _("Nama domain tidak valid (contoh: parigimoutongkab.go.id).")
)


class Government(BaseModel):
    """The regency (or city, or province): root of every organisation tree."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(
        _("jenis"), max_length=12, choices=GovernmentKind.choices, default=GovernmentKind.REGENCY
    )
    region_code = models.CharField(
        _("kode wilayah Kemendagri"), max_length=13, validators=[region_code_validator]
    )
    domain = models.CharField(_("domain resmi"), max_length=100, validators=[domain_validator])
    ict_office = models.ForeignKey(
        "org.Agency",
        verbose_name=_("Dinas Kominfo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Perangkat Daerah yang menyelenggarakan urusan komunikasi dan informatika."),
    )
    regulation = models.CharField(
        _("regulasi SPBE yang diikuti"),
        max_length=64,
        blank=True,
        help_text=_(
            "Profil peraturan kepala daerah (Peraturan Bupati, Wali Kota atau Gubernur) yang menjadi dasar "
            "pemeriksaan kepatuhan."
        ),
    )
    # Letterhead (kop surat) for official documents.
    letterhead_title = models.CharField(_("judul kop surat"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="government/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
    )

    owner_field = None
    search_fields = ("name", "domain")

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = pgettext_lazy("plural", "pemerintah daerah")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["region_code", "id"]),
            models.Index(fields=["domain", "id"]),
            models.Index(fields=["ict_office", "id"]),
            models.Index(fields=["regulation", "id"]),
            models.Index(fields=["kind", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    @property
    def region_name(self) -> str:
        """ "Parigi Moutong" of "Pemerintah Kabupaten Parigi Moutong"."""
        region = self.name
        for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi ", "Pemerintah "):
            region = region.removeprefix(prefix)
        return region

    @property
    def leader_title(self) -> str:
        """ "Bupati Parigi Moutong" / "Wali Kota Palu" / "Gubernur Sulawesi Tengah": follows the kind."""
        from .choices import kind_label

        return f"{kind_label(self.kind, 'leader')} {self.region_name}"

    def clean(self):
        if self.ict_office_id and self.pk and self.ict_office.government_id != self.pk:
            raise ValidationError({"ict_office": _("Dinas Kominfo harus Perangkat Daerah pemerintah ini.")})


class Agency(BaseModel):
    """A Perangkat Daerah, or a sub-unit of one (parent)."""

    government = models.ForeignKey(Government, verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=12, choices=AgencyKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.ForeignKey(
        "org.Person",
        verbose_name=_("kepala"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    designation = models.CharField(
        _("fungsi kelembagaan"),
        max_length=24,
        choices=AgencyDesignation.choices,
        blank=True,
        db_index=True,
        help_text=_(
            "Peran kelembagaan yang dapat disebut regulasi sebagai subjek kewajiban atau anggota tim "
            "koordinasi (Sekretariat Daerah, Bappeda, Inspektorat, ...)."
        ),
    )
    ict_autonomous = models.BooleanField(
        _("PD Mandiri TIK"),
        default=False,
        help_text=_("Diizinkan membangun dan mengelola aplikasi/server sendiri setelah penilaian."),
    )
    autonomy_decree = models.ForeignKey(
        "org.Decree",
        verbose_name=_("keputusan PD Mandiri TIK"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    owner_field = "id"
    tree_parent_field = "parent"  # moving an agency = a new parent (permissions.may_place)
    search_fields = ("name", "short_name")
    import_key_fields = ("short_name", "name")

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = pgettext_lazy("plural", "perangkat daerah")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "short_name"], name="org_agency_unique_short_name"),
            models.UniqueConstraint(fields=["government", "name"], name="org_agency_unique_name"),
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["short_name", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["ict_autonomous", "id"]),
            models.Index(fields=["email", "id"]),
            models.Index(fields=["phone", "id"]),
            models.Index(fields=["head", "id"]),
            models.Index(fields=["kind", "name", "id"]),
            models.Index(fields=["designation", "name", "id"]),
            models.Index(fields=["parent", "name", "id"]),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError(
                    {"parent": _("Perangkat Daerah tidak dapat menjadi induk dirinya sendiri.")}
                )
            node, seen = self.parent, set()
            while node is not None and node.pk not in seen:
                if node.pk == self.pk:
                    raise ValidationError({"parent": _("Induk ini membuat struktur melingkar.")})
                seen.add(node.pk)
                node = node.parent
        if self.ict_autonomous and not self.autonomy_decree_id:
            raise ValidationError(
                {"autonomy_decree": _("PD Mandiri TIK wajib memiliki keputusan yang menetapkannya.")}
            )


class Person(AgencyOwnedModel):
    """A member of staff: civil servants carry an 18-digit NIP, other staff none."""

    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    employment = models.CharField(
        _("status kepegawaian"),
        max_length=8,
        choices=EmploymentKind.choices,
        default=EmploymentKind.CIVIL_SERVANT,
    )
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        help_text=_("18 digit, untuk PNS dan PPPK."),
    )
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    search_fields = ("name", "nip", "position", "email")
    identifier_fields = ("nip",)  # a query of digits is looked up here first (B-tree prefix)
    # Personal data (UU 27/2022): read in full by the person's own agency and the government-wide
    # roles that need it (org/policy.py PERSONAL_DATA_ROLES); others see name, position, agency.
    # The birth date is part of the NIP.
    personal_fields = ("nip", "email", "phone", "gender")

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = pgettext_lazy("plural", "pegawai")
        ordering = ["name", "id"]
        # Every order the list offers (default, each sortable column, then id in the same
        # direction) and each default filter with the default order reads its page straight
        # from an index (tests/core/test_ordering_indexes.py); (employment, nip|position) serve
        # the employment filter with those sorts.
        indexes = [
            models.Index(fields=["employment", "nip"]),
            models.Index(fields=["employment", "position"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["nip", "id"]),
            models.Index(fields=["employment", "id"]),
            models.Index(fields=["position", "id"]),
            models.Index(fields=["email", "id"]),
            models.Index(fields=["phone", "id"]),
            models.Index(fields=["gender", "id"]),
            models.Index(fields=["agency", "name", "id"]),
            models.Index(fields=["employment", "name", "id"]),
            models.Index(fields=["gender", "name", "id"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip() if self.front_title else self.name
        return f"{name}, {self.back_title}" if self.back_title else name

    def clean(self):
        self.nip = (self.nip or "").replace(" ", "") or None
        needs_nip = self.employment in (EmploymentKind.CIVIL_SERVANT, EmploymentKind.CONTRACT_SERVANT)
        if needs_nip and not self.nip:
            raise ValidationError({"nip": _("NIP wajib diisi untuk PNS dan PPPK.")})
        if not needs_nip and self.nip:
            raise ValidationError({"nip": _("Pegawai Non-ASN tidak memiliki NIP; kosongkan kolom ini.")})
        if self.nip:
            try:
                parts = parse_nip(self.nip)
            except ValidationError as error:
                raise ValidationError({"nip": error.messages})
            if self.gender and self.gender != parts.gender:
                raise ValidationError({"gender": _("Jenis kelamin tidak sesuai dengan digit ke-15 NIP.")})
            if not self.gender:
                self.gender = parts.gender


def person_label(user) -> str | None:
    """How other people see a user (core.people): "name, titles · position, agency short name"."""
    try:
        person = user.person
    except Person.DoesNotExist:
        return None
    if person is None:
        return None
    where = ", ".join(part for part in (person.position, person.agency.short_name) if part)
    return f"{person.full_name} · {where}" if where else person.full_name


class Decree(AgencyOwnedModel, ClassifiedModel):
    """A decree of the head of region (Keputusan Bupati / Wali Kota / Gubernur) or of an agency head, or a
    regulation of the head of region, that some acts require."""

    agency_label = _("perangkat daerah penerbit/pengusul")
    kind = models.CharField(_("jenis"), max_length=20, choices=DecreeKind.choices, default=DecreeKind.REGENT)
    number = models.CharField(_("nomor"), max_length=100)
    date = models.DateField(_("tanggal ditetapkan"))
    title = models.CharField(_("tentang"), max_length=300)
    document = models.FileField(
        _("dokumen bertanda tangan (PDF)"),
        upload_to="decrees/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    document_sha256 = models.CharField(_("SHA-256 dokumen"), max_length=64, blank=True, editable=False)

    search_fields = ("number", "title")

    class Meta:
        verbose_name = _("keputusan")
        verbose_name_plural = pgettext_lazy("plural", "keputusan")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "number"], name="org_decree_unique_number")
        ]
        indexes = [
            models.Index(fields=["date", "-number", "-id"]),
            models.Index(fields=["number", "id"]),
            models.Index(fields=["date", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["kind", "id"]),
            models.Index(fields=["classification", "id"]),
            models.Index(fields=["agency", "date", "-number", "-id"]),
            models.Index(fields=["kind", "date", "-number", "-id"]),
            models.Index(fields=["classification", "date", "-number", "-id"]),
        ]

    def __str__(self):
        # The neutral kind label, the same wherever the decree is named (choices, API display).
        return f"{DecreeKind(self.kind).label if self.kind in DecreeKind.values else self.kind} {self.number}: {self.title}"

    def get_kind_display(self) -> str:
        """ "Keputusan Wali Kota" for a city's decree: the label follows the issuing government's kind
        when it was loaded with the decree (select_related("agency__government"): lists do); never a
        query of its own, so a list of decrees or a choice of them costs the same at any size. Else
        the neutral label ("Keputusan Kepala Daerah")."""
        from .choices import decree_kind_label

        kind = None
        if Decree.agency.is_cached(self) and Agency.government.is_cached(self.agency):
            kind = self.agency.government.kind
        return decree_kind_label(self.kind, kind)


class RoleAssignment(AgencyOwnedModel):
    """A role held by a user, scoped to one agency (and its sub-units) or the whole government."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices, db_index=True)
    agency_label = _("cakupan perangkat daerah")
    agency_optional = True
    agency_help_text = _("Kosongkan untuk cakupan seluruh pemerintah daerah.")
    valid_from = models.DateField(_("berlaku sejak"), default=timezone.localdate)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    search_fields = ("user__username", "role")

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = pgettext_lazy("plural", "penugasan peran")
        ordering = ["user__username", "role"]
        indexes = [
            # The list sorts by user name, then role: per user from these, filtered by role or agency.
            models.Index(fields=["user", "role", "id"]),
            models.Index(fields=["user", "agency"]),
            models.Index(fields=["user", "valid_from", "valid_until"]),
            models.Index(fields=["role", "id"]),
            models.Index(fields=["valid_from", "id"]),
            models.Index(fields=["valid_until", "id"]),
        ]
        constraints = [
            # Government-only roles cannot carry an agency scope (see clean()).
            models.CheckConstraint(
                condition=~models.Q(role__in=[r.value for r in GOVERNMENT_ONLY_ROLES])
                | models.Q(agency__isnull=True),
                name="org_roleassignment_government_role_unscoped",
            )
        ]

    def __str__(self):
        scope = self.agency.short_name if self.agency_id else _("seluruh pemda")
        return f"{self.user.get_username()}: {self.get_role_display()} ({scope})"

    def get_role_display(self) -> str:
        """The leader's role names the head of region of the government's kind ("Pimpinan (Wali
        Kota/Sekda)"); a government-wide assignment takes the kind that every government shares."""
        from .choices import Role, role_label

        if self.role != Role.LEADER:
            return role_label(self.role)
        if self.agency_id:
            return role_label(self.role, self.agency.government.kind)
        from .selectors import shared_government_kind

        return role_label(self.role, shared_government_kind())

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Tanggal akhir tidak boleh sebelum tanggal mulai.")})
        if self.agency_id is not None and self.role in GOVERNMENT_ONLY_ROLES:
            raise ValidationError(
                {
                    "agency": _(
                        "Peran %(role)s berlaku untuk seluruh pemerintah daerah: kosongkan cakupan "
                        "perangkat daerah."
                    )
                    % {"role": self.get_role_display()}
                }
            )

    def save(self, *args, **kwargs):
        # Whoever saves it (a page, the API, an import, the admin), a person acting may only
        # grant or end what the policy lets them: the one check lives in org.services.
        from .services import check_assignment_write

        check_assignment_write(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from .services import check_assignment_write

        check_assignment_write(self, deleting=True)
        return super().delete(*args, **kwargs)

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class CoordinationTeam(BaseModel):
    """Tim Koordinasi SPBE, set by a decree."""

    government = models.ForeignKey(Government, verbose_name=_("pemerintah daerah"), on_delete=models.PROTECT)
    name = models.CharField(_("nama"), max_length=200, default="Tim Koordinasi SPBE")
    decree = models.ForeignKey(
        Decree, verbose_name=_("keputusan pembentukan"), null=True, blank=True, on_delete=models.PROTECT
    )
    period_start = models.DateField(_("masa kerja mulai"), null=True, blank=True)
    period_end = models.DateField(_("masa kerja selesai"), null=True, blank=True)

    owner_field = None
    search_fields = ("name",)

    class Meta:
        verbose_name = _("tim koordinasi SPBE")
        verbose_name_plural = pgettext_lazy("plural", "tim koordinasi SPBE")
        ordering = ["-period_start", "name"]
        indexes = [
            models.Index(fields=["period_start", "-name", "-id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["period_start", "id"]),
            models.Index(fields=["period_end", "id"]),
            models.Index(fields=["government", "period_start", "-name", "-id"]),
        ]

    def __str__(self):
        return self.name


class CoordinationTeamMember(BaseModel):
    team = models.ForeignKey(
        CoordinationTeam, verbose_name=_("tim"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(Person, verbose_name=_("pegawai"), on_delete=models.PROTECT)
    position = models.CharField(
        _("kedudukan"), max_length=12, choices=TeamPosition.choices, default=TeamPosition.MEMBER
    )
    duty = models.CharField(_("tugas dalam tim"), max_length=200, blank=True)

    owner_field = None
    search_fields = ("person__name", "duty")

    class Meta:
        verbose_name = _("anggota tim koordinasi")
        verbose_name_plural = pgettext_lazy("plural", "anggota tim koordinasi")
        ordering = ["team", "position", "person__name"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="org_team_member_unique")]
        indexes = [
            models.Index(fields=["team", "position"]),
            models.Index(fields=["position", "id"]),
            models.Index(fields=["duty", "id"]),
            models.Index(fields=["position", "team"]),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_position_display()})"


__all__ = [
    "Government",
    "Agency",
    "Person",
    "Decree",
    "RoleAssignment",
    "CoordinationTeam",
    "CoordinationTeamMember",
    "Role",
]
