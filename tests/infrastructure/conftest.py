import pytest

from spbe.compliance import engine, profiles
from spbe.compliance.models import ComplianceStatus
from spbe.infrastructure.choices import FacilityKind, Hosting, PrefixStatus, ServerKind
from spbe.infrastructure.models import Facility, Prefix, Server
from spbe.org.choices import Role

from ..factories import AgencyFactory, GovernmentFactory, user_with_role

# A small profile with the infrastructure checks; `agency_hosting` and `subdomain_grantor` vary.
INFRA_TINY = """\
schema_version: 1
id: {code}
regency: Kabupaten Uji Infrastruktur
province: Sulawesi Tengah
number: "12"
year: 2026
title: Infrastruktur SPBE (uji)
set_on: 2026-01-05
parameters:
  official_domain: ujiinfra.go.id
  agency_hosting: {hosting}
  subdomain_grantor: {grantor}
groups:
  - {{id: infrastructure, name: Infrastruktur}}
obligations:
  - {{id: uji-hosting, citation: Pasal 10 ayat (3), group: infrastructure, statement: Server PD di pusat data., subject: each_agency, period: continuous, severity: high, check: {{type: agency_hosting_rule}}}}
  - {{id: uji-restore, citation: Pasal 23 ayat (2), group: infrastructure, statement: Cadangan diuji pulih., subject: each_agency, period: continuous, severity: high, check: {{type: backups_restored}}}}
  - {{id: uji-backup, citation: Pasal 17 ayat (1), group: infrastructure, statement: PD mencadangkan data., subject: each_agency, period: yearly, severity: high, check: {{type: record_every, params: {{kind: backup_run, months: 12}}}}}}
  - {{id: uji-diagram, citation: Pasal 21 ayat (1), group: infrastructure, statement: Diagram LAN setahun sekali., subject: each_agency, period: yearly, severity: medium, check: {{type: record_every, params: {{kind: network_diagram, months: 12}}}}}}
  - {{id: uji-dc-review, citation: Pasal 15 ayat (13), group: infrastructure, statement: Reviu layanan pusat data., subject: government, period: yearly, severity: medium, check: {{type: review_within, params: {{document: data_center, months: 12}}}}}}
"""


def load_tiny(*, code="uji-infra-2026", hosting="forbidden", grantor="ict_office"):
    regulation, _report = profiles.load_text(
        INFRA_TINY.format(code=code, hosting=hosting, grantor=grantor), source=f"{code}.yaml"
    )
    return regulation


@pytest.fixture
def infra_gov(db):
    regulation = load_tiny()
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji Infrastruktur", domain="ujiinfra.go.id")
    gov.regulation = regulation.code
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo Uji", short_name="KOM")
    gov.save()
    return gov


def use_profile(gov, **kwargs):
    regulation = load_tiny(
        code=f"uji-infra-{kwargs.get('hosting', 'x')}-{kwargs.get('grantor', 'y')}".replace("_", "-"),
        **kwargs,
    )
    gov.regulation = regulation.code
    gov.save()


@pytest.fixture
def satu(infra_gov):
    return AgencyFactory(government=infra_gov, name="Dinas Satu", short_name="D1")


@pytest.fixture
def dua(infra_gov):
    return AgencyFactory(government=infra_gov, name="Dinas Dua", short_name="D2")


@pytest.fixture
def admin_satu(satu):
    return user_with_role(Role.AGENCY_ADMIN, satu, "admin.satu")


@pytest.fixture
def kominfo(infra_gov):
    return user_with_role(Role.ICT_ADMIN, None, "kominfo.uji")


@pytest.fixture
def data_center(infra_gov):
    return Facility.objects.create(
        name="Pusat Data Uji", kind=FacilityKind.DATA_CENTER, agency=infra_gov.ict_office
    )


def server(agency, name, facility=None, **extra):
    values = {"kind": ServerKind.PHYSICAL, "hosting": Hosting.OWN if facility is None else Hosting.COLOCATION}
    values.update(extra)
    record = Server(agency=agency, name=name, facility=facility, **values)
    record.full_clean()
    record.save()
    return record


def prefix(text, status=PrefixStatus.ACTIVE, agency=None):
    record = Prefix(prefix=text, status=status, assigned_to=agency)
    record.full_clean()
    record.save()
    return record


def status_of(gov, code, agency):
    engine.run_full(gov)
    return ComplianceStatus.objects.get(
        government=gov, obligation__code=code, subject_key=engine.subject_key(agency.pk if agency else None)
    )
