from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import (
    Application,
    ApplicationDocument,
    ApplicationIntegration,
    ApplicationRelease,
    CommonApplication,
)


class LinkedApplicationTable(Table):
    """Applications as other modules' pages list them (services, business processes)."""

    model = Application
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()


class ApplicationTable(Table):
    model = Application
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "operator": "applications: hundreds per government",
    }
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    kind = Column()
    source_model = Column()
    status = Column()
    developer_kind = Column()
    lifecycle_stage = Column(default=False)
    common_field = Column(default=False)
    address = Column(default=False)
    developer_name = Column(default=False)
    licence = Column(default=False)
    operator = Column(accessor="operator.short_name", label=_("Pengelola operasional"), default=False)
    uses_sso = Column(default=False)
    last_audit_date = Column(default=False)
    classification = Column(default=False)


class ApplicationDocumentTable(Table):
    model = ApplicationDocument
    title = Column(link=True)
    application = Column(accessor="application.name", label=_("Aplikasi"))
    agency = Column(accessor="application.agency.short_name", label=_("Perangkat daerah"))
    doc_type = Column()
    document_version = Column()
    created = Column(label=_("Diunggah"))
    sha256 = Column(default=False)


class ApplicationReleaseTable(Table):
    model = ApplicationRelease
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "received_by": "releases: a few per application a year",
    }
    release_version = Column(link=True)
    application = Column(accessor="application.name", label=_("Aplikasi"))
    agency = Column(accessor="application.agency.short_name", label=_("Perangkat daerah"))
    release_date = Column()
    delivered_by = Column()
    # shown by name and position (core.people); sorted by login name
    received_by = Column(label=_("Diterima oleh"), order_by="received_by__username")
    copyright_holder = Column(default=False)
    size = Column(default=False)
    sha256 = Column(default=False)


class ApplicationIntegrationTable(Table):
    model = ApplicationIntegration
    source = Column(accessor="source.name", label=_("Aplikasi"), link=True)
    agency = Column(accessor="source.agency.short_name", label=_("Perangkat daerah"))
    target = Column(accessor="target.name", label=_("Terhubung ke"))
    method = Column()
    description = Column()


class CommonApplicationTable(Table):
    model = CommonApplication
    name = Column(link=True)
    field = Column()
    provider = Column()
    confirmed = Column()
    legal_basis = Column(default=False)
    keywords = Column(default=False)
