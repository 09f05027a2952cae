"""A LIMITED dataset is described to every member of staff, so an agency can find it and ask to
share it; its files reach another agency only while a sharing agreement is live (Sigi Pasal 11
ayat (1), Kutai Barat Pasal 13 ayat (1)-(2))."""

import datetime

import pytest
from django.urls import reverse

from spbe.datasets import services
from spbe.datasets.models import Resource

from .conftest import published

pytestmark = pytest.mark.django_db

META = {"keg.judul_kegiatan": "Pendataan gaji pegawai", "var.definisi": "Gaji pokok per golongan ruang."}


@pytest.fixture
def limited(agency_a, editor_a, steward_a):
    dataset = published(
        agency_a,
        editor_a,
        steward_a,
        classification="limited",
        title="Gaji pegawai per golongan",
        description="Rekapitulasi gaji pokok pegawai per golongan.",
    )
    services.dataset_metadata_save(dataset=dataset, user=editor_a, values=META)
    return dataset


def _resource_doors(client, dataset, resource) -> dict:
    return {
        "list page": client.get(reverse("datasets:resource_list") + f"?dataset={dataset.pk}"),
        "detail page": client.get(reverse("datasets:resource_detail", kwargs={"pk": resource.pk})),
        "download": client.get(reverse("datasets:resource_download", kwargs={"pk": resource.pk})),
        "api list": client.get(f"/api/v1/datasets/resources/?dataset={dataset.pk}"),
        "api detail": client.get(f"/api/v1/datasets/resources/{resource.pk}/"),
    }


def test_description_and_metadata_reach_all_staff_files_only_under_a_live_agreement(
    client, limited, agency_b, outsider_b, steward_a
):
    resource = Resource.objects.get(dataset=limited)
    client.force_login(outsider_b)

    page = client.get(reverse("datasets:dataset_detail", kwargs={"pk": limited.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Rekapitulasi gaji pokok pegawai per golongan." in text
    assert "Pendataan gaji pegawai" in text  # the Satu Data metadata, shown on the dataset's page
    api = client.get(f"/api/v1/datasets/datasets/{limited.pk}/").json()
    assert api["description"] == "Rekapitulasi gaji pokok pegawai per golongan."
    assert api["metadata"]["keg.judul_kegiatan"] == "Pendataan gaji pegawai"
    listed = client.get(reverse("datasets:dataset_list") + "?q=golongan").content.decode()
    assert "Gaji pegawai per golongan" in listed

    # No agreement: every door to the files is shut, and the list page does not name the file.
    doors = _resource_doors(client, limited, resource)
    assert doors["detail page"].status_code == 404
    assert doors["download"].status_code == 404
    assert doors["api detail"].status_code == 404
    assert not doors["api list"].json()["results"]
    assert resource.sha256 not in doors["list page"].content.decode()

    share = services.share_request_create(
        user=outsider_b,
        dataset=limited,
        agency=agency_b,
        purpose="Perhitungan tunjangan kinerja.",
        scope="Semua kolom.",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2099, 1, 1),
    )
    services.share_decide(share=share, user=steward_a, approve=True, reason="Sesuai SOP.")
    doors = _resource_doors(client, limited, resource)
    assert doors["detail page"].status_code == 200
    assert doors["download"].status_code == 200
    assert doors["api detail"].status_code == 200
    assert len(doors["api list"].json()["results"]) == 1

    share.valid_until = datetime.date(2021, 1, 1)  # the agreement ran out: the doors shut again
    share.save()
    doors = _resource_doors(client, limited, resource)
    assert doors["download"].status_code == 404 and not doors["api list"].json()["results"]
    page = client.get(reverse("datasets:dataset_detail", kwargs={"pk": limited.pk}))
    assert page.status_code == 200 and "Pendataan gaji pegawai" in page.content.decode()
