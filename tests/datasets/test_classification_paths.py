"""One classification path: every entry point that could set a dataset's classification (the
*Tahapan* tab, the dataset form, the API, an import) either records a classification decision
under the government's policy, or refuses."""

import csv
import io

import pytest
from django.urls import reverse

from spbe.core.choices import ImportStatus
from spbe.core.errors import DomainError
from spbe.core.models import ImportJob
from spbe.datasets import services
from spbe.security.models import ClassificationDecision

from .conftest import classification_policy, classify, make_dataset, published

pytestmark = pytest.mark.django_db


def _decisions(dataset):
    return ClassificationDecision.objects.filter(dataset=dataset)


def test_the_service_records_a_decision_and_the_dataset_follows(agency_a, editor_a, steward_a):
    dataset = published(agency_a, editor_a, steward_a)
    with pytest.raises(DomainError, match="kebijakan klasifikasi"):  # no policy yet: nothing to decide on
        services.dataset_classify(
            dataset=dataset, user=steward_a, classification="closed", reason=None, explanation="Data pasien."
        )
    decision = classify(dataset, steward_a, "closed")
    dataset.refresh_from_db()
    assert dataset.classification == "closed" and decision.current and decision.previous_level == "open"
    with pytest.raises(DomainError):  # the producer is no steward
        classify(dataset, editor_a, "open")
    with pytest.raises(DomainError, match="keputusan klasifikasi"):  # no applying a level on its own
        services.classification_follow(dataset=dataset, decision=ClassificationDecision(level="open"))
    assert _decisions(dataset).count() == 1


def test_stages_tab_records_a_decision_with_a_policy_reason(client, agency_a, editor_a, steward_a):
    dataset = published(agency_a, editor_a, steward_a)
    url = reverse("datasets:dataset_stages", kwargs={"pk": dataset.pk})
    client.force_login(steward_a)
    assert "belum menetapkan kebijakan klasifikasi" in client.get(url).content.decode()
    policy = classification_policy(agency_a.government)
    page = client.get(url).content.decode()
    assert "Informasi yang dikecualikan" in page and "Catat keputusan" in page
    # No reason, or a reason for another level: refused, nothing changes.
    response = client.post(url, {"op": "classify", "classification": "closed", "explanation": "Data pasien."})
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "op": "classify",
            "classification": "closed",
            "reason": policy.reasons.get(level="open").pk,
            "explanation": "Data pasien per nama.",
        },
    )
    assert response.status_code == 400 and "alasan untuk klasifikasi" in response.content.decode()
    dataset.refresh_from_db()
    assert dataset.classification == "open" and not _decisions(dataset).exists()
    response = client.post(
        url,
        {
            "op": "classify",
            "classification": "closed",
            "reason": policy.reasons.get(level="closed").pk,
            "explanation": "Data pasien per nama.",
        },
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    decision = _decisions(dataset).get()
    assert (
        dataset.classification == "closed"
        and decision.level == "closed"
        and decision.reason.level == "closed"
    )


def test_the_dataset_form_does_not_set_the_classification(client, agency_a, editor_a, steward_a):
    dataset = make_dataset(agency_a)
    client.force_login(editor_a)
    url = reverse("datasets:dataset_edit", kwargs={"pk": dataset.pk})
    assert 'name="classification"' not in client.get(url).content.decode()
    client.post(
        url,
        {
            "agency": agency_a.pk,
            "title": dataset.title,
            "name": dataset.name,
            "description": dataset.description,
            "frequency": dataset.frequency,
            "key_type": dataset.key_type,
            "licence": dataset.licence,
            "classification": "open",
            "version": dataset.version,
        },
    )
    dataset.refresh_from_db()
    assert dataset.classification == "limited" and not _decisions(dataset).exists()


def test_the_api_refuses_a_changed_classification(client, agency_a, editor_a):
    dataset = make_dataset(agency_a)
    client.force_login(editor_a)
    url = f"/api/v1/datasets/datasets/{dataset.pk}/"
    response = client.patch(url, {"classification": "open"}, content_type="application/json")
    assert response.status_code == 400
    assert "keputusan klasifikasi" in response.json()["errors"]["classification"][0]
    response = client.patch(
        url, {"classification": "limited", "title": "Penduduk per desa"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    response = client.post(
        "/api/v1/datasets/datasets/",
        {"agency": agency_a.pk, "title": "Data baru", "classification": "open"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "classification" in response.json()["errors"]
    dataset.refresh_from_db()
    assert dataset.classification == "limited" and dataset.title == "Penduduk per desa"


def _send(client, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = "dataset.csv"
    response = client.post(reverse("datasets:dataset_import"), {"file": upload})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_an_import_refuses_a_changed_classification(client, agency_a, editor_a):
    dataset = make_dataset(agency_a)
    client.force_login(editor_a)
    job = _send(client, [["ID", "Judul", "Klasifikasi"], [dataset.pk, dataset.title, "Terbuka"]])
    assert job.status != ImportStatus.VALIDATED
    assert "keputusan klasifikasi" in str(job.results)
    job = _send(client, [["ID", "Judul", "Klasifikasi"], [dataset.pk, "Judul baru", "Terbatas"]])
    assert job.status == ImportStatus.VALIDATED, job.results
