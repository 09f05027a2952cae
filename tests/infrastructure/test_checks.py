"""The hosting rule judged by the profile's parameter, backups proven by restores, and the evidence
kinds the profiles' periodic duties look for."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from spbe.core.checks import Status
from spbe.infrastructure.choices import FacilityKind, Hosting, RunResult, ServerKind
from spbe.infrastructure.models import (
    BackupPlan,
    BackupRun,
    Facility,
    InfrastructureReview,
    NetworkDiagram,
    RestoreTest,
)

from .conftest import server, status_of, use_profile


def test_a_server_outside_the_data_centre_is_a_violation_where_the_profile_forbids_it(
    infra_gov, satu, dua, data_center
):
    server(satu, "srv-simpeg", data_center)
    server(dua, "srv-dinkes", data_center, hosting=Hosting.VPS, kind=ServerKind.VIRTUAL)
    server(dua, "srv-bawah-meja")  # in the agency's office
    assert status_of(infra_gov, "uji-hosting", satu).status == Status.MET
    row = status_of(infra_gov, "uji-hosting", dua)
    assert row.status == Status.PARTLY_MET
    assert "melarang" in row.reason and "srv-bawah-meja" in row.reason


def test_an_agency_server_room_is_a_violation_where_the_profile_forbids_it(infra_gov, satu):
    Facility.objects.create(name="Ruang server Dinas Satu", kind=FacilityKind.AGENCY_ROOM, agency=satu)
    row = status_of(infra_gov, "uji-hosting", satu)
    assert row.status == Status.UNMET and "Ruang server Dinas Satu" in row.reason


def test_only_an_ict_autonomous_agency_may_run_its_own_servers_where_the_profile_says_so(
    infra_gov, satu, dua
):
    use_profile(infra_gov, hosting="autonomous_only")
    satu.ict_autonomous = True  # (the decree that made it so is the org module's concern)
    satu.save()
    server(satu, "srv-mandiri")
    server(dua, "srv-liar")
    assert status_of(infra_gov, "uji-hosting", satu).status == Status.MET
    row = status_of(infra_gov, "uji-hosting", dua)
    assert row.status == Status.UNMET and "PD Mandiri TIK" in row.reason


def test_coordinated_local_servers_are_allowed_once_coordinated(infra_gov, satu):
    use_profile(infra_gov, hosting="coordinated_local")
    own = server(satu, "srv-lokal")
    assert status_of(infra_gov, "uji-hosting", satu).status == Status.UNMET
    own.coordinated = True
    own.save()
    assert status_of(infra_gov, "uji-hosting", satu).status == Status.MET


def test_no_server_recorded_is_not_applicable(infra_gov, satu):
    assert status_of(infra_gov, "uji-hosting", satu).status == Status.NOT_APPLICABLE


def _plan(agency, name="Cadangan SIMPEG", months=12):
    return BackupPlan.objects.create(
        agency=agency, name=name, contents="Basis data", restore_every_months=months
    )


def test_a_backup_never_restored_counts_as_unmet(infra_gov, satu):
    plan = _plan(satu)
    BackupRun.objects.create(plan=plan, run_on=timezone.localdate(), result=RunResult.SUCCESS)
    assert status_of(infra_gov, "uji-backup", satu).status == Status.MET
    row = status_of(infra_gov, "uji-restore", satu)
    assert row.status == Status.UNMET and "Cadangan SIMPEG" in row.reason
    RestoreTest.objects.create(
        plan=plan,
        tested_on=timezone.localdate() - datetime.timedelta(days=500),
        result=RunResult.SUCCESS,
        checksums_match=True,
    )
    assert status_of(infra_gov, "uji-restore", satu).status == Status.UNMET  # outside its period
    RestoreTest.objects.create(plan=plan, tested_on=timezone.localdate(), result=RunResult.FAILED)
    assert status_of(infra_gov, "uji-restore", satu).status == Status.UNMET  # a failed drill proves nothing
    RestoreTest.objects.create(
        plan=plan, tested_on=timezone.localdate(), result=RunResult.SUCCESS, checksums_match=True
    )
    assert status_of(infra_gov, "uji-restore", satu).status == Status.MET


def test_a_stale_diagram_leaves_the_yearly_duty_unmet(infra_gov, satu):
    old = NetworkDiagram(agency=satu, submitted_on=timezone.localdate() - datetime.timedelta(days=420))
    old.file.save("lan.pdf", ContentFile(b"%PDF-1.4"), save=False)
    old.save()
    assert status_of(infra_gov, "uji-diagram", satu).status == Status.UNMET
    fresh = NetworkDiagram(agency=satu, submitted_on=timezone.localdate())
    fresh.file.save("lan2.pdf", ContentFile(b"%PDF-1.4"), save=False)
    fresh.save()
    assert status_of(infra_gov, "uji-diagram", satu).status == Status.MET


def test_the_data_centre_review_is_found(infra_gov):
    assert status_of(infra_gov, "uji-dc-review", None).status == Status.UNMET
    InfrastructureReview.objects.create(document="data_center", findings="Kapasitas UPS perlu ditambah.")
    assert status_of(infra_gov, "uji-dc-review", None).status == Status.MET
