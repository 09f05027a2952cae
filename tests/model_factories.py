"""A saved record of any registered model, for the tests generated from the ModelUI registry.

`make(model, ctx)` derives the record from the model's fields: required foreign keys point at the
test's government, agency and user or at a record made the same way, choices take their first
value, text and numbers a fresh value, and the result passes `full_clean()`. Where a model's own
rules need more (a valid NIP, a zip archive, a profile loaded through its loader), a module
registers a test factory with `@factory_for("app.model")`. A model registered tomorrow is covered
by the derivation, or its failing `full_clean()` names the rule that needs a registered factory.
"""

import datetime
import decimal
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

_seq = itertools.count(1)
_factories: dict[str, Callable[..., Any]] = {}


@dataclass
class Ctx:
    government: Any
    agency: Any
    user: Any


def factory_for(label: str):
    def decorate(func):
        _factories[label.lower()] = func
        return func

    return decorate


def make(model, ctx: Ctx, **overrides):
    label = model._meta.label_lower
    if label in _factories:
        return _factories[label](ctx, **overrides)
    return derive(model, ctx, **overrides)


def derive(model, ctx: Ctx, **overrides):
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in overrides or field.primary_key or not field.editable:
            continue
        value = _value_for(field, ctx)
        if value is not None:
            values[field.name] = value
    values.update(overrides)
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


def _anchor(related, ctx: Ctx):
    from spbe.org.models import Agency, Government

    if related is Government:
        return ctx.government
    if related is Agency:
        return ctx.agency
    if related is get_user_model():
        return ctx.user
    return None


def _value_for(field, ctx: Ctx):
    if isinstance(field, models.ForeignKey):
        anchor = _anchor(field.related_model, ctx)
        if anchor is not None or field.null:
            return anchor
        return make(field.related_model, ctx)
    if field.has_default() or field.null or (field.blank and not isinstance(field, models.FileField)):
        return None
    if field.choices:
        return field.choices[0][0]
    for kind, value in SCALARS:  # most specific field classes first
        if isinstance(field, kind):
            return value(field, next(_seq))
    return None


def _integer(field, n):
    low = max([v.limit_value for v in field.validators if isinstance(v, MinValueValidator)], default=1)
    high = min([v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)], default=10**6)
    return min(max(low, 1), high)


SCALARS = (
    (models.EmailField, lambda f, n: f"uji{n}@uji.go.id"),
    (models.URLField, lambda f, n: f"https://uji.go.id/{n}"),
    (models.FileField, lambda f, n: ContentFile(b"%PDF-1.4 berkas uji", name=f"uji-{n}.pdf")),
    (models.CharField | models.TextField, lambda f, n: f"Uji {n}"[: f.max_length or 50]),
    (models.BooleanField, lambda f, n: False),
    (models.DecimalField, lambda f, n: decimal.Decimal("1")),
    (models.IntegerField, _integer),
    (models.DateTimeField, lambda f, n: timezone.now()),
    (models.DateField, lambda f, n: timezone.localdate()),
    (models.JSONField, lambda f, n: {}),
)


# --- factories registered where a model's rules need more than the derivation ------------------


@factory_for("org.government")
def _government(ctx, **kw):
    from .factories import GovernmentFactory

    n = next(_seq)
    return GovernmentFactory(name=f"Pemerintah Kabupaten Uji {n}", domain=f"uji{n}.go.id", **kw)


@factory_for("org.agency")
def _agency(ctx, **kw):
    from .factories import AgencyFactory

    return AgencyFactory(**{"government": ctx.government, **kw})


@factory_for("org.person")
def _person(ctx, **kw):
    from .factories import PersonFactory

    return PersonFactory(**{"agency": ctx.agency, **kw})


@factory_for("org.decree")
def _decree(ctx, **kw):
    from .factories import DecreeFactory

    return DecreeFactory(**{"agency": ctx.agency, **kw})


@factory_for("org.roleassignment")
def _role_assignment(ctx, **kw):
    from spbe.org.choices import Role

    from .factories import UserFactory

    return derive(
        _model("org.roleassignment"),
        ctx,
        **{"user": UserFactory(), "role": Role.DATA_STEWARD, "agency": ctx.agency, **kw},
    )


@factory_for("planning.referencemodel")
def _reference(ctx, **kw):
    from spbe.planning.models import ReferenceModel

    n = next(_seq)
    parent = (
        ReferenceModel.objects.filter(government__isnull=True, kind="RAB", level=2).order_by("pk").first()
    )
    return derive(
        ReferenceModel,
        ctx,
        **{
            "government": ctx.government,
            "kind": "RAB",
            "code": f"{parent.code}.{n:03d}",
            "level": 3,
            "parent": parent,
            **kw,
        },
    )


def _planning(name):
    def build(ctx, **kw):
        from .planning import factories

        factory = getattr(factories, name)
        declared = factory._meta.declarations
        anchors = {k: v for k, v in (("government", ctx.government), ("agency", ctx.agency)) if k in declared}
        return factory(**{**anchors, **kw})

    return build


for _label, _name in (
    ("planning.architecture", "ArchitectureFactory"),
    ("planning.architectureitem", "ArchitectureItemFactory"),
    ("planning.roadmap", "RoadmapFactory"),
    ("planning.roadmapitem", "RoadmapItemFactory"),
    ("planning.budgetline", "BudgetLineFactory"),
    ("planning.service", "ServiceFactory"),
    ("planning.businessprocess", "BusinessProcessFactory"),
    ("planning.agencyneed", "AgencyNeedFactory"),
):
    factory_for(_label)(_planning(_name))


@factory_for("planning.review")
def _review(ctx, **kw):
    from .planning.factories import ReviewFactory

    return ReviewFactory(**{"government": ctx.government, **kw})


@factory_for("planning.masterplan")
def _master_plan(ctx, **kw):
    from spbe.planning.models import MasterPlan

    year = 2025 + next(_seq) % 50
    return derive(MasterPlan, ctx, **{"start_year": year, "end_year": year + 4, **kw})


@factory_for("applications.application")
def _application(ctx, **kw):
    from .applications.conftest import ApplicationFactory

    return ApplicationFactory(**{"agency": ctx.agency, **kw})


@factory_for("applications.applicationrelease")
def _release(ctx, **kw):
    from spbe.applications.models import ApplicationRelease

    from .applications.conftest import zip_bytes

    archive = ContentFile(zip_bytes(), name=f"rilis-{next(_seq)}.zip")
    return derive(ApplicationRelease, ctx, **{"source_archive": archive, "received_by": None, **kw})


@factory_for("applications.applicationintegration")
def _integration(ctx, **kw):
    from spbe.applications.models import ApplicationIntegration

    return derive(
        ApplicationIntegration, ctx, **{"source": _application(ctx), "target": _application(ctx), **kw}
    )


@factory_for("applications.commonapplication")
def _common(ctx, **kw):
    from spbe.applications.models import CommonApplication

    return derive(CommonApplication, ctx, **{"name": f"Aplikasi Umum Uji {next(_seq)}", **kw})


PROFILE = """\
schema_version: 1
id: {code}
regency: Kabupaten Uji Registri
province: Sulawesi Tengah
number: "{n}"
year: 2026
title: Profil uji {n}
set_on: 2026-01-05
parameters: {{}}
groups:
  - {{id: governance, name: Tata Kelola}}
obligations:
  - id: {code}-sop
    citation: Pasal 4 ayat (2)
    group: governance
    statement: Setiap PD memiliki SOP layanan TIK.
    subject: each_agency
    period: yearly
    severity: medium
    check: {{type: attestation}}
"""


@factory_for("compliance.regulation")
def _regulation(ctx, **kw):
    from spbe.compliance import profiles

    n = next(_seq)
    regulation, _report = profiles.load_text(PROFILE.format(code=f"uji-registri-{n}", n=n), source="uji.yaml")
    return regulation


@factory_for("compliance.obligation")
def _obligation(ctx, **kw):
    return _regulation(ctx).obligations.get()


@factory_for("compliance.compliancestatus")
def _status(ctx, **kw):
    from spbe.compliance.models import ComplianceStatus

    now = timezone.now()
    agency = kw.pop("agency", ctx.agency)
    return ComplianceStatus.objects.create(
        government=ctx.government,
        obligation=_obligation(ctx),
        agency=agency,
        subject_key=f"agency:{agency.pk}",
        status="unmet",
        reason="Belum ada SOP.",
        evaluated_at=now,
        since=now,
        **kw,
    )


@factory_for("compliance.attestation")
def _attestation(ctx, **kw):
    from spbe.compliance.models import Attestation

    return derive(
        Attestation,
        ctx,
        **{
            "government": ctx.government,
            "obligation": _obligation(ctx),
            "agency": ctx.agency,
            "valid_until": timezone.localdate() + datetime.timedelta(days=365),
            "submitted_by": ctx.user,
            **kw,
        },
    )


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


# --- security module (issue 13) -----------------------------------------------------------------


@factory_for("security.securityservicekind")
def _security_service_kind(ctx, **kw):
    from spbe.security.models import SecurityServiceKind

    n = next(_seq)
    return derive(SecurityServiceKind, ctx, **{"code": f"uji-{n}", "letter": "x", **kw})


@factory_for("security.electroniccertificate")
def _electronic_certificate(ctx, **kw):
    """A certificate valid for a year, so that a date moved by a day stays a valid period."""
    from spbe.security.models import ElectronicCertificate

    today = timezone.localdate()
    return derive(
        ElectronicCertificate,
        ctx,
        **{"valid_from": today, "valid_until": today + datetime.timedelta(days=365), **kw},
    )


@factory_for("security.vulnerabilityfinding")
def _vulnerability_finding(ctx, **kw):
    """A finding belongs to a vulnerability assessment of the context's agency."""
    from spbe.security.models import SecurityServiceKind, SecurityServiceRequest, VulnerabilityFinding

    kind = SecurityServiceKind._base_manager.get_or_create(
        code="vulnerability-assessment", defaults={"letter": "a", "name": "Identifikasi kerentanan"}
    )[0]
    request = kw.pop("service_request", None) or derive(SecurityServiceRequest, ctx, kind=kind)
    return derive(VulnerabilityFinding, ctx, service_request=request, **kw)


def _policy(ctx):
    from spbe.security.models import ClassificationPolicy

    return ClassificationPolicy._base_manager.filter(government=ctx.government).first() or derive(
        ClassificationPolicy, ctx, government=ctx.government
    )


@factory_for("security.classificationpolicy")
def _classification_policy(ctx, **kw):
    """One policy per government: each further one is another government's."""
    from spbe.security.models import ClassificationPolicy

    from .factories import GovernmentFactory

    if (
        "government" not in kw
        and ClassificationPolicy._base_manager.filter(government=ctx.government).exists()
    ):
        n = next(_seq)
        kw["government"] = GovernmentFactory(
            name=f"Pemerintah Uji Kebijakan {n}", domain=f"kebijakan{n}.go.id"
        )
    return derive(ClassificationPolicy, ctx, **{"government": ctx.government, **kw})


@factory_for("security.classificationreason")
def _classification_reason(ctx, **kw):
    from spbe.security.models import ClassificationReason

    n = next(_seq)
    return derive(ClassificationReason, ctx, **{"policy": _policy(ctx), "label": f"Alasan uji {n}", **kw})


@factory_for("security.classificationdecision")
def _classification_decision(ctx, **kw):
    """A decision on a dataset of the context's agency, under the government's policy."""
    from spbe.datasets.models import Dataset
    from spbe.security.models import ClassificationDecision, ClassificationReason

    n = next(_seq)
    reason = derive(ClassificationReason, ctx, policy=_policy(ctx), label=f"Alasan uji {n}", level="limited")
    values = {"dataset": kw.pop("dataset", None) or make(Dataset, ctx), "reason": reason, "level": "limited"}
    values["review_due"] = timezone.localdate() + datetime.timedelta(days=365)
    values["agency"] = values["dataset"].agency
    return derive(ClassificationDecision, ctx, **{**values, **kw})


# --- management (issue 14) ----------------------------------------------------------------------


@factory_for("management.calendarday")
def _calendar_day(ctx, **kw):
    from spbe.management.models import CalendarDay

    day = datetime.date(2090, 1, 1) + datetime.timedelta(days=next(_seq))
    return CalendarDay.objects.create(**{"date": day, "kind": "regional", "name": "Hari uji", **kw})


@factory_for("management.servicelevel")
def _service_level(ctx, **kw):
    from spbe.management.models import ServiceLevel

    service = kw.pop("service", None) or make(_model("planning.service"), ctx)
    return ServiceLevel.objects.create(
        **{"service": service, "priority": "p3", "response_minutes": 60, "resolution_minutes": 480, **kw}
    )


@factory_for("management.ticket")
def _ticket(ctx, **kw):
    from spbe.management import services
    from spbe.management.models import Ticket

    now = timezone.now()
    values = {
        "agency": ctx.agency,
        "number": f"TK-UJI-{next(_seq):06d}",
        "kind": "incident",
        "title": f"Tiket uji {next(_seq)}",
        "description": "Aplikasi tidak dapat dibuka.",
        "priority": "p3",
        "channel": "web",
        "requester": ctx.user,
        "opened_at": now,
        **kw,
    }
    ticket = Ticket.objects.create(**values)
    ticket.events.create(at=now, kind="opened", priority=ticket.priority)
    services.ticket_recompute(ticket=ticket)
    return ticket


@factory_for("management.inboundmail")
def _inbound_mail(ctx, **kw):
    from spbe.management.models import InboundMail

    values = {
        "agency": ctx.agency,
        "received_at": timezone.now(),
        "sender": f"pegawai{next(_seq)}@contoh.go.id",
        "subject": "Aplikasi tidak dapat dibuka",
        "outcome": "refused",
        "reason": "Alamat pengirim tidak terdaftar.",
        **kw,
    }
    return InboundMail.objects.create(**values)


@factory_for("management.knowledgetransfer")
def _knowledge_transfer(ctx, **kw):
    from spbe.management.models import KnowledgeTransfer

    return derive(
        KnowledgeTransfer,
        ctx,
        **{"date": timezone.localdate() - datetime.timedelta(days=3), "method": "handover", **kw},
    )


@factory_for("management.problem")
def _problem(ctx, **kw):
    from spbe.management.models import Problem

    return derive(Problem, ctx, **{"status": "new", "resolved_on": None, "service": None, **kw})


# --- datasets --------------------------------------------------------------------------------


@factory_for("datasets.dataset")
def _dataset(ctx, **kw):
    # no steward: the form offers only accounts holding the steward role
    from spbe.datasets.models import Dataset

    values = {"steward": None, "steward_decree": None, "key_type": "none", "database_group": "", **kw}
    return derive(Dataset, ctx, **values)


@factory_for("datasets.resource")
def _resource(ctx, **kw):
    from spbe.datasets.models import Resource

    dataset = kw.pop("dataset", None) or _dataset(ctx)
    n = next(_seq)
    values = {
        "dataset": dataset,
        "name": f"Tabel {n}",
        "format": "CSV",
        "file": ContentFile(b"kode,nilai\n1,10\n2,20\n", name=f"tabel-{n}.csv"),
        **kw,
    }
    resource = Resource(**values)
    resource.full_clean()
    resource.save()
    return resource


@factory_for("datasets.datasharerequest")
def _share_request(ctx, **kw):
    from spbe.datasets.models import DataShareRequest

    from .factories import AgencyFactory

    if "dataset" not in kw:
        producer = AgencyFactory(government=ctx.government)
        kw["dataset"] = _dataset(ctx, agency=producer)
    return derive(
        DataShareRequest,
        ctx,
        **{
            "party_kind": "agency",
            "valid_from": datetime.date(2026, 1, 1),
            "valid_until": datetime.date(2027, 1, 1),
            **kw,
        },
    )


# --- infrastructure (issue 12) ---------------------------------------------------------------


@factory_for("infrastructure.server")
def _infra_server(ctx, **kw):
    return derive(
        _model("infrastructure.server"), ctx, **{"hosting": "own", "kind": "physical", "facility": None, **kw}
    )


@factory_for("infrastructure.prefix")
def _infra_prefix(ctx, **kw):
    n = next(_seq)
    text = f"10.{n // 256 % 256}.{n % 256}.0/24"
    return derive(_model("infrastructure.prefix"), ctx, **{"prefix": text, "status": "active", **kw})


@factory_for("infrastructure.ipaddress")
def _infra_address(ctx, **kw):
    n = next(_seq)
    text = f"172.{16 + n // 65536 % 16}.{n // 256 % 256}.{n % 256}"
    return derive(_model("infrastructure.ipaddress"), ctx, **{"address": text, "server": None, **kw})


@factory_for("infrastructure.vlan")
def _infra_vlan(ctx, **kw):
    return derive(_model("infrastructure.vlan"), ctx, **{"vid": next(_seq) % 4000 + 1, **kw})


@factory_for("infrastructure.wanlink")
def _infra_wanlink(ctx, **kw):
    facility = derive(_model("infrastructure.facility"), ctx, kind="data_center")
    return derive(_model("infrastructure.wanlink"), ctx, **{"b_agency": None, "b_facility": facility, **kw})


@factory_for("infrastructure.restoretest")
def _infra_restore(ctx, **kw):
    return derive(
        _model("infrastructure.restoretest"), ctx, **{"checksums_match": True, "backup_run": None, **kw}
    )


@factory_for("infrastructure.domain")
def _infra_domain(ctx, **kw):
    return derive(
        _model("infrastructure.domain"),
        ctx,
        **{"name": f"uji{next(_seq)}.{ctx.government.domain}", "kind": "subdomain", **kw},
    )


@factory_for("infrastructure.mailbox")
def _infra_mailbox(ctx, **kw):
    return derive(
        _model("infrastructure.mailbox"),
        ctx,
        **{"address": f"akun{next(_seq)}@{ctx.government.domain}", **kw},
    )


@factory_for("infrastructure.assetreport")
def _infra_asset_report(ctx, **kw):
    return derive(_model("infrastructure.assetreport"), ctx, **{"year": 2000 + next(_seq) % 100, **kw})


@factory_for("infrastructure.bandwidthallocation")
def _infra_bandwidth(ctx, **kw):
    today = datetime.date.today()
    return derive(
        _model("infrastructure.bandwidthallocation"),
        ctx,
        **{
            "wan_link": None,
            "download_mbps": 50,
            "upload_mbps": 20,
            "decision_date": today,
            "effective_from": today,
            **kw,
        },
    )


@factory_for("infrastructure.accesspolicy")
def _infra_access_policy(ctx, **kw):
    today = datetime.date.today()
    return derive(
        _model("infrastructure.accesspolicy"),
        ctx,
        **{
            "blocked_categories": ["gambling"],
            "blocked_sites": f"judi{next(_seq)}.example",
            "limited_sites": "",
            "access_from": None,
            "access_until": None,
            "decision_date": today,
            "effective_from": today,
            **kw,
        },
    )
