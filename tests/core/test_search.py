"""The `q` search: identifiers by B-tree prefix first, text by substring (trigram index on
PostgreSQL, LIKE on SQLite), global search ranked best match first."""

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from spbe.core import search
from spbe.core import ui as ui_registry
from spbe.core.registry import registry
from spbe.org.models import Person

from ..factories import PersonFactory

PEOPLE = "/api/v1/org/people/"


@pytest.fixture
def api(editor_a):
    client = APIClient()
    client.force_authenticate(editor_a)
    return client


@pytest.fixture
def staff(agency_a):
    return {
        "exact": PersonFactory(agency=agency_a, name="Zainal Exact", nip="198503142010011007"),
        "longer": PersonFactory(agency=agency_a, name="Ahmad Longer", nip="198503142010011071"),
        "other": PersonFactory(agency=agency_a, name="Budi Lain", nip="199001012015032001"),
        # a name containing the digits must not outrank identifiers
        "named": PersonFactory(agency=agency_a, name="Sri 1985031420", nip="198801012012122001"),
        "hasan": PersonFactory(agency=agency_a, name="Hasan Said", nip="198702022011011001"),
        "hasanah": PersonFactory(agency=agency_a, name="Nurhasanah", nip="198702022011012002"),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_a_nip_prefix_lists_the_people_whose_nip_starts_with_it_in_nip_order(api, staff):
    found = ids(api.get(f"{PEOPLE}?q=19850314 201001 1"))  # spaces as NIPs are written
    assert found == [staff["exact"].pk, staff["longer"].pk]


def test_an_exact_nip_comes_first_and_alone_when_nothing_else_starts_with_it(api, staff):
    assert ids(api.get(f"{PEOPLE}?q=199001012015032001")) == [staff["other"].pk]


def test_digits_that_are_no_nip_prefix_fall_back_to_text(api, staff):
    # no NIP starts with 31420, but a name contains it
    assert ids(api.get(f"{PEOPLE}?q=031420")) == [staff["named"].pk]


def test_text_is_a_case_insensitive_substring_in_the_list_order(api, staff):
    assert ids(api.get(f"{PEOPLE}?q=HASAN")) == [staff["hasan"].pk, staff["hasanah"].pk]


def test_a_word_is_not_compared_with_identifiers_which_hold_digits_only(api, staff):
    # Each comparison is paid on every row a common word's search reads (about 2,500 rows for a
    # page of "hasan" among 400,000 people): a NIP can never contain letters, so it is not asked.
    with CaptureQueriesContext(connection) as queries:
        assert ids(api.get(f"{PEOPLE}?q=hasan")) == [staff["hasan"].pk, staff["hasanah"].pk]
    listing = next(q["sql"] for q in queries if 'FROM "org_person"' in q["sql"] and "LIKE" in q["sql"])
    assert '"org_person"."name"' in listing.split("WHERE", 1)[1]
    assert '"org_person"."nip"' not in listing.split("WHERE", 1)[1]


def test_the_list_page_searches_the_same_way(client_a, staff):
    response = client_a.get("/org/people/?q=19850314")
    assert response.status_code == 200
    rows = [row["object"].pk for row in response.context["table"].html_rows()]
    assert rows == [staff["exact"].pk, staff["longer"].pk]


def test_global_search_ranks_exact_then_prefix_then_anywhere(client_a, agency_a):
    inside = PersonFactory(agency=agency_a, name="Andi Rahmat")
    prefix = PersonFactory(agency=agency_a, name="Rahmat Hidayat")
    exact = PersonFactory(agency=agency_a, name="Rahmat")
    response = client_a.get("/search/?q=rahmat")
    assert response.status_code == 200
    people = next(g for g in response.context["groups"] if g["hits"] and isinstance(g["hits"][0], Person))
    assert [p.pk for p in people["hits"]] == [exact.pk, prefix.pk, inside.pk]


def test_global_search_finds_a_person_by_nip_prefix(client_a, staff):
    response = client_a.get("/search/?q=1987 0202")
    people = next(g for g in response.context["groups"] if g["hits"] and isinstance(g["hits"][0], Person))
    assert [p.pk for p in people["hits"]] == [staff["hasan"].pk, staff["hasanah"].pk]


def test_identifier_query_needs_digits_only():
    assert search.identifier_query("1985 0314") == "19850314"
    assert search.identifier_query("198") is None
    assert search.identifier_query("NIP 1985") is None


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="trigram indexes exist on PostgreSQL only: run with DATABASE_URL=postgres://... (make test does)",
)


def searched_models():
    models = [entry.model for entry in registry.search]
    return models + [ui.model for ui in ui_registry.all_uis() if ui.model not in models]


@needs_postgres
@pytest.mark.django_db
def test_every_search_field_of_every_model_has_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
        indexed = {(table, definition) for table, definition in cursor.fetchall()}
    missing = []
    for model in searched_models():
        table = model._meta.db_table
        for column in search.local_search_fields(model):
            # PostgreSQL writes the cast Django's icontains adds as "(col)::text" on varchar
            # columns and drops it on text columns, where it changes nothing.
            wanted = (f"upper(({column})::text)", f"upper({column})")
            if not any(t == table and any(w in d.replace('"', "") for w in wanted) for t, d in indexed):
                missing.append(f"{table}.{column}")
    assert not missing, missing


@needs_postgres
@pytest.mark.django_db
def test_a_text_search_is_answered_from_the_trigram_indexes():
    """The people search as the list runs it: with reading the whole table priced out, the
    planner answers the substring search from the trigram indexes: a word from those of the
    name, position and e-mail (a NIP holds digits only), a short run of digits from the NIP's too."""

    def plan_of(query):
        qs = search.filter_queryset(Person.objects.all(), query)
        sql, params = qs.query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")  # not the order index either
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            return json.dumps(cursor.fetchone()[0])

    word = plan_of("hasan")
    for column in ("name", "position", "email"):
        assert f"org_person_{column}_trgm" in word, word
    assert "org_person_nip_trgm" not in word, word
    digits = plan_of("198")  # too short to be looked up as the start of a NIP
    for column in ("name", "nip", "position", "email"):
        assert f"org_person_{column}_trgm" in digits, digits


@pytest.fixture
def kurniawati(agency_a):
    """In name order: Ayu…, Kurniawati, Kurniawati Dewi, Sri…; best match first: the exact name,
    the one starting with it, then the two containing it (in name order)."""
    return {
        "anywhere": PersonFactory(agency=agency_a, name="Ayu Kurniawati Putri"),
        "exact": PersonFactory(agency=agency_a, name="Kurniawati"),
        "prefix": PersonFactory(agency=agency_a, name="Kurniawati Dewi"),
        "later": PersonFactory(agency=agency_a, name="Sri Kurniawati"),
    }


def best_first(people):
    return [people[k].pk for k in ("exact", "prefix", "anywhere", "later")]


def name_order(people):
    return [people[k].pk for k in ("anywhere", "exact", "prefix", "later")]


def test_a_list_search_puts_the_best_match_first(api, kurniawati):
    assert ids(api.get(f"{PEOPLE}?q=kurniawati")) == best_first(kurniawati)


def test_a_search_broader_than_one_page_keeps_the_list_order_across_pages(api, kurniawati):
    """Ranking needs every match at hand: pages of one row keep the list's (indexed) order, and
    the cursor walks them without repeats or gaps, forwards and back."""
    seen, url = [], f"{PEOPLE}?q=kurniawati&page_size=1"
    while url:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == name_order(kurniawati)
    back = api.get(page["previous"]).json()["results"]
    assert [row["id"] for row in back] == name_order(kurniawati)[-2:-1]


def test_the_list_page_ranks_the_same_way(client_a, kurniawati):
    response = client_a.get("/org/people/?q=kurniawati")
    assert [row["object"].pk for row in response.context["table"].html_rows()] == best_first(kurniawati)


def test_an_order_the_user_chose_wins_over_the_rank(api, client_a, kurniawati):
    assert ids(api.get(f"{PEOPLE}?q=kurniawati&ordering=name")) == name_order(kurniawati)
    response = client_a.get("/org/people/?q=kurniawati&sort=name")
    assert [row["object"].pk for row in response.context["table"].html_rows()] == name_order(kurniawati)


def test_a_page_that_holds_every_match_is_ranked_without_another_query(api, kurniawati):
    api.get(f"{PEOPLE}?q=nobody-has-this")  # warm up
    with CaptureQueriesContext(connection) as unranked:
        api.get(f"{PEOPLE}?q=nobody-has-this")
    with CaptureQueriesContext(connection) as ranked:
        assert ids(api.get(f"{PEOPLE}?q=kurniawati")) == best_first(kurniawati)
    assert len(ranked.captured_queries) == len(unranked.captured_queries)


def test_global_search_ranks_in_sql_up_to_its_limit(client_a, kurniawati, monkeypatch):
    def people_hits():
        response = client_a.get("/search/?q=kurniawati")
        group = next(g for g in response.context["groups"] if g["hits"] and isinstance(g["hits"][0], Person))
        return [p.pk for p in group["hits"]]

    assert people_hits() == best_first(kurniawati)
    monkeypatch.setattr(search, "RANK_LIMIT", 3)  # more matches than that: the list's order
    assert people_hits() == name_order(kurniawati)
