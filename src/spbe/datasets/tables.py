from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import Dataset, DataShareRequest, Resource, Tag


class DatasetTable(Table):
    model = Dataset
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Produsen data"))
    database_group = Column()
    classification = Column()
    stage = Column()
    frequency = Column(default=False)
    last_update = Column()
    key_type = Column(default=False)
    licence = Column(default=False)
    plan_year = Column(default=False)
    priority = Column(default=False)
    name = Column(default=False)


class LinkedDatasetTable(Table):
    """Datasets as other modules' pages list them (applications, business processes)."""

    model = Dataset
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Produsen data"))
    classification = Column()
    stage = Column()


class ResourceTable(Table):
    model = Resource
    name = Column(link=True)
    dataset = Column(accessor="dataset.title", label=_("Dataset"))
    format = Column()
    resource_version = Column()
    size = Column()
    row_count = Column(default=False)
    created = Column(label=_("Diunggah"))
    sha256 = Column(default=False)


class DataShareRequestTable(Table):
    model = DataShareRequest
    dataset = Column(accessor="dataset.title", label=_("Dataset"), link=True)
    agency = Column(accessor="agency.short_name", label=_("PD peminta"))
    party_kind = Column()
    party_name = Column(default=False)
    status = Column()
    valid_from = Column()
    valid_until = Column()
    access = Column(default=False)


class TagTable(Table):
    model = Tag
    name = Column(link=True)
    description = Column(order_by=None)  # free text: not a sort order (no index behind it)
