"""The knowledge base's audiences hold on every entry point (list, detail, search, API, export,
versions, references from a knowledge transfer, the public page), and knowledge transfers
(Parigi Moutong Pasal 40 ayat (2)) count for the `knowledge_base_used` check."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from spbe.management import services
from spbe.management.models import KnowledgeArticle, KnowledgeTransfer
from spbe.org.choices import Role

from .conftest import staff


@pytest.fixture
def auditor(ict_office):
    return staff(Role.AUDITOR, ict_office, scope="government")


@pytest.fixture
def leader(ict_office):
    return staff(Role.LEADER, ict_office, scope="government")


@pytest.fixture
def outsider(other_agency):
    return staff(Role.DATA_STEWARD, other_agency)


def _published(agency, title, audience, user):
    article = KnowledgeArticle.objects.create(
        agency=agency, title=title, body=f"Isi {title} rahasia-{audience}", audience=audience
    )
    services.article_submit(article=article, user=user)
    return services.article_publish(article=article, user=user)


@pytest.fixture
def articles(agency, agency_head):
    return {
        "agency": _published(agency, "Konfigurasi VPN puskesmas", "agency", agency_head),
        "staff": _published(agency, "Mengatur ulang kata sandi", "staff", agency_head),
        "public": _published(agency, "Cara melapor gangguan", "public", agency_head),
        "draft": KnowledgeArticle.objects.create(
            agency=agency, title="Konsep cadangan", body="Belum terbit.", audience="public"
        ),
    }


def _visible(user):
    return set(KnowledgeArticle.objects.restrict(user).values_list("title", flat=True))


def test_who_reads_which_article(articles, requester, outsider, tier2, auditor, leader):
    everything = {a.title for a in articles.values()}
    shared = {articles["staff"].title, articles["public"].title}
    assert _visible(requester) == everything  # own agency: its articles, drafts included
    assert _visible(outsider) == shared  # another agency: published staff and public articles only
    assert _visible(tier2) == everything and _visible(auditor) == everything
    assert _visible(leader) == shared


def test_an_object_check_sees_no_more_than_the_lists(articles, outsider, leader, requester):
    """permissions.can (used by actions, tabs and services) follows the audience as lists do."""
    from spbe.core import permissions

    for user in (outsider, leader):
        assert not permissions.can(user, articles["agency"]) and not permissions.can(user, articles["draft"])
        assert permissions.can(user, articles["staff"]) and permissions.can(user, articles["public"])
    assert all(permissions.can(requester, article) for article in articles.values())


def test_every_entry_point_obeys_the_audience(client, articles, outsider):
    from rest_framework.test import APIClient

    hidden, draft = articles["agency"], articles["draft"]
    client.force_login(outsider)
    listing = client.get("/management/knowledge/").content.decode()
    assert articles["staff"].title in listing and hidden.title not in listing and draft.title not in listing
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url() + "versions/").status_code == 404
    assert client.get(articles["staff"].get_absolute_url()).status_code == 200
    search = client.get("/search/", {"q": "rahasia"}).content.decode()
    assert "Mengatur ulang kata sandi" in search and hidden.title not in search
    export = client.get("/management/knowledge/export/", {"format": "csv"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert export.status_code == 200 and articles["staff"].title in body and hidden.title not in body
    api = APIClient()
    api.force_authenticate(outsider)
    ids = [row["id"] for row in api.get("/api/v1/management/knowledge/?page_size=200").json()["results"]]
    assert articles["staff"].pk in ids and hidden.pk not in ids and draft.pk not in ids
    assert api.get(f"/api/v1/management/knowledge/{hidden.pk}/").status_code == 404


def test_a_transfer_does_not_name_an_article_its_reader_may_not_see(client, articles, agency, outsider):
    transfer = KnowledgeTransfer.objects.create(
        agency=agency,
        topic="Serah terima VPN",
        date=timezone.localdate(),
        giver="PT Penyedia",
        recipients="Teknisi Dinkes",
        method="handover",
    )
    transfer.articles.set([articles["agency"], articles["staff"]])
    client.force_login(outsider)
    page = client.get(transfer.get_absolute_url()).content.decode()
    assert articles["staff"].title in page and articles["agency"].title not in page


def test_the_public_page_shows_published_public_articles_to_anyone(client, articles):
    index = client.get("/pengetahuan/").content.decode()
    assert articles["public"].title in index
    for other in ("agency", "staff", "draft"):
        assert articles[other].title not in index
    assert client.get(f"/pengetahuan/{articles['public'].uuid}/").status_code == 200
    assert client.get(f"/pengetahuan/{articles['staff'].uuid}/").status_code == 404
    assert client.get(f"/pengetahuan/{articles['draft'].uuid}/").status_code == 404
    assert client.get("/management/knowledge/").status_code == 302  # the signed-in pages stay signed-in
    assert client.get("/api/v1/management/knowledge/").status_code in (401, 403)
    assert articles["public"].title in client.get("/pengetahuan/", {"q": "melapor"}).content.decode()


def test_an_agency_article_names_its_agency(db):
    article = KnowledgeArticle(title="Tanpa PD", body="x", audience="agency")
    with pytest.raises(ValidationError, match="wajib menyebut perangkat daerah"):
        article.full_clean()


def test_a_transfer_is_validated(agency):
    transfer = KnowledgeTransfer(
        agency=agency,
        topic="Serah terima",
        date=timezone.localdate() + datetime.timedelta(days=2),
        giver="PT Penyedia",
        recipients="   ",
        method="handover",
    )
    with pytest.raises(ValidationError) as error:
        transfer.full_clean()
    assert "masa depan" in str(error.value) and "paling sedikit satu penerima" in str(error.value)


def test_knowledge_base_used_counts_transfers(agency, gov):
    from spbe.core.checks import Status, Subject, check_type

    check = check_type("knowledge_base_used")
    subject = Subject(gov, agency)
    outcome = check.evaluate(None, [subject], {})[subject.key]
    assert outcome.status == Status.UNMET
    KnowledgeTransfer.objects.create(
        agency=agency,
        topic="Serah terima SIMPUS",
        date=timezone.localdate(),
        giver="Vendor",
        recipients="Admin",
        method="handover",
    )
    outcome = check.evaluate(None, [subject], {})[subject.key]
    assert outcome.status == Status.MET
