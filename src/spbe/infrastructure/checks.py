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
from .models import BackupPlan, Facility, RestoreTest, Server

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
            plans, last, tree = self._data(subject.government, ctx)
            ids = _agency_ids(subject, tree)
            mine = plans if ids is None else [p for p in plans if p.agency_id in ids]
            out[subject.key] = self.outcome(subject, mine, last)
        return out

    def _data(self, government, ctx):
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
