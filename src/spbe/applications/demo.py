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
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from spbe.core import approvals
from spbe.core.datafiles import read_yaml
from spbe.org.models import Agency, Government

from . import services
from .choices import (
    ApplicationStatus,
    CommonField,
    DeveloperKind,
    DocumentType,
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

OPEN = SourceModel.OPEN
TP, NAT, ICT = DeveloperKind.THIRD_PARTY, DeveloperKind.NATIONAL, DeveloperKind.ICT_OFFICE
PROD, DEV, PLAN = ApplicationStatus.PRODUCTION, ApplicationStatus.IN_DEVELOPMENT, ApplicationStatus.PLANNED
D = "parigimoutongkab.go.id"
ALL_DOCS = "all"  # every document the regulation asks for
DATA = Path(__file__).resolve().parent / "data" / "demo.yaml"


def load_data() -> dict:
    """The demo's applications (with what each has: documents, release, decisions) and integrations."""
    return read_yaml(DATA)


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
    data = load_data()
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
    for extra in data["applications"]:
        short, name, field, address = extra["agency"], extra["name"], extra["field"], extra["address"]
        source, developer = SourceModel(extra["source"]), DeveloperKind(extra["developer"])
        status, purpose, kind = ApplicationStatus(extra["status"]), extra["purpose"], extra["kind"]
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
            for doc_type in required if docs == ALL_DOCS else [DocumentType(d) for d in docs]:
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

    for row in data["integrations"]:
        ApplicationIntegration.objects.create(
            source=by_name[row["source"]],
            target=by_name[row["target"]],
            method=row["method"],
            description=row["description"],
            created_by=admin,
        )
    if stdout:
        stdout.write(
            f"  {len(by_name)} aplikasi, {counts['documents']} dokumen, {counts['releases']} rilis di repositori, "
            f"{len(data['integrations'])} integrasi, {counts['decisions']} permohonan ke Dinas Kominfo"
        )
