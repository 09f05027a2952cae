"""Sharing under agreements (Sigi Pasal 11 ayat (1), Kutai Barat Pasal 13 ayat (1)-(2)) and the
compliance checks the catalog answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from spbe.core.checks import Status, Subject, check_type
from spbe.datasets import services
from spbe.datasets.choices import ShareStatus
from spbe.datasets.models import Resource

from .conftest import classify, make_dataset, published

pytestmark = pytest.mark.django_db


class Obligation:
    params: dict = {}


def _share(dataset, requester, agency, **values):
    defaults = {
        "purpose": "Pemadanan data untuk sasaran program.",
        "scope": "Semua kolom.",
        "valid_from": datetime.date(2020, 1, 1),
        "valid_until": datetime.date(2099, 1, 1),
    }
    return services.share_request_create(
        user=requester, dataset=dataset, agency=agency, **{**defaults, **values}
    )


def test_limited_files_reach_another_agency_only_under_a_live_agreement(
    agency_a, agency_b, editor_a, steward_a, outsider_b
):
    dataset = published(agency_a, editor_a, steward_a, classification="limited")
    files = Resource.objects.filter(dataset=dataset)
    assert not files.restrict(outsider_b).exists()
    share = _share(dataset, outsider_b, agency_b)
    assert share.status == ShareStatus.REQUESTED and not files.restrict(outsider_b).exists()
    services.share_decide(share=share, user=steward_a, approve=True, reason="Sesuai SOP.")
    assert share.status == ShareStatus.APPROVED and share.is_live
    assert files.restrict(outsider_b).exists()
    share.valid_until = datetime.date(2021, 1, 1)  # the agreement ran out
    share.save()
    assert not files.restrict(outsider_b).exists()


def test_refusal_keeps_its_reason_and_closing_ends_agreements(
    agency_a, agency_b, editor_a, steward_a, outsider_b
):
    dataset = published(agency_a, editor_a, steward_a, classification="limited")
    refused = _share(dataset, outsider_b, agency_b, purpose="Penawaran produk kepada warga.")
    services.share_decide(
        share=refused, user=steward_a, approve=False, reason="Tujuan komersial tidak dibenarkan."
    )
    assert refused.status == ShareStatus.REFUSED
    assert refused.approval.decisions.get().reason == "Tujuan komersial tidak dibenarkan."
    live = _share(dataset, outsider_b, agency_b)
    services.share_decide(share=live, user=steward_a, approve=True)
    classify(dataset, steward_a, "closed")
    live.refresh_from_db()
    assert live.status == ShareStatus.ENDED
    assert not Resource.objects.filter(dataset=dataset).restrict(outsider_b).exists()


def test_closed_dataset_cannot_be_requested_and_party_needs_a_name(
    agency_a, agency_b, editor_a, steward_a, outsider_b
):
    dataset = published(agency_a, editor_a, steward_a, classification="limited")
    with pytest.raises(ValidationError) as error:
        _share(dataset, outsider_b, agency_b, party_kind="third_party")
    assert "party_name" in error.value.message_dict
    classify(dataset, steward_a, "closed")
    with pytest.raises(ValidationError) as error:
        _share(dataset, outsider_b, agency_b)
    assert "dataset" in error.value.message_dict


def test_checks_name_what_is_missing(gov, agency_a, editor_a, steward_a):
    complete = published(agency_a, editor_a, steward_a, database_group="basis data kesehatan")
    bare = published(agency_a, editor_a, steward_a, title="Tanpa metadata")
    subject = Subject(gov, agency_a)
    outcome = check_type("dataset_metadata_complete").evaluate(Obligation(), [subject], {})[subject.key]
    assert outcome.status == Status.UNMET  # neither has the Satu Data metadata nor a steward
    assert any("Tanpa metadata" in str(name) for name in outcome.reason.params["names"])
    published_check = check_type("open_data_published").evaluate(Obligation(), [subject], {})[subject.key]
    assert published_check.status == Status.MET
    classified = check_type("dataset_classified").evaluate(Obligation(), [subject], {})[subject.key]
    assert classified.status == Status.UNMET  # OPEN by default in the test, never set by the steward
    classify(complete, steward_a, "open")
    classified = check_type("dataset_classified").evaluate(Obligation(), [subject], {})[subject.key]
    assert classified.status == Status.PARTLY_MET
    fresh = check_type("dataset_updated_within_frequency").evaluate(Obligation(), [subject], {})[subject.key]
    assert fresh.status == Status.MET
    bare.last_update = datetime.date(2019, 1, 1)
    bare.save()
    stale = check_type("dataset_updated_within_frequency").evaluate(Obligation(), [subject], {})[subject.key]
    assert stale.status == Status.PARTLY_MET
    make_dataset(agency_a, title="Masih rencana")
    empty = Subject(gov, None)
    assert (
        check_type("dataset_steward_by_decree").evaluate(Obligation(), [empty], {})[empty.key].status
        == Status.UNMET
    )
