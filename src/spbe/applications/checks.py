"""The compliance checks the applications module answers (docs/regulations/check-types.md).

Every check evaluates a subject agency (with its sub-units) over its applications that are not
retired: not applicable when it has none; otherwise the applications the rule concerns (e.g. the
CLOSED-source ones) are counted, met when all of them comply (or none is concerned), partly met
when some do, unmet when none does. Each outcome names the offending applications, with links.
A full run reads everything in a handful of queries, whatever the number of applications.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.compliance.selectors import profile_parameters
from spbe.core import checks
from spbe.core.checks import CheckType, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.selectors import subtree_map

from . import selectors
from .choices import ApplicationKind, ApplicationStatus, DeveloperKind, DocumentType, SourceModel
from .models import Application, ApplicationDocument, ApplicationRelease, CommonApplication

NO_PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}
EVIDENCE_LIMIT = 20
NAMED_LIMIT = 8


@dataclass
class RunData:
    """What one government's applications look like, loaded once per run."""

    government: object
    parameters: dict
    applications: list
    by_agency: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)  # application id -> {doc_type}
    released: set = field(default_factory=set)  # application ids with a source archive
    catalogue: list = field(default_factory=list)
    tree: dict = field(default_factory=dict)  # agency id -> ids of it and its sub-units


def run_data(government, ctx: dict) -> RunData:
    key = f"applications:{government.pk}"
    if key not in ctx:
        applications = list(
            Application._base_manager.filter(agency__government=government)
            .exclude(status=ApplicationStatus.RETIRED)
            .order_by("name", "pk")
        )
        ids = [a.pk for a in applications]
        data = RunData(government, profile_parameters(government), applications)
        for app in applications:
            data.by_agency.setdefault(app.agency_id, []).append(app)
        for app_id, doc_type in ApplicationDocument._base_manager.filter(
            application__agency__government=government
        ).values_list("application_id", "doc_type"):
            data.documents.setdefault(app_id, set()).add(doc_type)
        data.released = set(
            ApplicationRelease._base_manager.filter(application__agency__government=government)
            .exclude(source_archive="")
            .values_list("application_id", flat=True)
        )
        data.catalogue = list(CommonApplication._base_manager.all())
        data.tree = subtree_map(government) if ids else {}
        ctx[key] = data
    return ctx[key]


def _url(app) -> str:
    return reverse("applications:application_detail", kwargs={"pk": app.pk})


def _names(items: list[tuple]) -> list:
    """The offending applications as message parameters: each with its problem, then how many more."""
    shown = [
        msg(gettext_noop("%(app)s (%(problem)s)"), app=app.name, problem=problem) if problem else app.name
        for app, problem in items[:NAMED_LIMIT]
    ]
    more = len(items) - NAMED_LIMIT
    if more > 0:
        shown.append(msg(gettext_noop("dan %(n)d lainnya"), n=more))
    return shown


def _with_rule(rule, text):
    return msg(gettext_noop("%(why)s %(what)s"), why=rule, what=text) if rule else text


class ApplicationRule(CheckType):
    """One rule over a subject's applications. Subclasses say which applications it concerns
    (`concerns`) and what is wrong with one (`problem`, None when it complies)."""

    depends_on: tuple[str, ...] = ("applications.Application",)
    param_schema = NO_PARAMS
    concerned_label = gettext_lazy("aplikasi")  # "aplikasi kode sumber tertutup"
    complies_label = gettext_lazy("memenuhi")
    next_step = ""

    def inapplicable(self, data: RunData) -> str | None:
        """A reason the rule does not apply under this regulation at all, or None."""
        return None

    def concerns(self, app, data: RunData) -> bool:
        return True

    def problem(self, app, data: RunData) -> str | None:
        raise NotImplementedError

    def describe_rule(self, data: RunData) -> str:
        return ""

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            data = run_data(subject.government, ctx)
            out[subject.key] = self.outcome(subject, data)
        return out

    def outcome(self, subject, data: RunData) -> Outcome:
        if subject.agency is None:
            apps = data.applications
        else:
            apps = []
            for agency_id in data.tree.get(subject.agency.pk, [subject.agency.pk]):
                apps.extend(data.by_agency.get(agency_id, []))
        list_url = reverse("applications:application_list") + (
            f"?agency={subject.agency.pk}" if subject.agency is not None else ""
        )
        catalogue = [{"label": gettext_lazy("Katalog aplikasi"), "url": list_url}]
        if not apps:
            return Outcome(
                Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada aplikasi yang dipakai dan terdaftar."))
            )
        reason = self.inapplicable(data)
        if reason:
            return Outcome(Status.NOT_APPLICABLE, reason)
        concerned = [a for a in apps if self.concerns(a, data)]
        rule = self.describe_rule(data)
        if not concerned:
            return Outcome(
                Status.MET,
                _with_rule(
                    rule,
                    msg(
                        gettext_noop("Tidak ada %(what)s di antara %(n)d aplikasi."),
                        what=self.concerned_label,
                        n=len(apps),
                    ),
                ),
                catalogue,
            )
        failing = []
        for app in sorted(concerned, key=lambda a: a.name.lower()):
            problem = self.problem(app, data)
            if problem is not None:
                failing.append((app, problem))
        good = len(concerned) - len(failing)
        evidence = [
            {
                "label": msg(gettext_noop("%(name)s: %(problem)s"), name=app.name, problem=problem)
                if problem
                else app.name,
                "url": _url(app),
            }
            for app, problem in failing[:EVIDENCE_LIMIT]
        ]
        if not failing:
            return Outcome(
                Status.MET,
                _with_rule(
                    rule,
                    msg(
                        gettext_noop("Semua %(n)d %(what)s %(ok)s."),
                        n=len(concerned),
                        what=self.concerned_label,
                        ok=self.complies_label,
                    ),
                ),
                catalogue,
            )
        status = Status.PARTLY_MET if good else Status.UNMET
        return Outcome(
            status,
            _with_rule(
                rule,
                msg(
                    gettext_noop("%(good)d dari %(n)d %(what)s %(ok)s. Belum: %(list)s."),
                    good=good,
                    n=len(concerned),
                    what=self.concerned_label,
                    ok=self.complies_label,
                    list=_names(failing),
                ),
            ),
            evidence + catalogue,
            next_step=msg(gettext_noop("%(step)s"), step=self.next_step),
        )


def _not_national(app) -> bool:
    return app.developer_kind != DeveloperKind.NATIONAL


@checks.register_check
class ApplicationDocumentsPresent(ApplicationRule):
    name = "application_documents_present"
    label = gettext_lazy("Aplikasi disertai dokumen yang diwajibkan regulasi")
    depends_on = ("applications.Application", "applications.ApplicationDocument")
    concerned_label = gettext_lazy("aplikasi beroperasi")
    complies_label = gettext_lazy("lengkap dokumennya")
    next_step = gettext_lazy("Unggah dokumen yang kurang dari halaman aplikasi (daftar periksa dokumen).")

    def inapplicable(self, data):
        if not selectors.required_document_codes(data.parameters):
            return msg(
                gettext_noop("Profil regulasi pemerintah daerah tidak menetapkan dokumen wajib aplikasi.")
            )
        return None

    def describe_rule(self, data):
        codes = selectors.required_document_codes(data.parameters)
        return msg(gettext_noop("Dokumen wajib: %(list)s."), list=[DocumentType(c).label for c in codes])

    def concerns(self, app, data):
        # Documents come with the delivery: an application counts once it operates.
        return _not_national(app) and app.status == ApplicationStatus.PRODUCTION

    def problem(self, app, data):
        present = data.documents.get(app.pk, set())
        missing = [c for c in selectors.required_document_codes(data.parameters) if c not in present]
        if not missing:
            return None
        return msg(gettext_noop("kurang %(list)s"), list=[DocumentType(c).label for c in missing])


@checks.register_check
class ApplicationSourceInRepository(ApplicationRule):
    name = "application_source_in_repository"
    label = gettext_lazy("Kode sumber aplikasi tersimpan di repositori")
    depends_on = ("applications.Application", "applications.ApplicationRelease")
    concerned_label = gettext_lazy("aplikasi kode sumber terbuka beroperasi yang dibangun untuk pemda")
    complies_label = gettext_lazy("punya rilis dengan arsip kode sumber di repositori")
    next_step = gettext_lazy("Serahkan rilis beserta arsip kode sumbernya ke repositori Dinas Kominfo.")

    def concerns(self, app, data):
        # Built for the government by the agency, the ICT office or a contractor, delivered
        # (operating), and with its source the government's to keep: a CLOSED product has no
        # source to hand over (the open-source rule and the technical consideration cover it).
        return (
            app.developer_kind
            in (DeveloperKind.IN_HOUSE, DeveloperKind.ICT_OFFICE, DeveloperKind.THIRD_PARTY)
            and app.status == ApplicationStatus.PRODUCTION
            and app.source_model == SourceModel.OPEN
        )

    def problem(self, app, data):
        if app.pk in data.released:
            return None
        if app.developer_kind == DeveloperKind.THIRD_PARTY and not app.source_handover_clause:
            return msg(gettext_noop("belum ada rilis; kontrak tidak mencatat penyerahan kode sumber"))
        return msg(gettext_noop("belum ada rilis"))


@checks.register_check
class ThirdPartySourceHandover(ApplicationRule):
    """An application developed with a third party has a contract that hands the source code and the
    copyright over to the government (e.g. Perbup Pangkep 5/2018 Pasal 34), whatever its source model."""

    name = "third_party_source_handover"
    label = gettext_lazy("Kontrak pihak ketiga menyerahkan kode sumber dan hak cipta")
    concerned_label = gettext_lazy("aplikasi yang dikembangkan bersama pihak ketiga")
    complies_label = gettext_lazy("kontraknya menyerahkan kode sumber dan hak cipta")
    next_step = gettext_lazy(
        "Catat pada aplikasi bahwa kontraknya menyerahkan kode sumber dan hak cipta, atau ubah kontraknya."
    )

    def concerns(self, app, data):
        return app.developer_kind == DeveloperKind.THIRD_PARTY

    def problem(self, app, data):
        if app.source_handover_clause:
            return None
        return msg(gettext_noop("kontrak tidak mencatat penyerahan kode sumber dan hak cipta"))


OPEN_SOURCE_POLICIES = ("mandatory", "preferred_with_consideration", "legal_or_open", "unspecified")


@checks.register_check
class OpenSourceRule(ApplicationRule):
    name = "open_source_rule"
    label = gettext_lazy("Kebijakan kode sumber terbuka sesuai regulasi")
    concerned_label = gettext_lazy("aplikasi kode sumber tertutup")
    complies_label = gettext_lazy("sesuai kebijakan")
    next_step = gettext_lazy(
        "Sesuai regulasi: beralih ke kode sumber terbuka, ajukan pertimbangan teknis, atau catat lisensinya."
    )

    def policy(self, data):
        return data.parameters.get("open_source_policy") or "unspecified"

    def inapplicable(self, data):
        if self.policy(data) not in OPEN_SOURCE_POLICIES[:3]:
            return msg(gettext_noop("Regulasi pemerintah daerah tidak mengatur kode sumber terbuka."))
        return None

    def describe_rule(self, data):
        return {
            "mandatory": msg(gettext_noop("Regulasi mewajibkan kode sumber terbuka.")),
            "preferred_with_consideration": msg(
                gettext_noop(
                    "Regulasi mengutamakan kode sumber terbuka; kode tertutup perlu pertimbangan teknis Dinas."
                )
            ),
            "legal_or_open": msg(
                gettext_noop("Regulasi mewajibkan aplikasi legal (berlisensi sah) atau kode sumber terbuka.")
            ),
        }[self.policy(data)]

    def concerns(self, app, data):
        return _not_national(app) and app.source_model == SourceModel.CLOSED

    def problem(self, app, data):
        policy = self.policy(data)
        if policy == "mandatory":
            return msg(gettext_noop("kode sumber tertutup"))
        if policy == "preferred_with_consideration":
            return None if app.technical_consideration_id else msg(gettext_noop("tanpa pertimbangan teknis"))
        return (
            None
            if (app.licence.strip() or app.legality_evidence.strip())
            else msg(gettext_noop("tanpa lisensi/bukti legalitas"))
        )


@checks.register_check
class ClosedSourceConsideration(ApplicationRule):
    name = "closed_source_consideration"
    label = gettext_lazy("Aplikasi kode sumber tertutup memperoleh pertimbangan teknis")
    concerned_label = gettext_lazy("aplikasi kode sumber tertutup")
    complies_label = gettext_lazy("memperoleh pertimbangan teknis Dinas Kominfo")
    next_step = gettext_lazy("Ajukan pertimbangan teknis dari halaman aplikasi; Dinas Kominfo memutuskannya.")

    def concerns(self, app, data):
        return _not_national(app) and app.source_model == SourceModel.CLOSED

    def problem(self, app, data):
        return None if app.technical_consideration_id else msg(gettext_noop("belum ada pertimbangan teknis"))


@checks.register_check
class SpecificAppConsultation(ApplicationRule):
    name = "specific_app_consultation"
    label = gettext_lazy("Aplikasi Khusus dikonsultasikan dengan Dinas Kominfo")
    concerned_label = gettext_lazy("Aplikasi Khusus yang dibangun PD")
    complies_label = gettext_lazy("dikonsultasikan dan disetujui Dinas Kominfo")
    next_step = gettext_lazy("Ajukan konsultasi pengembangan dari halaman aplikasi.")

    def concerns(self, app, data):
        # The ICT office does not consult itself: its own applications, and those it builds, are
        # coordinated by construction.
        return (
            app.kind == ApplicationKind.SPECIFIC
            and app.developer_kind in (DeveloperKind.IN_HOUSE, DeveloperKind.THIRD_PARTY)
            and app.agency_id != data.government.ict_office_id
        )

    def problem(self, app, data):
        return None if app.consultation_id else msg(gettext_noop("belum dikonsultasikan"))


@checks.register_check
class NoDuplicateCommonApplication(ApplicationRule):
    name = "no_duplicate_common_application"
    label = gettext_lazy("Tidak membangun ulang Aplikasi Umum nasional")
    depends_on = ("applications.Application", "applications.CommonApplication")
    concerned_label = gettext_lazy("aplikasi yang menyerupai Aplikasi Umum nasional")
    complies_label = gettext_lazy("diputus Dinas Kominfo")
    next_step = gettext_lazy(
        "Beralih ke Aplikasi Umum nasional, atau ajukan keputusan duplikasi dari halaman aplikasi."
    )

    def concerns(self, app, data):
        return bool(selectors.duplicate_matches(app, data.catalogue))

    def problem(self, app, data):
        if app.duplicate_decision_id:
            return None
        match = selectors.duplicate_matches(app, data.catalogue)[0]
        return msg(gettext_noop("menyerupai %(what)s"), what=match.describe())


def host_of(address: str) -> str:
    try:
        return (urlsplit(address).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def under_domain(address: str, domain: str) -> bool:
    host, domain = host_of(address), (domain or "").lower().strip(".")
    return bool(host and domain) and (host == domain or host.endswith("." + domain))


@checks.register_check
class SubdomainUnderDomain(ApplicationRule):
    name = "subdomain_under_domain"
    label = gettext_lazy("Alamat aplikasi di bawah domain resmi pemda")
    depends_on = ("applications.Application", "org.Government")
    concerned_label = gettext_lazy("aplikasi beralamat")
    complies_label = gettext_lazy("berada di bawah domain resmi")
    next_step = gettext_lazy(
        "Pindahkan aplikasi ke subdomain domain resmi pemda (minta subdomain ke Dinas Kominfo)."
    )

    @staticmethod
    def domain(data) -> str:
        """The domain the regulation names (profile parameter `official_domain`), else the government's."""
        return data.parameters.get("official_domain") or data.government.domain

    def describe_rule(self, data):
        named = data.parameters.get("official_domain")
        if not named:
            return msg(
                gettext_noop("Domain resmi (regulasi tidak menyebutnya; domain pemda): %(d)s."),
                d=data.government.domain,
            )
        if named != data.government.domain:
            return msg(
                gettext_noop("Domain resmi menurut regulasi: %(d)s (domain pemda tercatat: %(g)s)."),
                d=named,
                g=data.government.domain,
            )
        return msg(gettext_noop("Domain resmi menurut regulasi: %(d)s."), d=named)

    def concerns(self, app, data):
        return _not_national(app) and bool(app.address)

    def problem(self, app, data):
        if under_domain(app.address, self.domain(data)):
            return None
        return host_of(app.address) or app.address


# The documents a profile may require of every application (`application_documents`), from the model.
checks.register_profile_values("application_documents", DocumentType.values)
