"""The compliance checks and evidence kinds the infrastructure module answers.

- `agency_hosting_rule`: whether an agency runs servers (or a server room) outside the data centre,
  judged by the profile's `agency_hosting` parameter (data, not code): `forbidden` (Pangkep Pasal 10
  ayat (2)-(3); Bengkulu Tengah Pasal 6 ayat (2)-(3)), `autonomous_only` (Parigi Moutong Pasal 15
  ayat (9)-(10): only an ICT-autonomous agency), `coordinated_local` (Sigi Pasal 14 ayat (7)-(8);
  Kutai Barat Pasal 16 ayat (6)-(7): with the ICT office's coordination), `unspecified`.
- `backups_restored`: every active backup plan has a successful restore drill within its period.
- Evidence kinds for `record_every`: network_diagram, backup_run, restore_test, asset_inventory;
  review documents for `review_within`: data_center, intra_network.
A run reads everything in a handful of queries per government.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.compliance.selectors import profile_parameters
from spbe.core import checks
from spbe.core.checks import CheckType, EvidenceKind, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.selectors import subtree_map

from .choices import DATA_CENTER_KINDS, FacilityKind, ReviewedInfrastructure, RunResult, ServerStatus
from .models import Asset, BackupPlan, Domain, Facility, Mailbox, RestoreTest, Server

NO_PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}
NAMED_LIMIT = 8


def _names(items) -> list:
    shown = [str(item) for item in items[:NAMED_LIMIT]]
    if len(items) > NAMED_LIMIT:
        shown.append(msg(gettext_noop("dan %(n)d lainnya"), n=len(items) - NAMED_LIMIT))
    return shown


def _agency_ids(subject, tree) -> list:
    return tree.get(subject.agency.pk, [subject.agency.pk]) if subject.agency is not None else None


def _hosting_data(government, ctx):
    key = f"infrastructure:hosting:{government.pk}"
    if key not in ctx:
        servers = list(
            Server._base_manager.filter(agency__government=government)
            .exclude(status=ServerStatus.RETIRED)
            .select_related("facility", "agency")
            .order_by("name", "pk")
        )
        rooms = list(
            Facility._base_manager.filter(
                agency__government=government, kind=FacilityKind.AGENCY_ROOM
            ).order_by("name")
        )
        ctx[key] = (servers, rooms, subtree_map(government), profile_parameters(government))
    return ctx[key]


RULE_TEXT = {
    "forbidden": gettext_noop("Regulasi melarang server PD di luar pusat data."),
    "autonomous_only": gettext_noop("Regulasi mengizinkan server sendiri hanya bagi PD Mandiri TIK."),
    "coordinated_local": gettext_noop(
        "Regulasi mengizinkan infrastruktur sendiri dengan koordinasi Dinas Kominfo."
    ),
    "unspecified": gettext_noop("Regulasi tidak mengatur server PD di luar pusat data."),
}


def outside_allowed(rule: str, server) -> bool:
    """May this server stand outside the data centre under the profile's rule?"""
    if rule == "forbidden":
        return False
    if rule == "autonomous_only":
        return bool(server.agency.ict_autonomous)
    if rule == "coordinated_local":
        return bool(server.coordinated)
    return True


@checks.register_check
class AgencyHostingRule(CheckType):
    name = "agency_hosting_rule"
    label = gettext_lazy("Server PD di pusat data sesuai regulasi")
    depends_on = ("infrastructure.Server", "infrastructure.Facility", "org.Agency")
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            servers, rooms, tree, params = _hosting_data(subject.government, ctx)
            ids = _agency_ids(subject, tree)
            mine = servers if ids is None else [s for s in servers if s.agency_id in ids]
            my_rooms = rooms if ids is None else [r for r in rooms if r.agency_id in ids]
            out[subject.key] = self.outcome(
                subject, mine, my_rooms, str(params.get("agency_hosting") or "unspecified")
            )
        return out

    def outcome(self, subject, servers, rooms, rule) -> Outcome:
        query = f"?agency={subject.agency.pk}" if subject.agency is not None else ""
        evidence = [
            {"label": gettext_lazy("Daftar server"), "url": reverse("infrastructure:server_list") + query}
        ]
        why = msg(RULE_TEXT.get(rule, RULE_TEXT["unspecified"]))
        if not servers and not rooms:
            return Outcome(
                Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada server PD yang tercatat.")), evidence
            )
        outside = [s for s in servers if not (s.facility_id and s.facility.kind in DATA_CENTER_KINDS)]
        violations = [s for s in outside if not outside_allowed(rule, s)]
        room_violation = rule == "forbidden" and rooms
        if not violations and not room_violation:
            text = (
                msg(gettext_noop("%(why)s Semua %(n)d server berada di pusat data."), why=why, n=len(servers))
                if not outside
                else msg(
                    gettext_noop("%(why)s %(n)d server di luar pusat data diizinkan: %(list)s."),
                    why=why,
                    n=len(outside),
                    list=_names(outside),
                )
            )
            return Outcome(Status.MET, text, evidence)
        named = violations + list(rooms if room_violation else [])
        evidence = [{"label": str(item), "url": item.get_absolute_url()} for item in named[:20]] + evidence
        step = {
            "autonomous_only": gettext_noop(
                "Pindahkan server ke pusat data (kolokasi atau VPS Dinas Kominfo), atau tetapkan PD sebagai PD Mandiri TIK."
            ),
            "coordinated_local": gettext_noop(
                "Koordinasikan server di luar pusat data dengan Dinas Kominfo, atau pindahkan ke pusat data."
            ),
        }.get(rule, gettext_noop("Pindahkan server ke pusat data Dinas Kominfo (kolokasi atau VPS)."))
        return Outcome(
            Status.PARTLY_MET if len(violations) < len(servers) and not room_violation else Status.UNMET,
            msg(
                gettext_noop("%(why)s Melanggar: %(list)s."),
                why=why,
                list=_names(named),
            ),
            evidence,
            next_step=msg(step),
        )


@checks.register_check
class BackupsRestored(CheckType):
    """A backup counts only once a restore has proven it: each active plan needs a successful
    restore drill within its own period (`restore_every_months`)."""

    name = "backups_restored"
    label = gettext_lazy("Cadangan terbukti dengan uji pemulihan")
    depends_on = ("infrastructure.BackupPlan", "infrastructure.RestoreTest")
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            plans, last, tree = self.run_data(subject.government, ctx)
            ids = _agency_ids(subject, tree)
            mine = plans if ids is None else [p for p in plans if p.agency_id in ids]
            out[subject.key] = self.outcome(subject, mine, last)
        return out

    def run_data(self, government, ctx):
        key = f"infrastructure:backups:{government.pk}"
        if key not in ctx:
            plans = list(
                BackupPlan._base_manager.filter(agency__government=government, active=True).order_by(
                    "name", "pk"
                )
            )
            last = {}
            rows = (
                RestoreTest._base_manager.filter(
                    plan__agency__government=government, result=RunResult.SUCCESS
                )
                .order_by("plan_id", "-tested_on")
                .values_list("plan_id", "tested_on")
            )
            for plan_id, tested_on in rows:
                last.setdefault(plan_id, tested_on)
            ctx[key] = (plans, last, subtree_map(government))
        return ctx[key]

    def outcome(self, subject, plans, last) -> Outcome:
        query = f"?agency={subject.agency.pk}" if subject.agency is not None else ""
        evidence = [
            {
                "label": gettext_lazy("Rencana pencadangan"),
                "url": reverse("infrastructure:backupplan_list") + query,
            }
        ]
        if not plans:
            return Outcome(
                Status.UNMET,
                msg(gettext_noop("Belum ada rencana pencadangan.")),
                evidence,
                next_step=msg(gettext_noop("Susun rencana pencadangan untuk setiap sistem.")),
            )
        today = timezone.localdate()
        unproven = []
        for plan in plans:
            since = today - datetime.timedelta(days=round(plan.restore_every_months * 30.44))
            tested = last.get(plan.pk)
            if tested is None or tested < since:
                unproven.append(plan)
        if not unproven:
            return Outcome(
                Status.MET,
                msg(
                    gettext_noop(
                        "Semua %(n)d rencana pencadangan terbukti dengan uji pemulihan dalam periodenya."
                    ),
                    n=len(plans),
                ),
                evidence,
            )
        evidence = [{"label": str(p), "url": p.get_absolute_url()} for p in unproven[:20]] + evidence
        return Outcome(
            Status.PARTLY_MET if len(unproven) < len(plans) else Status.UNMET,
            msg(
                gettext_noop(
                    "%(bad)d dari %(n)d rencana pencadangan belum diuji pulih dalam periodenya: %(list)s."
                ),
                bad=len(unproven),
                n=len(plans),
                list=_names(unproven),
            ),
            evidence,
            next_step=msg(gettext_noop("Lakukan uji pemulihan dan catat hasilnya.")),
        )


@checks.register_check
class BandwidthAccessDecided(CheckType):
    """The ICT office sets each agency's bandwidth and the sites it may not reach, or reach only
    within set hours (Sigi Pasal 14 ayat (4)): every agency has a bandwidth allocation in force,
    and an access policy applies to it (its own, or the one for every agency), each cited by the
    decision that set it."""

    name = "bandwidth_access_decided"
    label = gettext_lazy("Bandwidth per PD dan kebijakan akses ditetapkan")
    depends_on = ("infrastructure.BandwidthAllocation", "infrastructure.AccessPolicy", "org.Agency")
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            agencies, allocated, own, general, tree = self.run_data(subject.government, ctx)
            ids = _agency_ids(subject, tree) if obligation.subject == "each_agency" else None
            mine = agencies if ids is None else [a for a in agencies if a.pk in ids]
            out[subject.key] = self.outcome(mine, allocated, own, general)
        return out

    def run_data(self, government, ctx):
        from spbe.org.models import Agency

        from .models import AccessPolicy, BandwidthAllocation

        key = f"infrastructure:bandwidth:{government.pk}"
        if key not in ctx:
            today = timezone.localdate()
            agencies = list(
                Agency._base_manager.filter(government=government, parent__isnull=True).order_by("name", "pk")
            )
            allocated = set(
                BandwidthAllocation._base_manager.filter(
                    agency__government=government, effective_from__lte=today
                ).values_list("agency_id", flat=True)
            )
            policies = AccessPolicy._base_manager.filter(effective_from__lte=today)
            own = set(policies.filter(agency__government=government).values_list("agency_id", flat=True))
            general = policies.filter(agency__isnull=True).exists()
            ctx[key] = (agencies, allocated, own, general, subtree_map(government))
        return ctx[key]

    def outcome(self, agencies, allocated, own, general) -> Outcome:
        evidence = [
            {
                "label": gettext_lazy("Alokasi bandwidth"),
                "url": reverse("infrastructure:bandwidthallocation_list"),
            },
            {
                "label": gettext_lazy("Kebijakan akses internet"),
                "url": reverse("infrastructure:accesspolicy_list"),
            },
        ]
        if not agencies:
            return Outcome(Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada PD yang tercatat.")), evidence)
        no_bandwidth = [a for a in agencies if a.pk not in allocated]
        no_policy = [] if general else [a for a in agencies if a.pk not in own]
        if not no_bandwidth and not no_policy:
            return Outcome(
                Status.MET,
                msg(
                    gettext_noop(
                        "Semua %(n)d PD mempunyai alokasi bandwidth dan kebijakan akses yang ditetapkan dengan keputusan."
                    ),
                    n=len(agencies),
                ),
                evidence,
            )
        parts = []
        if no_bandwidth:
            parts.append(
                msg(
                    gettext_noop("tanpa alokasi bandwidth: %(list)s"),
                    list=_names([_short(a) for a in no_bandwidth]),
                )
            )
        if no_policy:
            parts.append(
                msg(
                    gettext_noop("tanpa kebijakan akses: %(list)s"),
                    list=_names([_short(a) for a in no_policy]),
                )
            )
        lacking = {a.pk for a in no_bandwidth} | {a.pk for a in no_policy}
        return Outcome(
            Status.PARTLY_MET if len(lacking) < len(agencies) else Status.UNMET,
            msg(gettext_noop("PD %(parts)s."), parts=parts),
            evidence,
            next_step=msg(
                gettext_noop(
                    "Tetapkan alokasi bandwidth setiap PD dan kebijakan akses (untuk semua PD atau per PD) dengan keputusan, lalu catat nomornya."
                )
            ),
        )


def _short(agency) -> str:
    return agency.short_name or agency.name


EVIDENCE_KINDS = (
    EvidenceKind(
        "network_diagram",
        gettext_lazy("Diagram jaringan lokal PD"),
        "infrastructure.NetworkDiagram",
        "submitted_on",
        "agency",
        list_url_name="infrastructure:networkdiagram_list",
    ),
    EvidenceKind(
        "backup_run",
        gettext_lazy("Pencadangan berhasil"),
        "infrastructure.BackupRun",
        "run_on",
        "plan__agency",
        filter={"result": RunResult.SUCCESS.value},
        list_url_name="infrastructure:backuprun_list",
    ),
    EvidenceKind(
        "restore_test",
        gettext_lazy("Uji pemulihan berhasil"),
        "infrastructure.RestoreTest",
        "tested_on",
        "plan__agency",
        filter={"result": RunResult.SUCCESS.value},
        list_url_name="infrastructure:restoretest_list",
    ),
    EvidenceKind(
        "asset_inventory",
        gettext_lazy("Laporan aset TIK kepada kepala daerah"),
        "infrastructure.AssetReport",
        "reported_on",
        None,
        list_url_name="infrastructure:assetreport_list",
    ),
)
for _kind in EVIDENCE_KINDS:
    checks.register_evidence_kind(_kind)

for _document, _label in (
    (ReviewedInfrastructure.DATA_CENTER, gettext_lazy("Reviu layanan Pusat Data")),
    (ReviewedInfrastructure.INTRA_NETWORK, gettext_lazy("Reviu layanan Jaringan Intra Pemerintah Daerah")),
):
    checks.register_review_document(
        EvidenceKind(
            str(_document),
            _label,
            "infrastructure.InfrastructureReview",
            "date",
            None,
            filter={"document": str(_document)},
            list_url_name="infrastructure:infrastructurereview_list",
        )
    )


class RecordRule(CheckType):
    """One rule over a subject's records of one model: not applicable when it has none, met when
    all comply, partly met when some do, unmet when none does; the offending ones are named."""

    model = None
    list_url_name = ""
    list_label = ""
    none_text = gettext_noop("Belum ada data yang tercatat.")
    all_text = gettext_noop("Semua %(n)d memenuhi.")
    some_text = gettext_noop("%(good)d dari %(n)d memenuhi. Belum: %(list)s.")
    next_step = ""
    param_schema = NO_PARAMS
    agency_path = "agency"

    def records(self, government):
        return self.model._base_manager.filter(**{f"{self.agency_path}__government": government})

    def complies(self, record, params) -> bool:
        raise NotImplementedError

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            key = f"infrastructure:{self.name}:{subject.government.pk}"
            if key not in ctx:
                ctx[key] = (
                    list(self.records(subject.government)),
                    subtree_map(subject.government),
                    profile_parameters(subject.government),
                )
            rows, tree, params = ctx[key]
            # An obligation on the ICT office or the leaders (who decide for everyone) looks at
            # the whole government's records; one on each agency at the agency's own.
            ids = (
                _agency_ids(subject, tree)
                if obligation.subject in ("each_agency", "autonomous_agencies")
                else None
            )
            mine = rows if ids is None else [r for r in rows if self._agency_id(r) in ids]
            out[subject.key] = self.outcome(subject, mine, params)
        return out

    def _agency_id(self, record):
        node = record
        parts = self.agency_path.split("__")
        for part in parts[:-1]:
            node = getattr(node, part)
        return getattr(node, parts[-1] + "_id")

    def outcome(self, subject, records, params) -> Outcome:
        query = f"?agency={subject.agency.pk}" if subject.agency is not None else ""
        evidence = [{"label": self.list_label, "url": reverse(self.list_url_name) + query}]
        if not records:
            return Outcome(Status.NOT_APPLICABLE, msg(self.none_text), evidence)
        failing = [r for r in records if not self.complies(r, params)]
        if not failing:
            return Outcome(Status.MET, msg(self.all_text, n=len(records)), evidence)
        evidence = [{"label": str(r), "url": r.get_absolute_url()} for r in failing[:20]] + evidence
        good = len(records) - len(failing)
        return Outcome(
            Status.PARTLY_MET if good else Status.UNMET,
            msg(self.some_text, good=good, n=len(records), list=_names(failing)),
            evidence,
            next_step=msg(self.next_step),
        )


@checks.register_check
class SubdomainsGranted(RecordRule):
    """Every subdomain in use was set by whoever the profile names (Pangkep Pasal 14 ayat (4);
    Bengkulu Tengah Pasal 9 ayat (4); Parigi Moutong Pasal 26 ayat (4))."""

    model = Domain
    name = "subdomains_granted"
    label = gettext_lazy("Subdomain ditetapkan pejabat yang berwenang")
    depends_on = ("infrastructure.Domain",)
    list_url_name = "infrastructure:domain_list"
    list_label = gettext_lazy("Domain dan subdomain")
    none_text = gettext_noop("Belum ada subdomain yang tercatat.")
    all_text = gettext_noop("Semua %(n)d subdomain telah ditetapkan.")
    some_text = gettext_noop("%(good)d dari %(n)d subdomain telah ditetapkan. Belum: %(list)s.")
    next_step = gettext_noop("Ajukan penetapan subdomain yang belum ditetapkan.")

    def records(self, government):
        from .choices import DomainStatus

        return super().records(government).exclude(status=DomainStatus.RETIRED).order_by("name")

    def complies(self, record, params):
        return record.status == "granted"


@checks.register_check
class OfficialMailboxes(RecordRule):
    """Agencies communicate through accounts under the official domain (Parigi Moutong Pasal 26
    ayat (2)): met when the agency has active official accounts, all under the domain."""

    model = Mailbox
    name = "official_mailboxes"
    label = gettext_lazy("Email kedinasan di domain resmi")
    depends_on = ("infrastructure.Mailbox",)
    list_url_name = "infrastructure:mailbox_list"
    list_label = gettext_lazy("Email resmi")
    none_text = gettext_noop("Belum ada akun email resmi yang tercatat.")
    all_text = gettext_noop("Semua %(n)d akun email resmi berada di domain resmi.")
    some_text = gettext_noop("%(good)d dari %(n)d akun email berada di domain resmi. Belum: %(list)s.")
    next_step = gettext_noop("Pindahkan komunikasi kedinasan ke alamat di domain resmi.")

    def records(self, government):
        return (
            super()
            .records(government)
            .filter(status="active")
            .select_related("agency__government")
            .order_by("address")
        )

    def complies(self, record, params):
        domain = str(params.get("official_domain") or record.agency.government.domain or "").lower()
        return not domain or record.address.lower().endswith("@" + domain)


@checks.register_check
class DevicesRecommended(RecordRule):
    """Devices an agency buys, adds or replaces have the ICT office's recommendation first (Sigi
    Pasal 14 ayat (5)-(6); Kutai Barat Pasal 16 ayat (5)): hardware bought from the regional budget
    in the last 24 months."""

    model = Asset
    name = "devices_recommended"
    label = gettext_lazy("Pengadaan perangkat dengan rekomendasi Dinas Kominfo")
    depends_on = ("infrastructure.Asset",)
    list_url_name = "infrastructure:asset_list"
    list_label = gettext_lazy("Aset TIK")
    none_text = gettext_noop("Tidak ada pengadaan perangkat dari APBD dalam 24 bulan terakhir.")
    all_text = gettext_noop("Semua %(n)d pengadaan perangkat memperoleh rekomendasi Dinas Kominfo.")
    some_text = gettext_noop(
        "%(good)d dari %(n)d pengadaan perangkat memperoleh rekomendasi Dinas Kominfo. Belum: %(list)s."
    )
    next_step = gettext_noop("Minta rekomendasi Dinas Kominfo sebelum membeli atau mengganti perangkat.")

    def records(self, government):
        since = timezone.localdate() - datetime.timedelta(days=730)
        return (
            super()
            .records(government)
            .filter(source="regional", acquired_on__gte=since)
            .exclude(category="software")
            .order_by("tag")
        )

    def complies(self, record, params):
        return record.recommendation_id is not None


@checks.register_check
class OffsiteBackups(RecordRule):
    """Backups are kept away from the data centre and its risks (Sigi Pasal 14 ayat (12); Kutai
    Barat Pasal 16; Pangkep Pasal 23 ayat (3)): every active plan keeps an off-site copy."""

    model = BackupPlan
    name = "offsite_backups"
    label = gettext_lazy("Salinan cadangan terpisah dari pusat data")
    depends_on = ("infrastructure.BackupPlan",)
    list_url_name = "infrastructure:backupplan_list"
    list_label = gettext_lazy("Rencana pencadangan")
    none_text = gettext_noop("Belum ada rencana pencadangan.")
    all_text = gettext_noop("Semua %(n)d rencana pencadangan menyimpan salinan di luar pusat data.")
    some_text = gettext_noop(
        "%(good)d dari %(n)d rencana pencadangan menyimpan salinan di luar pusat data. Belum: %(list)s."
    )
    next_step = gettext_noop("Simpan salinan cadangan di lokasi yang jauh dari pusat data.")

    def records(self, government):
        return super().records(government).filter(active=True).order_by("name")

    def complies(self, record, params):
        return bool(record.offsite_copy and record.offsite_location.strip())
