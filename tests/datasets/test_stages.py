"""The four Satu Data stages (Parigi Moutong Pasal 13 ayat (2)) through the services the pages call."""

import pytest

from spbe.core.errors import DomainError
from spbe.datasets import services
from spbe.datasets.choices import DatasetStage, KeyType
from spbe.datasets.models import Resource

from .conftest import classify, csv_file, make_dataset, published

pytestmark = pytest.mark.django_db


def test_upload_reads_schema_preview_hash_and_moves_to_collection(agency_a, editor_a):
    dataset = make_dataset(agency_a, key_type=KeyType.NIK, key_column="nik")
    assert dataset.stage == DatasetStage.PLANNED
    resource = services.resource_add(
        dataset=dataset, user=editor_a, name="Tabel", file_format="CSV", file=csv_file()
    )
    assert [c["name"] for c in resource.schema] == ["nik", "nama", "desa"]
    assert resource.schema[0]["type"] == "teks"  # 16 digits: an identifier, not a number
    assert resource.preview[0] == ["7208010101900001", "Ani", "Toboli"]
    assert resource.row_count == 2 and len(resource.sha256) == 64 and resource.size > 0
    assert resource.problems == []
    dataset.refresh_from_db()
    assert dataset.stage == DatasetStage.COLLECTING and dataset.last_update is not None
    again = services.resource_add(
        dataset=dataset, user=editor_a, name="Tabel", file_format="CSV", file=csv_file()
    )
    assert again.resource_version == 2


def test_quality_findings_empty_column_duplicate_and_bad_nik(agency_a, editor_a):
    dataset = make_dataset(agency_a, key_type=KeyType.NIK, key_column="nik")
    content = b"nik,nama,kosong\n7208010101900001,Ani,\n7208010101900001,Ani,\n12345,Budi,\n"
    resource = services.resource_add(
        dataset=dataset, user=editor_a, name="Tabel", file_format="CSV", file=csv_file(content)
    )
    texts = " | ".join(p["code"] % p["params"] for p in resource.problems)
    assert "Kolom kosong: kosong" in texts
    assert "Kunci ganda" in texts and "7208010101900001" in texts
    assert "NIK tidak sah" in texts and "12345" in texts


def test_unreadable_file_is_refused_on_the_file_field(agency_a, editor_a):
    from django.core.exceptions import ValidationError

    dataset = make_dataset(agency_a)
    with pytest.raises(ValidationError) as error:
        services.resource_add(
            dataset=dataset,
            user=editor_a,
            name="Rusak",
            file_format="JSON",
            file=csv_file(b"{bukan json", "x.json"),
        )
    assert "file" in error.value.message_dict
    assert not Resource.objects.filter(dataset=dataset).exists()


def test_return_names_field_and_reason_then_fix_and_accept(agency_a, editor_a, steward_a):
    dataset = make_dataset(agency_a)
    services.resource_add(dataset=dataset, user=editor_a, name="Tabel", file_format="CSV", file=csv_file())
    services.dataset_submit(dataset=dataset, user=editor_a)
    dataset.refresh_from_db()
    assert dataset.stage == DatasetStage.CHECKING
    with pytest.raises(DomainError):
        services.dataset_accept(dataset=dataset, user=editor_a)  # the producer cannot check itself
    services.dataset_return(
        dataset=dataset, user=steward_a, field="description", reason="Sebutkan sumber data."
    )
    dataset.refresh_from_db()
    assert dataset.stage == DatasetStage.COLLECTING and dataset.returned_field == "description"
    request = services.review_request(dataset)
    assert request.status == "returned"
    assert "Sebutkan sumber data." in request.decisions.get().reason
    dataset.description = "Jumlah penduduk per desa, sumber Disdukcapil."
    dataset.save()
    again = services.dataset_submit(dataset=dataset, user=editor_a)
    assert again.pk == request.pk  # the same request goes back (approval_resubmit)
    services.dataset_accept(dataset=dataset, user=steward_a)
    dataset.refresh_from_db()
    assert dataset.stage == DatasetStage.ACCEPTED and dataset.returned_field == ""


def test_only_the_steward_publishes_and_classifies(agency_a, editor_a, steward_a):
    dataset = published(agency_a, editor_a, steward_a)
    assert dataset.is_open_data and dataset.published_at
    with pytest.raises(DomainError):
        classify(dataset, editor_a, "closed")
    classify(dataset, steward_a, "closed")
    dataset.refresh_from_db()
    assert dataset.classification == "closed" and not dataset.is_open_data


def test_submit_needs_a_resource(agency_a, editor_a):
    dataset = make_dataset(agency_a)
    with pytest.raises(DomainError, match="sumber data"):
        services.dataset_submit(dataset=dataset, user=editor_a)
