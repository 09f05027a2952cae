"""Reads across the security models: certificate coverage per agency, the data steward an incident
notice goes to, yearly incident statistics. Each costs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from spbe.core import permissions
from spbe.org.choices import Role
from spbe.org.models import Agency, Person

from .choices import CredentialKind
from .models import EXPIRY_WARNING_DAYS, CertificateDuty, ElectronicCertificate, Incident


@dataclass
class AgencyCoverage:
    agency_id: int
    name: str
    duties: int = 0
    covered: int = 0
    expiring: int = 0
    expired: int = 0  # duties whose holder's last certificate has run out (or was revoked)
    missing: list = field(default_factory=list)  # (person name, duty) not covered

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.duties) if self.duties else 100

    @property
    def complete(self) -> bool:
        return self.covered == self.duties


@dataclass
class Coverage:
    rows: list
    duties: int = 0
    covered: int = 0
    expiring: int = 0
    expired: int = 0

    @property
    def agencies_below(self) -> int:
        return sum(1 for r in self.rows if not r.complete)

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.duties) if self.duties else 100


def _is_valid(today, valid_from, valid_until, revoked, revoked_on) -> bool:
    if revoked and (revoked_on is None or revoked_on <= today):
        return False
    return valid_from <= today <= valid_until


def holder_credentials(government, *, education_letter: bool = True, today=None) -> dict:
    """person id -> (latest valid_until among their valid credentials or None, had any credential).
    One query."""
    today = today or timezone.localdate()
    qs = ElectronicCertificate._base_manager.filter(holder__agency__government=government).order_by()
    if not education_letter:
        qs = qs.filter(kind=CredentialKind.CERTIFICATE)
    out: dict = {}
    for holder_id, *dates in qs.values_list(
        "holder_id", "valid_from", "valid_until", "revoked", "revoked_on"
    ):
        best, _had = out.get(holder_id, (None, True))
        if _is_valid(today, *dates) and (best is None or dates[1] > best):
            best = dates[1]
        out[holder_id] = (best, True)
    return out


MISSING_SHOWN = 500  # uncovered duties named on the coverage page, over all agencies


def certificate_coverage(government, *, education_letter: bool = True, today=None) -> Coverage:
    """Per agency: people on a duty that needs a certificate, how many hold a valid one, how many
    run out within EXPIRY_WARNING_DAYS, how many have only expired or revoked ones, and (a bounded
    list of) who is not covered. Four queries, whatever the size; the two large ones read narrow rows
    (counting with correlated subqueries in SQL measured six times slower on PostgreSQL)."""
    today = today or timezone.localdate()
    warn = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    credentials = holder_credentials(government, education_letter=education_letter, today=today)
    duties = CertificateDuty._base_manager.filter(
        active=True, person__agency__government=government
    ).order_by()
    rows: dict = {}
    missing_ids: list = []
    for duty_id, person_id, agency_id in duties.values_list("pk", "person_id", "person__agency_id"):
        row = rows.get(agency_id)
        if row is None:
            row = rows[agency_id] = AgencyCoverage(agency_id, "")
        row.duties += 1
        best, had = credentials.get(person_id, (None, False))
        if best is not None:
            row.covered += 1
            row.expiring += best <= warn
        else:
            row.expired += had
            missing_ids.append(duty_id)
    names = dict(Agency._base_manager.filter(pk__in=list(rows)).values_list("pk", "name"))
    for agency_id, row in rows.items():
        row.name = names.get(agency_id, "")
    missing = (
        CertificateDuty._base_manager.filter(pk__in=missing_ids[:MISSING_SHOWN])
        .order_by("person__name", "pk")
        .values_list("person__agency_id", "person__name", "duty")
    )
    for agency_id, person_name, duty in missing:
        rows[agency_id].missing.append((person_name, duty))
    ordered = sorted(rows.values(), key=lambda r: (r.percent, r.name))
    return Coverage(
        ordered,
        duties=sum(r.duties for r in ordered),
        covered=sum(r.covered for r in ordered),
        expiring=sum(r.expiring for r in ordered),
        expired=sum(r.expired for r in ordered),
    )


def education_letter_allowed(government) -> bool:
    """Does the government's regulation let an education institution's letter stand in for a
    certificate (a `certificates_held` obligation with `education_letter: true`, Sigi Pasal 19 ayat
    (5))? The coverage page then counts such letters as the compliance check does. One query."""
    from spbe.compliance.selectors import active_regulation

    regulation = active_regulation(government)
    if regulation is None:
        return False
    return any(
        (o.params or {}).get("education_letter")
        for o in regulation.obligations.filter(check_type="certificates_held").only("params")
    )


def steward_for(agency: Agency) -> Person | None:
    """The data steward an incident notice is addressed to: a person holding the data steward role
    for the agency (its own or a parent's), else for the whole government; None when nobody holds it."""
    users = permissions.role_holders(Role.DATA_STEWARD, agency)
    return Person._base_manager.filter(user__in=users).select_related("agency").order_by("name", "pk").first()


def incident_statistics(user, year: int) -> dict:
    """Incidents the user may see in `year`: by kind, severity, status and agency (four queries)."""
    qs = Incident.objects.restrict(user).filter(reported_at__year=year).order_by()
    by = {}
    for name in ("kind", "severity", "status"):
        by[name] = {row[name]: row["n"] for row in qs.values(name).annotate(n=Count("pk"))}
    agencies = list(qs.values("agency__name").annotate(n=Count("pk")).order_by("-n", "agency__name")[:20])
    notified = qs.filter(steward_notified_at__isnull=False).count()
    total = sum(by["kind"].values())
    return {"year": year, "total": total, "by": by, "agencies": agencies, "notified": notified}


# --- Availability: the backups of the systems that hold non-public data -------------------------


@dataclass
class SystemBackup:
    """One application that holds LIMITED or CLOSED data, and what proves it can be restored."""

    application_id: int
    name: str
    agency_id: int
    plans: list = field(default_factory=list)  # (plan name, restore period in months, last good restore)


def guarded_systems(government, *, classifications=("limited", "closed")) -> list[SystemBackup]:
    """The applications in service that hold data of the given classifications (their own, or a
    dataset of theirs linked to them) with the backup plans that cover them (naming the application
    or its server) and each plan's last successful restore drill. Reads the applications, datasets
    records through the app registry (all three modules are installed with this one) and the
    infrastructure records through its selectors; five queries, whatever the size."""
    from django.apps import apps

    from spbe.infrastructure import selectors as infrastructure

    Application = apps.get_model("applications", "Application")
    Dataset = apps.get_model("datasets", "Dataset")

    in_service = Application._base_manager.filter(agency__government=government).exclude(
        status__in=("planned", "retired")
    )
    holding = set(
        Dataset.applications.through._base_manager.filter(
            dataset__classification__in=classifications, application__in=in_service
        ).values_list("application_id", flat=True)
    )
    systems = {
        pk: SystemBackup(pk, name, agency_id)
        for pk, name, agency_id, classification in in_service.order_by("name", "pk").values_list(
            "pk", "name", "agency_id", "classification"
        )
        if classification in classifications or pk in holding
    }
    if not systems:
        return []
    by_server = infrastructure.servers_by_application(systems)
    plans = infrastructure.backup_plans_covering(government, systems, by_server)
    last = infrastructure.last_good_restores([p[0] for p in plans])
    for plan_id, name, months, app_id, server_id in plans:
        covered = {app_id} if app_id in systems else set()
        covered.update(by_server.get(server_id, ()))
        for pk in covered:
            systems[pk].plans.append((name, months, last.get(plan_id)))
    return list(systems.values())


# --- Classification decisions -------------------------------------------------------------------


def classification_state(government) -> tuple[bool, list[tuple[str, int, str]]]:
    """(whether the government has a classification policy, [(name, agency, state)] for each collected
    dataset and application in service), state being "ok", "none" (no current decision), "changed"
    (its level differs from the current decision's: changed outside a decision) or "overdue". Four
    queries, whatever the size."""
    from django.apps import apps

    from .models import ClassificationDecision, ClassificationPolicy

    Dataset = apps.get_model("datasets", "Dataset")
    Application = apps.get_model("applications", "Application")
    has_policy = ClassificationPolicy._base_manager.filter(government=government).exists()
    decided: dict[tuple[str, int], tuple[str, datetime.date]] = {}
    for dataset_id, application_id, level, due in ClassificationDecision._base_manager.filter(
        agency__government=government, current=True
    ).values_list("dataset_id", "application_id", "level", "review_due"):
        decided[("d", dataset_id) if dataset_id else ("a", application_id)] = (level, due)
    today = timezone.localdate()
    rows = []
    subjects = [
        ("d", Dataset._base_manager.filter(agency__government=government).exclude(stage="planned"), "title"),
        (
            "a",
            Application._base_manager.filter(agency__government=government).exclude(
                status__in=("planned", "retired")
            ),
            "name",
        ),
    ]
    for kind, queryset, name_field in subjects:
        for pk, name, agency_id, level in queryset.order_by(name_field, "pk").values_list(
            "pk", name_field, "agency_id", "classification"
        ):
            decision = decided.get((kind, pk))
            if decision is None:
                state = "none"
            elif decision[0] != level:
                state = "changed"
            elif decision[1] < today:
                state = "overdue"
            else:
                state = "ok"
            rows.append((name, agency_id, state))
    return has_policy, rows


def classification_policy(government_id):
    """The government's classification policy, or None: pages elsewhere (a dataset's *Tahapan* tab)
    offer its reasons for a decision."""
    from .models import ClassificationPolicy

    return ClassificationPolicy._base_manager.filter(government_id=government_id).first()


def classification_reasons(policy):
    """The reasons the policy allows now, as a decision form offers them."""
    from .models import ClassificationReason

    if policy is None:
        return ClassificationReason._base_manager.none()
    return ClassificationReason._base_manager.filter(policy=policy, active=True).order_by(
        "level", "label", "pk"
    )
