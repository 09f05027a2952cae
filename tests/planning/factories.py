"""Factories for planning records (no shared fixture files)."""

import factory
from django.utils import timezone

from spbe.planning.choices import (
    ArchitectureDomain,
    BudgetPurpose,
    DocumentStatus,
    FundingSource,
    RoadmapArea,
    ServiceArea,
    ServiceKind,
)
from spbe.planning.models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)

from ..factories import AgencyFactory, DecreeFactory, GovernmentFactory


def national(kind: str, code: str) -> ReferenceModel:
    return ReferenceModel.objects.get(government__isnull=True, kind=kind, code=code)


class ArchitectureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Architecture

    government = factory.SubFactory(GovernmentFactory)
    title = factory.Sequence(lambda n: f"Arsitektur SPBE {n}")
    start_year = 2025
    end_year = 2029
    status = DocumentStatus.DRAFT


class ArchitectureItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArchitectureItem

    architecture = factory.SubFactory(ArchitectureFactory)
    domain = ArchitectureDomain.BUSINESS_PROCESS
    code = factory.Sequence(lambda n: f"PB.{n:03d}")
    name = factory.Sequence(lambda n: f"Proses {n}")
    reference = factory.LazyFunction(lambda: national("RAB", "09.04"))
    level = 3


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    government = factory.SubFactory(GovernmentFactory)
    title = factory.Sequence(lambda n: f"Peta Rencana SPBE {n}")
    start_year = 2025
    end_year = 2029
    status = DocumentStatus.DRAFT


class RoadmapItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapItem

    roadmap = factory.SubFactory(RoadmapFactory)
    area = RoadmapArea.APPLICATIONS
    year = 2026
    programme = "Aplikasi SPBE"
    activity = factory.Sequence(lambda n: f"Kegiatan {n}")
    agency = factory.SubFactory(AgencyFactory)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    agency = factory.SubFactory(AgencyFactory)
    fiscal_year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.Sequence(lambda n: f"Pos anggaran {n}")
    purpose = BudgetPurpose.DEVICES
    funding_source = FundingSource.APBD
    planned = 100_000_000
    realised = 0


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Layanan {n}")
    kind = ServiceKind.PUBLIC
    area = ServiceArea.HEALTH


class BusinessProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessProcess

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"PB-{n:03d}")
    name = factory.Sequence(lambda n: f"Proses bisnis {n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    government = factory.SubFactory(GovernmentFactory)
    document = "budget_plan"
    date = factory.LazyFunction(timezone.localdate)
    outcome = "Masih sesuai."


class AgencyNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyNeed

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Kebutuhan {n}")
    reason = "Layanan masih manual."
    quantity = 2
    unit = "unit"
    target_year = factory.LazyFunction(lambda: timezone.localdate().year + 1)
    estimated_cost = 20_000_000


def set_decree(agency):
    return DecreeFactory(agency=agency)
