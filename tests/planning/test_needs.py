"""Agencies submit ICT needs; only the ICT office consolidates them into the roadmap."""

import pytest

from spbe.core.errors import DomainError
from spbe.core.models import AuditEvent
from spbe.org.choices import Role
from spbe.planning import services
from spbe.planning.choices import NeedStatus

from ..factories import AgencyFactory, GovernmentFactory, user_with_role
from .factories import AgencyNeedFactory, RoadmapFactory, RoadmapItemFactory


@pytest.fixture
def need_and_item(gov, agency_a):
    need = AgencyNeedFactory(agency=agency_a, title="Komputer pendaftaran puskesmas")
    item = RoadmapItemFactory(
        roadmap=RoadmapFactory(government=gov), agency=agency_a, activity="Sistem informasi puskesmas"
    )
    return need, item


def test_ict_office_consolidates_a_need_with_an_audit_event(need_and_item, ict_admin):
    need, item = need_and_item
    services.agency_need_consolidate(
        need=need, roadmap_item=item, user=ict_admin, note="Masuk kegiatan 2026."
    )
    need.refresh_from_db()
    assert (need.status, need.roadmap_item, need.ict_office_note) == (
        NeedStatus.CONSOLIDATED,
        item,
        "Masuk kegiatan 2026.",
    )
    event = AuditEvent.objects.get(code="planning.need.consolidated")
    assert event.object_id == str(need.pk) and "Sistem informasi puskesmas" in event.message
    with pytest.raises(DomainError, match="sudah dikonsolidasikan"):
        services.agency_need_consolidate(need=need, roadmap_item=item, user=ict_admin)


@pytest.mark.parametrize(
    "role, scoped",
    [(Role.AGENCY_ADMIN, True), (Role.AGENCY_HEAD, True), (Role.PLATFORM_ADMIN, False), (Role.LEADER, False)],
)
def test_others_are_refused(need_and_item, agency_a, role, scoped):
    need, item = need_and_item
    user = user_with_role(role, agency_a if scoped else None, f"bukan.kominfo.{role}")
    with pytest.raises(DomainError, match="Hanya Dinas Kominfo"):
        services.agency_need_consolidate(need=need, roadmap_item=item, user=user)
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED and need.roadmap_item is None
    assert not AuditEvent.objects.filter(code="planning.need.consolidated").exists()


def test_roadmap_of_another_government_is_refused(need_and_item, ict_admin):
    need, _item = need_and_item
    other = GovernmentFactory(name="Pemerintah Kabupaten Lain", domain="lain.go.id")
    foreign = RoadmapItemFactory(
        roadmap=RoadmapFactory(government=other), agency=AgencyFactory(government=other)
    )
    with pytest.raises(DomainError, match="pemerintah daerah yang sama"):
        services.agency_need_consolidate(need=need, roadmap_item=foreign, user=ict_admin)


def test_defer_and_reject_need_a_reason(need_and_item, ict_admin):
    need, _item = need_and_item
    with pytest.raises(DomainError, match="Alasan wajib"):
        services.agency_need_defer(need=need, user=ict_admin, note=" ")
    services.agency_need_defer(need=need, user=ict_admin, note="Siklus anggaran berikutnya.")
    need.refresh_from_db()
    assert need.status == NeedStatus.DEFERRED
    assert AuditEvent.objects.filter(code="planning.need.deferred", object_id=str(need.pk)).exists()


def test_consolidation_page_for_the_ict_office_only(client, client_a, need_and_item, ict_admin):
    need, item = need_and_item
    page = client_a.get(f"/planning/agency-needs/{need.pk}/").content.decode()
    assert "Menunggu konsolidasi oleh Dinas Kominfo" in page and "/decide/" not in page
    assert (
        client_a.post(f"/planning/agency-needs/{need.pk}/decide/", {"roadmap_item": item.pk}).status_code
        == 403
    )
    client.force_login(ict_admin)
    page = client.get(f"/planning/agency-needs/{need.pk}/").content.decode()
    assert f"/planning/agency-needs/{need.pk}/decide/" in page
    assert (
        "Sistem informasi puskesmas"
        in client.get(f"/planning/agency-needs/{need.pk}/decide/").content.decode()
    )
    response = client.post(
        f"/planning/agency-needs/{need.pk}/decide/", {"action": "consolidate", "roadmap_item": item.pk}
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.CONSOLIDATED
    item_page = client.get(f"/planning/roadmap-items/{item.pk}/").content.decode()
    assert "Komputer pendaftaran puskesmas" in item_page


def test_consolidation_through_the_api(client, client_a, need_and_item, ict_admin):
    need, item = need_and_item
    url = f"/api/v1/planning/agency-needs/{need.pk}/consolidate/"
    refused = client_a.post(url, {"roadmap_item": item.pk}, content_type="application/json")
    assert refused.status_code == 403 and "Hanya Dinas Kominfo" in refused.json()["detail"]
    client.force_login(ict_admin)
    response = client.post(
        url, {"roadmap_item": item.pk, "note": "Lewat API."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "consolidated"
    assert response.json()["roadmap_item"]["id"] == item.pk


def test_agency_cannot_mark_its_own_need_consolidated(client_a, agency_a):
    need = AgencyNeedFactory(agency=agency_a)
    response = client_a.patch(
        f"/api/v1/planning/agency-needs/{need.pk}/",
        {"status": "consolidated", "title": "Diubah"},
        content_type="application/json",
    )
    assert response.status_code == 200
    need.refresh_from_db()
    assert need.title == "Diubah" and need.status == NeedStatus.SUBMITTED
