import pytest

from spbe.compliance import profiles

from ..factories import AgencyFactory, GovernmentFactory

# A small profile using the planning check types, so every outcome can be worked out by hand.
PLANNING_TINY = """\
schema_version: 1
id: uji-perencanaan-2026
regency: Kabupaten Uji Perencanaan
province: Sulawesi Tengah
number: "2"
year: 2026
title: Perencanaan SPBE (uji)
set_on: 2026-01-05
parameters:
  planning_documents: [architecture, roadmap, budget_plan]
groups:
  - {id: governance, name: Tata Kelola dan Perencanaan}
obligations:
  - id: uji-4-architecture
    citation: Pasal 4 ayat (3)
    group: governance
    statement: Tersedia Arsitektur SPBE yang berlaku.
    subject: government
    period: every_5_years
    severity: high
    check: {type: planning_document_current, params: {document: architecture}}
  - id: uji-5-architecture-review
    citation: Pasal 5 ayat (1)
    group: governance
    statement: Dinas mereviu Arsitektur SPBE setiap tahun.
    subject: ict_office
    period: yearly
    severity: high
    check: {type: review_within, params: {document: architecture, months: 12}}
  - id: uji-7-roadmap
    citation: Pasal 7 ayat (3)
    group: governance
    statement: Tersedia Peta Rencana SPBE yang berlaku.
    subject: government
    period: every_5_years
    severity: high
    check: {type: planning_document_current, params: {document: roadmap}}
  - id: uji-8-roadmap-review
    citation: Pasal 8 ayat (1)
    group: governance
    statement: Dinas mereviu Peta Rencana SPBE setiap tahun.
    subject: government
    period: yearly
    severity: high
    check: {type: review_within, params: {document: roadmap, months: 12}}
  - id: uji-9-1-budget-plan
    citation: Pasal 9 ayat (1)
    group: governance
    statement: Setiap PD menyusun rencana dan anggaran SPBE tahunan.
    subject: each_agency
    period: yearly
    severity: medium
    check: {type: planning_document_current, params: {document: budget_plan}}
  - id: uji-9-2-budget-roadmap
    citation: Pasal 9 ayat (2)
    group: governance
    statement: Setiap pos anggaran SPBE PD merujuk peta rencana.
    subject: each_agency
    period: yearly
    severity: medium
    check: {type: budget_lines_reference_roadmap}
  - id: uji-10-master-plan
    citation: Pasal 10 ayat (1)
    group: governance
    statement: Tersedia Rencana Induk SPBE yang berlaku.
    subject: government
    period: every_5_years
    severity: high
    check: {type: planning_document_current, params: {document: master_plan}}
  - id: uji-10-ict-roadmap
    citation: Pasal 10 ayat (2)
    group: governance
    statement: Tersedia roadmap TIK yang berlaku.
    subject: government
    period: every_5_years
    severity: high
    check: {type: planning_document_current, params: {document: ict_roadmap}}
  - id: uji-11-needs
    citation: Pasal 11 ayat (1)
    group: governance
    statement: Setiap PD menyampaikan kebutuhan TIK.
    subject: each_agency
    period: every_5_years
    severity: medium
    check: {type: agency_needs_submitted, params: {months: 12}}
  - id: uji-12-process-review
    citation: Pasal 12 ayat (1)
    group: governance
    statement: Proses bisnis setiap PD direviu setiap tahun.
    subject: each_agency
    period: yearly
    severity: medium
    check: {type: review_within, params: {document: business_process, months: 12}}
  - id: uji-13-budget-review
    citation: Pasal 13 ayat (1)
    group: governance
    statement: Rencana dan anggaran SPBE direviu setiap tahun.
    subject: government
    period: yearly
    severity: medium
    check: {type: review_within, params: {document: budget_plan, months: 12}}
"""


@pytest.fixture
def planning_regulation(db):
    regulation, report = profiles.load_text(PLANNING_TINY, source="uji-perencanaan.yaml")
    assert report.ok, report.lines()
    return regulation


@pytest.fixture
def plan_gov(planning_regulation):
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji Perencanaan", domain="ujiperencanaan.go.id")
    gov.regulation = planning_regulation.code
    gov.save()
    return gov


@pytest.fixture
def plan_agencies(plan_gov):
    one = AgencyFactory(government=plan_gov, name="Dinas Satu", short_name="D1")
    two = AgencyFactory(government=plan_gov, name="Dinas Dua", short_name="D2")
    plan_gov.ict_office = one
    plan_gov.save()
    return one, two
