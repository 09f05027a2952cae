import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.core.choices import Classification
from spbe.datasets import services
from spbe.datasets.choices import DatasetStage
from spbe.datasets.models import Dataset
from spbe.org.choices import Role

from ..factories import user_with_role

CSV = b"nik,nama,desa\n7208010101900001,Ani,Toboli\n7208010101900002,Budi,Parigi\n"


@pytest.fixture
def steward_a(agency_a):
    """The data steward (Walidata) of agency A."""
    return user_with_role(Role.DATA_STEWARD, agency_a, "walidata.a")


def csv_file(content: bytes = CSV, name: str = "penduduk.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def make_dataset(agency, **values) -> Dataset:
    defaults = {
        "title": "Data penduduk per desa",
        "description": "Jumlah penduduk per desa.",
        "agency": agency,
    }
    defaults.update(values)
    dataset = Dataset(**defaults)
    dataset.full_clean()
    dataset.save()
    return dataset


def published(agency, producer, steward, classification=Classification.OPEN, **values) -> Dataset:
    """A dataset taken through the four stages by its producer and steward."""
    dataset = make_dataset(agency, classification=classification, **values)
    services.resource_add(dataset=dataset, user=producer, name="Tabel", file_format="CSV", file=csv_file())
    services.dataset_submit(dataset=dataset, user=producer)
    services.dataset_accept(dataset=dataset, user=steward)
    dataset.refresh_from_db()
    services.dataset_publish(dataset=dataset, user=steward)
    dataset.refresh_from_db()
    assert dataset.stage == DatasetStage.PUBLISHED
    return dataset
