"""The national list of common applications shipped as data, the profiles using the check types,
and the demo regency's application obligations."""

import pytest

from spbe.applications import services
from spbe.applications.checks import NO_PARAMS
from spbe.applications.models import CommonApplication
from spbe.compliance import profiles

APPLICATION_CHECKS = {
    "application_documents_present",
    "application_source_in_repository",
    "open_source_rule",
    "closed_source_consideration",
    "specific_app_consultation",
    "no_duplicate_common_application",
    "subdomain_under_domain",
}


def test_the_national_list_is_loaded_after_migrate(db):
    confirmed = dict(CommonApplication.objects.values_list("name", "confirmed"))
    assert confirmed == {
        "SRIKANDI": True,
        "SP4N-LAPOR!": True,
        "SPSE": True,
        "SI-ASN": True,
        "SIPD": False,
        "e-SAKIP": False,
    }
    srikandi = CommonApplication.objects.get(name="SRIKANDI")
    assert srikandi.field == "records" and "KepMenPANRB 679/2020" in srikandi.legal_basis


def test_loading_again_changes_nothing_and_restores_the_shipped_values(db):
    assert services.common_applications_load() == (0, 0)
    CommonApplication.objects.filter(name="SPSE").update(keywords="diubah")
    CommonApplication.objects.create(name="Aplikasi Lokal Uji", field="other", provider="Diskominfo")
    assert services.common_applications_load() == (0, 1)
    assert "lpse" in CommonApplication.objects.get(name="SPSE").keywords
    assert CommonApplication.objects.filter(name="Aplikasi Lokal Uji").exists()


@pytest.mark.parametrize("path", sorted(profiles.PROFILE_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_profile_uses_the_check_types_as_they_are_defined(db, path):
    report = profiles.validate_file(path)
    assert report.ok, report.lines()
    text = "\n".join(report.lines())
    for name in APPLICATION_CHECKS:
        assert name not in text, text  # neither "not available" nor a parameter error
    used = {ob["check"]["type"] for ob in report.data["obligations"]} & APPLICATION_CHECKS
    assert used, "each profile has application obligations"
    for ob in report.data["obligations"]:
        if ob["check"]["type"] in APPLICATION_CHECKS:
            assert ob["check"].get("params", {}) == {}  # NO_PARAMS
    assert NO_PARAMS["additionalProperties"] is False
