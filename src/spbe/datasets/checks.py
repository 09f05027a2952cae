"""The compliance checks the Satu Data catalog answers, and its evidence kind.

Every check evaluates a subject agency (with its sub-units) over its datasets that have left
planning (the yearly data list is a plan, not yet data): not applicable when it has none; met when
all of them comply, partly met when some do, unmet when none does. Each outcome names the
offending datasets. A run reads a government's datasets once, whatever the number of checks.

- dataset_metadata_complete: the catalog fields and the Satu Data schema's required metadata
  (Sigi Pasal 11 ayat (5), Kutai Barat Pasal 13 ayat (6)).
- open_data_published: the agency disseminates at least one OPEN dataset (Parigi Moutong Pasal 13
  ayat (2) huruf d).
- dataset_updated_within_frequency: up to date against its own frequency (Pangkep Pasal 16 ayat
  (1), Bengkulu Tengah Pasal 11 ayat (1)).
- dataset_steward_by_decree: a steward designated by decree for each dataset (Pangkep Pasal 15
  ayat (5), Bengkulu Tengah Pasal 10 ayat (5)).
- dataset_classified: the steward has set the confidentiality of each dataset (Sigi Pasal 18 ayat
  (3), Kutai Barat Pasal 20 ayat (3)).
- dataset_key_type: datasets of a database group keyed as the regulation demands (Bengkulu Tengah
  Pasal 10 ayat (6)-(7): staff data by NIP, population data by NIK).
- data_stored_in_data_centre: the servers of the applications producing a dataset stand in the
  data centre the profile names (Sigi Pasal 11 ayat (3): the agency's own; Kutai Barat Pasal 13
  ayat (4): the ICT office's).
- data_shared_under_agreement: no other agency uses a LIMITED dataset without a live agreement,
  nor a CLOSED one at all (Sigi Pasal 11 ayat (1), Kutai Barat Pasal 13 ayat (1)-(2)).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.core import checks
from spbe.core.checks import CheckType, EvidenceKind, Outcome, Status
from spbe.core.checks import message as msg
from spbe.core.choices import Classification
from spbe.org.selectors import subtree_map

from . import metadata, selectors
from .choices import DatasetStage, KeyType
from .models import Dataset

NO_PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}
NAMED_LIMIT = 8


@dataclass
class RunData:
    datasets: list
    by_agency: dict = field(default_factory=dict)
    tree: dict = field(default_factory=dict)


def run_data(government, ctx: dict) -> RunData:
    key = f"datasets:{government.pk}"
    if key not in ctx:
        datasets = list(
            Dataset._base_manager.filter(agency__government=government)
            .exclude(stage=DatasetStage.PLANNED)
            .order_by("title", "pk")
        )
        data = RunData(datasets)
        for d in datasets:
            data.by_agency.setdefault(d.agency_id, []).append(d)
        data.tree = subtree_map(government) if datasets else {}
        ctx[key] = data
    return ctx[key]


def _names(items: list[tuple]) -> list:
    shown = [
        msg(gettext_noop("%(dataset)s (%(problem)s)"), dataset=d.title, problem=problem)
        for d, problem in items[:NAMED_LIMIT]
    ]
    more = len(items) - NAMED_LIMIT
    if more > 0:
        shown.append(msg(gettext_noop("dan %(n)d lainnya"), n=more))
    return shown


class DatasetRule(CheckType):
    """One rule over a subject's datasets: `problem` says what is wrong with one (None: complies)."""

    depends_on = ("datasets.Dataset",)
    param_schema = NO_PARAMS
    next_step = ""

    def concerns(self, dataset, params) -> bool:
        return True

    def problem(self, dataset, params):
        raise NotImplementedError

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            data = run_data(subject.government, ctx)
            out[subject.key] = self.outcome(subject, data, obligation.params or {})
        return out

    def _datasets(self, subject, data: RunData) -> list:
        if subject.agency is None:
            return data.datasets
        ids = data.tree.get(subject.agency.pk, [subject.agency.pk])
        return [d for pk in ids for d in data.by_agency.get(pk, [])]

    def outcome(self, subject, data: RunData, params: dict) -> Outcome:
        concerned = [d for d in self._datasets(subject, data) if self.concerns(d, params)]
        if not concerned:
            return Outcome(Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada dataset yang dikumpulkan.")))
        failing = [(d, p) for d in concerned if (p := self.problem(d, params))]
        evidence = [{"label": gettext_lazy("Katalog Satu Data"), "url": reverse("datasets:dataset_list")}]
        if not failing:
            return Outcome(
                Status.MET,
                msg(gettext_noop("%(n)d dataset memenuhi."), n=len(concerned)),
                evidence,
            )
        status = Status.UNMET if len(failing) == len(concerned) else Status.PARTLY_MET
        return Outcome(
            status,
            msg(
                gettext_noop("%(bad)d dari %(n)d dataset belum memenuhi: %(names)s."),
                bad=len(failing),
                n=len(concerned),
                names=_names(failing),
            ),
            evidence,
            next_step=self.next_step,
        )


@checks.register_check
class MetadataComplete(DatasetRule):
    name = "dataset_metadata_complete"
    label = gettext_lazy("Metadata dataset lengkap")
    next_step = gettext_noop("Produsen data melengkapi metadata di tab Metadata Satu Data.")

    def problem(self, dataset, params):
        missing = [f for f in ("description", "database_group") if not getattr(dataset, f)]
        if not dataset.steward_id:
            missing.append("steward")
        missing += [f.key for f in metadata.missing(dataset.metadata)]
        return gettext_noop("metadata belum lengkap") if missing else None


@checks.register_check
class UpdatedWithinFrequency(DatasetRule):
    name = "dataset_updated_within_frequency"
    label = gettext_lazy("Dataset dimutakhirkan sesuai frekuensinya")
    next_step = gettext_noop("Produsen data mengunggah data terbaru.")

    def problem(self, dataset, params):
        return gettext_noop("tidak mutakhir") if dataset.is_stale else None


@checks.register_check
class StewardByDecree(DatasetRule):
    name = "dataset_steward_by_decree"
    label = gettext_lazy("Walidata dataset ditetapkan dengan keputusan")
    next_step = gettext_noop("Catat walidata dan keputusan penetapannya pada dataset.")

    def problem(self, dataset, params):
        if not dataset.steward_id:
            return gettext_noop("tanpa walidata")
        if not dataset.steward_decree_id:
            return gettext_noop("walidata tanpa keputusan")
        return None


@checks.register_check
class Classified(DatasetRule):
    name = "dataset_classified"
    label = gettext_lazy("Status kerahasiaan data ditetapkan walidata")
    next_step = gettext_noop("Walidata menetapkan klasifikasi di tab Tahapan.")

    def problem(self, dataset, params):
        return None if dataset.classified_at else gettext_noop("klasifikasi belum ditetapkan walidata")


@checks.register_check
class KeyTypeRule(DatasetRule):
    name = "dataset_key_type"
    label = gettext_lazy("Dataset berkunci sesuai ketentuan (NIP/NIK)")
    param_schema = {
        "type": "object",
        "required": ["group", "key"],
        "additionalProperties": False,
        "properties": {"group": {"type": "string"}, "key": {"enum": [KeyType.NIP.value, KeyType.NIK.value]}},
    }
    next_step = gettext_noop("Tetapkan kunci data dan kolom kuncinya pada dataset.")

    def concerns(self, dataset, params) -> bool:
        return dataset.database_group == params.get("group")

    def problem(self, dataset, params):
        return (
            None
            if dataset.key_type == params.get("key") and dataset.key_column
            else gettext_noop("kunci data tidak sesuai")
        )


@checks.register_check
class OpenDataPublished(CheckType):
    name = "open_data_published"
    label = gettext_lazy("Data terbuka disebarluaskan")
    depends_on = ("datasets.Dataset",)
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            data = run_data(subject.government, ctx)
            datasets = DatasetRule._datasets(None, subject, data)
            if not datasets:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada dataset yang dikumpulkan."))
                )
                continue
            published = [
                d
                for d in datasets
                if d.stage == DatasetStage.PUBLISHED and d.classification == Classification.OPEN
            ]
            if published:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("%(n)d dataset terbuka disebarluaskan."), n=len(published)),
                    [{"label": gettext_lazy("Portal data terbuka"), "url": reverse("opendata:index")}],
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop("Belum ada dataset terbuka yang disebarluaskan dari %(n)d dataset."),
                        n=len(datasets),
                    ),
                    next_step=msg(gettext_noop("Walidata menyebarluaskan dataset yang telah diterima.")),
                )
        return out


# A resource uploaded is the dated record that a dataset was updated (record_every).
checks.register_evidence_kind(
    EvidenceKind(
        "dataset_update",
        gettext_lazy("Pemutakhiran dataset (unggahan sumber data)"),
        "datasets.Resource",
        "created",
        "dataset__agency",
        list_url_name="datasets:resource_list",
    )
)


# --- Where data is stored, and with whom it is shared --------------------------------------------

DATA_CENTRE_KINDS = ("data_center", "recovery_center")
OWN_ROOM_KINDS = ("data_center", "recovery_center", "agency_room")


def _storage(government, data: RunData, ctx) -> dict:
    """Per dataset, the servers its producing agency's applications run on: [(server, facility
    kind, facility's managing agency)]. One query, whatever the number of datasets."""
    key = f"datasets:storage:{government.pk}"
    if key not in ctx:
        ctx[key] = selectors.dataset_servers([d.pk for d in data.datasets])
    return ctx[key]


@checks.register_check
class StoredInDataCentre(DatasetRule):
    """Sigi Pasal 11 ayat (3): data are kept in the data centre the agency concerned manages
    (`managed_by: producer`); Kutai Barat Pasal 13 ayat (4): in the data centre the ICT office
    manages (`managed_by: ict_office`; `national: true` where the national data centre counts as the
    government's, Parigi Moutong Pasal 15 ayat (3) and Pasal 16 ayat (1)). A dataset is stored where the servers of the producing
    agency's applications that produce it stand (infrastructure's server records)."""

    name = "data_stored_in_data_centre"
    label = gettext_lazy("Data disimpan di pusat data yang ditetapkan")
    depends_on = ("datasets.Dataset", "infrastructure.Server", "infrastructure.Facility")
    param_schema = {
        "type": "object",
        "required": ["managed_by"],
        "additionalProperties": False,
        "properties": {
            "managed_by": {"enum": ["producer", "ict_office"]},
            "national": {"type": "boolean"},
        },
    }
    next_step = gettext_noop(
        "Tautkan dataset ke aplikasi penghasilnya dan tempatkan servernya di pusat data yang ditetapkan."
    )

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            data = run_data(subject.government, ctx)
            params = dict(obligation.params or {})
            params["_storage"] = _storage(subject.government, data, ctx)
            params["_ict"] = subject.government.ict_office_id
            params["_tree"] = data.tree
            out[subject.key] = self.outcome(subject, data, params)
        return out

    def problem(self, dataset, params):
        servers = params["_storage"].get(dataset.pk, [])
        if not servers:
            return gettext_noop("lokasi penyimpanan tidak tercatat")
        if params.get("managed_by") == "ict_office":
            allowed = {params["_ict"]}
            kinds = DATA_CENTRE_KINDS
            if params.get(
                "national"
            ):  # the national data centre serves too (Parigi Moutong Pasal 15 ayat (3))
                servers = [s for s in servers if s[1] != "national"]
        else:
            allowed = set(params["_tree"].get(dataset.agency_id, [dataset.agency_id]))
            kinds = OWN_ROOM_KINDS
        outside = [s for s in servers if s[1] not in kinds or s[2] not in allowed]
        return gettext_noop("disimpan di luar pusat data yang ditetapkan") if outside else None


@checks.register_check
class SharedUnderAgreement(DatasetRule):
    """Sigi Pasal 11 ayat (1), Kutai Barat Pasal 13 ayat (1)-(2), Parigi Moutong Pasal 12 ayat (4):
    data that is not OPEN reaches another agency only under a live agreement. The catalog records
    which applications use a dataset: another agency's application using a LIMITED dataset needs
    that agency's approved, unexpired agreement; a CLOSED dataset is never used outside its agency,
    and no agreement may still be open on it."""

    name = "data_shared_under_agreement"
    label = gettext_lazy("Data berbagi pakai hanya dengan perjanjian yang berlaku")
    depends_on = ("datasets.Dataset", "datasets.DataShareRequest")
    next_step = gettext_noop(
        "Ajukan permintaan berbagi data untuk PD pengguna, atau lepaskan tautan aplikasinya."
    )

    def concerns(self, dataset, params) -> bool:
        return dataset.classification != Classification.OPEN

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            data = run_data(subject.government, ctx)
            key = f"datasets:sharing:{subject.government.pk}"
            if key not in ctx:
                ctx[key] = selectors.sharing_facts([d.pk for d in data.datasets if self.concerns(d, {})])
            params = {"_facts": ctx[key], "_tree": data.tree}
            out[subject.key] = self.outcome(subject, data, params)
        return out

    def problem(self, dataset, params):
        users, live = params["_facts"]
        own = set(params["_tree"].get(dataset.agency_id, [dataset.agency_id]))
        foreign = {agency for agency in users.get(dataset.pk, ()) if agency not in own}
        if dataset.classification == Classification.CLOSED:
            if foreign or dataset.pk in live:
                return gettext_noop("data tertutup dipakai PD lain")
            return None
        uncovered = foreign - live.get(dataset.pk, set())
        return gettext_noop("dipakai PD lain tanpa perjanjian berlaku") if uncovered else None
