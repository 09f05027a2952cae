"""The data classification policy and its review (Sigi Pasal 18 ayat (3); Parigi Moutong Pasal 27
ayat (2)): the steward decides with one of the policy's reasons and a review date; a later decision
supersedes without erasing the earlier one; stewards find what is due; the check names what is
undecided, changed outside a decision or overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from spbe.core.checks import Status, Subject, check_type
from spbe.core.errors import DomainError
from spbe.org.choices import Role
from spbe.security import services
from spbe.security.models import ClassificationDecision, ClassificationPolicy, ClassificationReason

from ..applications.conftest import ApplicationFactory
from ..datasets.conftest import make_dataset, published
from ..factories import user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def policy(gov):
    policy = ClassificationPolicy.objects.create(
        government=gov,
        open_meaning="Boleh dipublikasikan kepada umum.",
        limited_meaning="Hanya untuk PD dengan perjanjian berbagi data.",
        closed_meaning="Hanya PD pemilik; dikecualikan UU 14/2008.",
        deciders="Walidata PD produsen data.",
        review_months=12,
    )
    for level, label in (
        ("open", "Informasi publik"),
        ("limited", "Data pribadi yang boleh dibagi antarinstansi"),
        ("closed", "Informasi yang dikecualikan"),
    ):
        ClassificationReason.objects.create(policy=policy, level=level, label=label, legal_basis="UU 14/2008")
    return policy


@pytest.fixture
def steward_a(agency_a):
    return user_with_role(Role.DATA_STEWARD, agency_a, "walidata.a")


def _reason(policy, level):
    return policy.reasons.get(level=level)


def _run(gov, agency):
    out = check_type("classification_reviewed").evaluate(
        type("O", (), {"params": {}})(), [Subject(gov, agency)], {}
    )
    return out[agency.pk if agency else None]


def test_steward_decides_and_history_is_kept(gov, policy, agency_a, editor_a, steward_a, outsider_b):
    dataset = published(agency_a, editor_a, steward_a, title="Data gaji pegawai")
    first = services.classification_decide(
        subject=dataset,
        user=steward_a,
        level="limited",
        reason=_reason(policy, "limited"),
        explanation="Memuat NIP dan gaji per pegawai.",
    )
    dataset.refresh_from_db()
    assert dataset.classification == "limited" and dataset.classified_at is not None
    assert first.previous_level == "open" and first.decided_by == steward_a
    assert first.review_due == TODAY + datetime.timedelta(days=365)

    second = services.classification_decide(
        subject=dataset,
        user=steward_a,
        level="closed",
        reason=_reason(policy, "closed"),
        explanation="Ditetapkan dikecualikan oleh PPID.",
        review_due=TODAY + datetime.timedelta(days=90),
    )
    first.refresh_from_db()
    assert (
        not first.current
        and first.level == "limited"
        and second.current
        and second.previous_level == "limited"
    )
    assert ClassificationDecision.objects.filter(dataset=dataset).count() == 2
    # Both decisions are now seen as the dataset is: CLOSED, so not by another agency.
    assert not ClassificationDecision.objects.restrict(outsider_b).filter(dataset=dataset).exists()

    with pytest.raises(DomainError, match="alasan untuk klasifikasi Terbuka"):
        services.classification_decide(
            subject=dataset,
            user=steward_a,
            level="limited",
            reason=_reason(policy, "open"),
            explanation="x" * 12,
        )
    with pytest.raises(DomainError, match="walidata"):
        services.classification_decide(
            subject=dataset,
            user=editor_a,
            level="closed",
            reason=_reason(policy, "closed"),
            explanation="x" * 12,
        )
    with pytest.raises(DomainError, match="Penjelasan"):
        services.classification_decide(
            subject=dataset,
            user=steward_a,
            level="closed",
            reason=_reason(policy, "closed"),
            explanation="rahasia",
        )
    assert ClassificationDecision.objects.filter(dataset=dataset).count() == 2


def test_no_policy_no_decision_and_the_check_says_so(gov, agency_a, editor_a, steward_a):
    dataset = published(agency_a, editor_a, steward_a)
    outcome = _run(gov, agency_a)
    assert outcome.status == Status.UNMET and "Kebijakan" in outcome.reason.code
    with pytest.raises(DomainError, match="kebijakan klasifikasi"):
        services.classification_decide(
            subject=dataset, user=steward_a, level="open", reason=None, explanation="Informasi publik rutin."
        )


def test_check_and_review_queue(client, gov, policy, agency_a, editor_a, steward_a):
    decided = published(agency_a, editor_a, steward_a, title="Data sekolah")
    undecided = published(agency_a, editor_a, steward_a, title="Data puskesmas")
    make_dataset(agency_a, title="Masih rencana")  # planned: not yet data
    app = ApplicationFactory(agency=agency_a, name="SIMPEG", classification="limited")
    services.classification_decide(
        subject=decided,
        user=steward_a,
        level="open",
        reason=_reason(policy, "open"),
        explanation="Data agregat publik.",
    )
    services.classification_decide(
        subject=app,
        user=editor_a,
        level="limited",
        reason=_reason(policy, "limited"),
        explanation="Memuat data pegawai.",
        review_due=TODAY + datetime.timedelta(days=10),
    )
    app.refresh_from_db()
    assert app.classification == "limited"

    outcome = _run(gov, agency_a)
    assert outcome.status == Status.PARTLY_MET and outcome.reason.params["none"] == ["Data puskesmas"]

    undecided.classification = "closed"  # changed on the stages tab, without a decision
    undecided.save()
    services.classification_decide(
        subject=undecided,
        user=steward_a,
        level="closed",
        reason=_reason(policy, "closed"),
        explanation="Data pasien per nama.",
    )
    decided.classification = "limited"
    decided.save()
    ClassificationDecision.objects.filter(application=app).update(
        review_due=TODAY - datetime.timedelta(days=1)
    )
    outcome = _run(gov, agency_a)
    assert outcome.reason.params["changed"] == ["Data sekolah"] and outcome.reason.params["overdue"] == [
        "SIMPEG"
    ]

    client.force_login(steward_a)
    queue = client.get(
        reverse("security:classificationdecision_list") + "?current=true&due=soon"
    ).content.decode()
    assert "SIMPEG" in queue and "Data puskesmas" not in queue
    tab = client.get(reverse("datasets:dataset_classification", kwargs={"pk": undecided.pk})).content.decode()
    assert "Data pasien per nama." in tab and "Catat keputusan" in tab
    response = client.post(
        reverse("datasets:dataset_classification", kwargs={"pk": undecided.pk}),
        {"level": "closed", "reason": _reason(policy, "open").pk, "explanation": "Tinjauan tahunan."},
    )
    assert response.status_code == 400 and "alasan untuk klasifikasi Terbuka" in response.content.decode()
    response = client.post(
        reverse("datasets:dataset_classification", kwargs={"pk": undecided.pk}),
        {
            "level": "closed",
            "reason": _reason(policy, "closed").pk,
            "explanation": "Tinjauan tahunan: tetap tertutup.",
        },
    )
    assert response.status_code == 302
    assert ClassificationDecision.objects.filter(dataset=undecided).count() == 2
