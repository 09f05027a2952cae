"""Data stored where the profile says (Sigi Pasal 11 ayat (3): the agency's own data centre; Kutai
Barat Pasal 13 ayat (4): the ICT office's) and data shared only under live agreements (Sigi Pasal 11
ayat (1), Kutai Barat Pasal 13 ayat (1))."""

import datetime

import pytest

from spbe.core.checks import Status, Subject, check_type
from spbe.datasets import services
from spbe.infrastructure.choices import FacilityKind, Hosting, ServerKind
from spbe.infrastructure.models import Facility, Server

from ..applications.conftest import ApplicationFactory
from ..factories import AgencyFactory
from .conftest import classify, published

pytestmark = pytest.mark.django_db


class Obligation:
    def __init__(self, **params):
        self.params = params


def _server(agency, name, facility, application):
    server = Server(agency=agency, name=name, facility=facility, kind=ServerKind.VIRTUAL, hosting=Hosting.VPS)
    server.full_clean()
    server.save()
    server.applications.add(application)
    return server


def _run(name, gov, agency, **params):
    subject = Subject(gov, agency)
    return check_type(name).evaluate(Obligation(**params), [subject], {})[subject.key]


def test_data_stored_where_each_profile_says(gov, agency_a, editor_a, steward_a):
    gov.ict_office = AgencyFactory(government=gov, name="Dinas Kominfo", short_name="KOMINFO")
    gov.save()
    central = Facility.objects.create(
        name="Pusat Data Pemda", kind=FacilityKind.DATA_CENTER, agency=gov.ict_office
    )
    own_room = Facility.objects.create(
        name="Ruang Server Dinas A", kind=FacilityKind.AGENCY_ROOM, agency=agency_a
    )
    dataset = published(agency_a, editor_a, steward_a, title="Data puskesmas")
    app = ApplicationFactory(agency=agency_a, name="SIMPUS")
    dataset.applications.add(app)

    unknown = _run("data_stored_in_data_centre", gov, agency_a, managed_by="ict_office")
    assert unknown.status == Status.UNMET
    assert "lokasi penyimpanan tidak tercatat" in str(unknown.reason.params["names"][0].params["problem"])

    server = _server(agency_a, "simpus-db", central, app)
    assert _run("data_stored_in_data_centre", gov, agency_a, managed_by="ict_office").status == Status.MET
    # Sigi: the agency's own data centre, not the ICT office's.
    assert _run("data_stored_in_data_centre", gov, agency_a, managed_by="producer").status == Status.UNMET

    server.facility = own_room
    server.save()
    assert _run("data_stored_in_data_centre", gov, agency_a, managed_by="producer").status == Status.MET
    outside = _run("data_stored_in_data_centre", gov, agency_a, managed_by="ict_office")
    assert outside.status == Status.UNMET
    assert outside.reason.params["names"][0].params["dataset"] == "Data puskesmas"

    national = Facility.objects.create(name="Pusat Data Nasional", kind=FacilityKind.NATIONAL)
    server.facility = national
    server.save()
    assert _run("data_stored_in_data_centre", gov, agency_a, managed_by="ict_office").status == Status.UNMET
    assert (
        _run("data_stored_in_data_centre", gov, agency_a, managed_by="ict_office", national=True).status
        == Status.MET
    )

    server.status = "retired"  # a retired server stores nothing
    server.save()
    assert _run("data_stored_in_data_centre", gov, agency_a, managed_by="producer").status == Status.UNMET


def test_other_agencies_use_limited_data_only_under_a_live_agreement(
    gov, agency_a, agency_b, editor_a, steward_a, outsider_b
):
    open_one = published(agency_a, editor_a, steward_a, title="Data terbuka")
    assert _run("data_shared_under_agreement", gov, agency_a).status == Status.NOT_APPLICABLE
    limited = published(agency_a, editor_a, steward_a, classification="limited", title="Data gaji")
    own_app = ApplicationFactory(agency=agency_a, name="SIMPEG")
    limited.applications.add(own_app)
    open_one.applications.add(ApplicationFactory(agency=agency_b, name="Portal B"))
    assert _run("data_shared_under_agreement", gov, agency_a).status == Status.MET

    limited.applications.add(ApplicationFactory(agency=agency_b, name="Aplikasi Tunjangan B"))
    used = _run("data_shared_under_agreement", gov, agency_a)
    assert used.status == Status.UNMET
    assert "tanpa perjanjian" in str(used.reason.params["names"][0].params["problem"])

    share = services.share_request_create(
        user=outsider_b,
        dataset=limited,
        agency=agency_b,
        purpose="Perhitungan tunjangan.",
        scope="Semua kolom.",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2099, 1, 1),
    )
    assert _run("data_shared_under_agreement", gov, agency_a).status == Status.UNMET  # asked, not agreed
    services.share_decide(share=share, user=steward_a, approve=True)
    assert _run("data_shared_under_agreement", gov, agency_a).status == Status.MET

    share.valid_until = datetime.date(2021, 1, 1)  # expired
    share.save()
    assert _run("data_shared_under_agreement", gov, agency_a).status == Status.UNMET

    secret = published(agency_a, editor_a, steward_a, classification="limited", title="Data korban")
    classify(secret, steward_a, "closed")
    secret.applications.add(ApplicationFactory(agency=agency_b, name="Aplikasi B lain"))
    closed = _run("data_shared_under_agreement", gov, agency_a)
    problems = {n.params["dataset"]: str(n.params["problem"]) for n in closed.reason.params["names"]}
    assert problems == {
        "Data gaji": "dipakai PD lain tanpa perjanjian berlaku",
        "Data korban": "data tertutup dipakai PD lain",
    }
    assert closed.status == Status.UNMET
