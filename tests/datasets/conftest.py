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


def classification_policy(government):
    """The government's classification policy with one reason for each level."""
    from spbe.security.models import ClassificationPolicy, ClassificationReason

    policy, created = ClassificationPolicy.objects.get_or_create(
        government=government,
        defaults={
            "open_meaning": "Boleh dipublikasikan kepada umum.",
            "limited_meaning": "Hanya untuk PD dengan perjanjian berbagi data.",
            "closed_meaning": "Hanya PD pemilik; dikecualikan UU 14/2008.",
            "deciders": "Walidata PD produsen data.",
        },
    )
    if created:
        for level, label in (
            ("open", "Statistik agregat"),
            ("limited", "Data operasional internal"),
            ("closed", "Informasi yang dikecualikan"),
        ):
            ClassificationReason.objects.create(
                policy=policy, level=level, label=label, legal_basis="UU 14/2008"
            )
    return policy


def classify(dataset, user, level, explanation="Ditetapkan walidata pada inventarisasi data."):
    """The steward's classification, the one way: a decision with one of the policy's reasons."""
    policy = classification_policy(dataset.agency.government)
    return services.dataset_classify(
        dataset=dataset,
        user=user,
        classification=level,
        reason=policy.reasons.get(level=level),
        explanation=explanation,
    )
