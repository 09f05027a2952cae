"""Other modules' contributions to the application pages and planning pages, through core's
extension points (panels, tabs)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.applications.choices import DocumentType
from spbe.compliance import engine

from ..factories import AgencyFactory
from ..planning.factories import BusinessProcessFactory, ServiceFactory
from .conftest import ApplicationFactory, add_document


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries), response.content.decode()


def test_application_page_shows_the_compliance_panel_with_obligations_and_status(
    client, tiny_apps_gov, satu, tiny_editor
):
    app = ApplicationFactory(agency=satu, name="SIMPUS")
    add_document(app, DocumentType.REQUIREMENTS)
    engine.run_full(tiny_apps_gov)
    client.force_login(tiny_editor)
    _count, page = _queries(client, app.get_absolute_url())
    assert 'id="panel-compliance"' in page
    panel = page[page.index('id="panel-compliance"') :]
    assert "Kepatuhan" in panel
    # the obligations whose checks read applications, with the agency's current status
    assert "Pasal 10 ayat (1)" in panel and "Aplikasi disertai dokumen wajib." in panel
    assert "Pasal 13 ayat (1)" in panel
    assert 'data-status="partly_met"' in panel or 'data-status="unmet"' in panel


def test_a_sub_unit_application_shows_its_parent_agency_status(client, tiny_apps_gov, satu, tiny_editor):
    unit = AgencyFactory(government=tiny_apps_gov, parent=satu, name="UPT Satu", short_name="UPT1")
    app = ApplicationFactory(agency=unit, name="Aplikasi UPT")
    engine.run_full(tiny_apps_gov)
    client.force_login(tiny_editor)
    _count, page = _queries(client, app.get_absolute_url())
    panel = page[page.index('id="panel-compliance"') :]
    assert "D1" in panel  # the subject the sub-unit answers through


def test_compliance_panel_costs_the_same_queries_with_more_obligations_and_applications(
    client, tiny_apps_gov, satu, dua, tiny_editor
):
    app = ApplicationFactory(agency=satu)
    engine.run_full(tiny_apps_gov)
    client.force_login(tiny_editor)
    _queries(client, app.get_absolute_url())  # warm the per-process caches
    small, _page = _queries(client, app.get_absolute_url())
    for i in range(6):
        other = ApplicationFactory(agency=satu if i % 2 else dua)
        add_document(other, DocumentType.USER_MANUAL)
    engine.run_full(tiny_apps_gov)
    large, _page = _queries(client, app.get_absolute_url())
    assert small == large


def test_no_panel_without_a_regulation(client_a, agency_a):
    app = ApplicationFactory(agency=agency_a)
    page = client_a.get(app.get_absolute_url()).content.decode()
    assert 'id="panel-compliance"' not in page


def test_planning_pages_show_linked_applications_through_the_applications_panel(client_a, agency_a):
    service = ServiceFactory(agency=agency_a)
    process = BusinessProcessFactory(agency=agency_a)
    app = ApplicationFactory(agency=agency_a, name="Aplikasi Tertaut")
    app.services.add(service)
    app.business_processes.add(process)
    for url in (service.get_absolute_url(), process.get_absolute_url()):
        page = client_a.get(url).content.decode()
        assert 'id="panel-applications"' in page
        assert "Aplikasi Tertaut" in page[page.index('id="panel-applications"') :]


def test_a_closed_application_of_another_agency_stays_out_of_the_planning_panel(client_a, agency_a, agency_b):
    service = ServiceFactory(agency=agency_a)
    ApplicationFactory(agency=agency_b, name="Rahasia B", classification="closed").services.add(service)
    page = client_a.get(service.get_absolute_url()).content.decode()
    assert "Rahasia B" not in page
