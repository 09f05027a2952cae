"""Reads of the Satu Data catalog: quality of a dataset, the open-data search (PostgreSQL
full-text search, a LIKE fallback on SQLite) with its facets, and the names the CKAN API and the
public pages give agencies and database groups."""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection
from django.db.models import BooleanField, Count, OuterRef, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spbe.core import versions
from spbe.org.models import Agency

from . import metadata, tabular
from .choices import DatasetStage, KeyType, Licence, ResourceFormat
from .models import Dataset, Resource, Tag, database_groups

# --- Quality ----------------------------------------------------------------------------------

CORE_REQUIRED = ("description", "database_group", "steward")


def missing_metadata(dataset: Dataset) -> list[str]:
    """Labels of what the dataset's metadata lacks: the catalog's own fields, then the Satu Data
    schema's required fields."""
    missing = [
        str(Dataset._meta.get_field(name).verbose_name)
        for name in CORE_REQUIRED
        if not getattr(dataset, name if name != "steward" else "steward_id")
    ]
    if dataset.key_type in (KeyType.NIP, KeyType.NIK) and not dataset.key_column:
        missing.append(str(Dataset._meta.get_field("key_column").verbose_name))
    if dataset.licence == Licence.NONE and dataset.classification == "open":
        missing.append(str(Dataset._meta.get_field("licence").verbose_name))
    missing += [f.label for f in metadata.missing(dataset.metadata)]
    return missing


def metadata_complete(dataset: Dataset) -> bool:
    return not missing_metadata(dataset)


@dataclass
class Quality:
    stale: bool
    due_date: object
    missing: list
    findings: list = field(default_factory=list)  # (resource, [texts])

    @property
    def ok(self) -> bool:
        return not (self.stale or self.missing or self.findings)


def latest_resources(queryset):
    """The newest version of each resource name (one query)."""
    rows = list(queryset.order_by("dataset_id", "name", "-resource_version", "-id"))
    seen, out = set(), []
    for r in rows:
        if (r.dataset_id, r.name) not in seen:
            seen.add((r.dataset_id, r.name))
            out.append(r)
    return out


def quality(dataset: Dataset, user) -> Quality:
    resources = latest_resources(Resource.objects.restrict(user).filter(dataset=dataset))
    findings = [(r, [tabular.problem_text(p) for p in r.problems]) for r in resources if r.problems]
    return Quality(dataset.is_stale, dataset.due_date, missing_metadata(dataset), findings)


# --- Names for organisations and groups -------------------------------------------------------


def group_name(label: str) -> str:
    return slugify(label)[:100]


def agency_names(government=None) -> dict[int, str]:
    """Agency id -> CKAN organisation name (its short name as a slug; the id added when two collide).
    Kept in the process under the open catalog's version: every API answer names organisations."""
    key = ("agency-names", getattr(government, "pk", None))
    return versions.get(CATALOG_VERSION, key, lambda: _agency_names(government))


# What the open catalog's public answers are computed from: any ORM write to these retires the
# answers kept in every process (core/versions.py `track`; datasets/wiring.py).
CATALOG_VERSION = "datasets.open_catalog"
KEPT_ANSWER_BYTES = 64 * 1024  # larger answers (a long package_list) are computed every time


def kept_answer(request, action: str, params: dict, compute) -> str:
    """The encoded answer of a CKAN action over the open catalog, kept in the process while the
    catalog is unchanged. It depends on the catalog alone (only OPEN, published datasets; no
    reader-specific part), on the site's address (links in it) and on the language."""
    key = (
        "ckan",
        action,
        request.build_absolute_uri("/"),
        translation.get_language(),
        json.dumps(params, sort_keys=True, default=str),
    )
    return versions.get(CATALOG_VERSION, key, compute, keep=lambda answer: len(answer) <= KEPT_ANSWER_BYTES)


def _agency_names(government=None) -> dict[int, str]:
    agencies = Agency._base_manager.order_by("id").values_list("id", "short_name")
    if government is not None:
        agencies = agencies.filter(government=government)
    names: dict[int, str] = {}
    used: set[str] = set()
    for pk, short in agencies:
        name = slugify(short) or f"pd-{pk}"
        if name in used:
            name = f"{name}-{pk}"
        used.add(name)
        names[pk] = name
    return names


# --- Open-data search -------------------------------------------------------------------------

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id")
FQ_TOKEN = re.compile(r'(?P<neg>-)?(?P<key>[a-z_]+):(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s()]+))')
SORTS = {
    "name asc": ("name",),
    "name desc": ("-name",),
    "title_string asc": ("title", "id"),
    "title_string desc": ("-title", "-id"),
    "metadata_modified desc": ("-last_updated", "-id"),
    "metadata_modified asc": ("last_updated", "id"),
    "metadata_created desc": ("-created", "-id"),
    "metadata_created asc": ("created", "id"),
}
DEFAULT_SORT = ("title", "id")


class SearchError(ValueError):
    pass


def text_search(queryset, q: str):
    """Datasets matching the words of `q`: PostgreSQL full-text search over the title,
    description, name and group (a stored tsvector column with a GIN index); on other databases every word
    must appear (LIKE)."""
    q = (q or "").strip()
    if not q or q == "*:*":
        return queryset
    if connection.vendor == "postgresql":
        # the stored tsvector column and its GIN index (migration 0003)
        # A condition on the row itself, not `id IN (SELECT id ... WHERE match)`: that form read
        # the table twice and joined it with itself, for every count and facet of a search.
        # Unqualified on purpose: inside a subquery Django renames the table (V0).
        matches = RawSQL("search_tsv @@ websearch_to_tsquery('simple'::regconfig, %s)", [q], BooleanField())
        return queryset.alias(text_match=matches).filter(text_match=True)
    for word in q.split():
        queryset = queryset.filter(search_document__icontains=word)
    return queryset


def parse_fq(fq: str) -> list[tuple[bool, str, str]]:
    """CKAN filter queries (organization:x tags:"a b" res_format:CSV) as (negated, key, value)."""
    out = []
    for match in FQ_TOKEN.finditer(fq or ""):
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        out.append((bool(match.group("neg")), match.group("key"), value))
    return out


def _fq_q(key: str, value: str, orgs: dict[str, int], groups: dict[str, str]) -> Q:
    if key in ("organization", "owner_org"):
        return Q(agency_id=orgs.get(value, -1))
    if key == "groups":
        return Q(database_group=groups.get(value, "\x00"))
    if key == "tags":
        return Q(pk__in=Tag.datasets.through.objects.filter(tag__name=value).values("dataset_id"))
    if key == "res_format":
        canonical = {f.lower(): f for f in ResourceFormat.values}.get(value.lower(), value)
        return Q(pk__in=Resource._base_manager.filter(format=canonical).values("dataset_id"))
    if key == "license_id":
        return Q(licence=value)
    if key == "name":
        return Q(name=value)
    raise SearchError(_("Filter %(key)s tidak dikenal.") % {"key": key})


def apply_fq(queryset, fq: str, government=None):
    filters = parse_fq(fq)
    if not filters:
        return queryset
    orgs = {name: pk for pk, name in agency_names(government).items()}
    # The groups among the matches, read only when a filter names a group (a query of its own).
    groups = (
        {group_name(g): g for g in all_groups(queryset)} if any(f[1] == "groups" for f in filters) else {}
    )
    for negated, key, value in filters:
        condition = _fq_q(key, value, orgs, groups)
        queryset = queryset.exclude(condition) if negated else queryset.filter(condition)
    return queryset


def all_groups(queryset=None) -> list[str]:
    """The database groups of `queryset`'s datasets, or of the whole open catalog (kept in the
    process under the catalog's version: reading them scans every open dataset)."""
    if queryset is None:
        return versions.get(CATALOG_VERSION, ("open-groups",), lambda: _groups(Dataset.objects.open_data()))
    return _groups(queryset)


def _groups(queryset) -> list[str]:
    return sorted(
        set(queryset.exclude(database_group="").values_list("database_group", flat=True).distinct())
    )


# Facets that are columns of the dataset itself: counted together, in one grouped query.
_OWN_FACETS = {"organization": "agency_id", "groups": "database_group", "license_id": "licence"}


def facets(queryset, fields, limit: int = 50) -> dict[str, dict[str, int]]:
    """Counts per facet value over the matching datasets."""
    return facets_and_count(queryset, fields, limit)[0]


def facets_and_count(queryset, fields, limit: int = 50) -> tuple[dict[str, dict[str, int]], int]:
    """Counts per facet value over the matching datasets, and the number of matches.

    Every facet re-runs the search it counts over, so they share queries where they can:
    organisation, group and licence (columns of the dataset) come from one query grouped by
    the three, whose rows also add up to the number of matches; tags and formats (other
    tables) take one query each. Without a facet of the first kind the number is a COUNT."""
    ids = queryset.values("pk")
    out: dict[str, dict[str, int]] = {}
    unknown = [name for name in fields if name not in FACET_FIELDS]
    if unknown:
        raise SearchError(_("Facet %(key)s tidak dikenal.") % {"key": unknown[0]})
    own = [name for name in fields if name in _OWN_FACETS]
    total = None
    if own:
        columns = [_OWN_FACETS[name] for name in own]
        rows = list(queryset.order_by().values_list(*columns).annotate(n=Count("pk")))
        total = sum(row[-1] for row in rows)
        names = agency_names() if "organization" in own else {}
        for i, name in enumerate(own):
            counts: dict = {}
            for row in rows:
                counts[row[i]] = counts.get(row[i], 0) + row[-1]
            if name == "organization":
                out[name] = {names.get(k, str(k)): n for k, n in counts.items()}
            elif name == "groups":
                out[name] = {group_name(k): n for k, n in counts.items() if k != ""}
            else:
                out[name] = counts
    for name in fields:
        if name == "tags":
            rows = (
                Tag.datasets.through.objects.filter(dataset_id__in=ids)
                .values_list("tag__name")
                .annotate(n=Count("dataset_id"))
                .order_by("-n")[:limit]
            )
            out[name] = dict(rows)
        elif name == "res_format":
            rows = (
                Resource._base_manager.filter(dataset_id__in=ids)
                .values_list("format")
                .annotate(n=Count("dataset_id", distinct=True))
                .order_by("-n")
            )
            out[name] = dict(rows)
    for name in fields:
        out[name] = dict(sorted(out[name].items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
    if total is None:
        total = queryset.count()
    return {name: out[name] for name in fields}, total


def open_datasets():
    return Dataset.objects.open_data()


def with_details(queryset):
    """What a dataset's CKAN shape or public page shows, in a constant number of queries."""
    return queryset.select_related("agency").prefetch_related(
        Prefetch("tags", queryset=Tag._base_manager.order_by("name")),
        Prefetch("resources", queryset=Resource._base_manager.order_by("name", "-resource_version", "-id")),
    )


def search(*, q: str = "", fq: str = "", sort: str = "", government=None, queryset=None):
    queryset = open_datasets() if queryset is None else queryset
    queryset = text_search(queryset, q)
    queryset = apply_fq(queryset, fq, government)
    order = SORTS.get((sort or "").strip().lower(), None)
    if (
        sort
        and order is None
        and sort.strip().lower() not in ("score desc", "score desc, metadata_modified desc")
    ):
        raise SearchError(_("Urutan %(sort)s tidak dikenal.") % {"sort": sort})
    return queryset.order_by(*(order or DEFAULT_SORT))


def tag_names(query: str = "") -> list[str]:
    rows = Tag._base_manager.filter(datasets__in=open_datasets().values("pk")).distinct().order_by("name")
    if query:
        rows = rows.filter(name__icontains=query)
    return list(rows.values_list("name", flat=True))


def open_counts_by_agency() -> dict[int, int]:
    return dict(open_datasets().order_by().values_list("agency_id").annotate(n=Count("pk")))


def groups_for(government) -> list[str]:
    return database_groups(government)


STAGES = DatasetStage


# --- Facts the compliance checks read (one or two queries for the whole catalog) -----------------


def _application_links(dataset_ids) -> list[dict]:
    links = Dataset.applications.through._base_manager.filter(dataset_id__in=dataset_ids)
    return list(links.values("dataset_id", "application_id", "application__agency_id"))


def dataset_servers(dataset_ids) -> dict[int, list[tuple[str, str, int | None]]]:
    """Where each dataset is stored: the servers (in service) of the applications of its producing
    agency that are linked to it, as (server name, facility kind or "", facility's managing agency).
    Read through the infrastructure module's selectors."""
    from spbe.infrastructure.selectors import application_hosts

    producers = dict(Dataset._base_manager.filter(pk__in=dataset_ids).values_list("pk", "agency_id"))
    by_app: dict[int, list[int]] = {}
    for link in _application_links(dataset_ids):
        if link["application__agency_id"] == producers.get(link["dataset_id"]):
            by_app.setdefault(link["application_id"], []).append(link["dataset_id"])
    hosted = application_hosts(by_app)
    out: dict[int, list] = {}
    for app_id, name, kind, agency_id in hosted:
        for dataset_id in by_app.get(app_id, ()):
            out.setdefault(dataset_id, []).append((name, kind, agency_id))
    return out


def sharing_facts(dataset_ids) -> tuple[dict[int, set], dict[int, set]]:
    """(the agencies whose applications use each dataset, the agencies a live agreement shares
    each dataset with): two queries, whatever the number of datasets."""
    from django.utils import timezone

    from .choices import ShareStatus
    from .models import DataShareRequest

    users: dict[int, set] = {}
    for link in _application_links(dataset_ids):
        users.setdefault(link["dataset_id"], set()).add(link["application__agency_id"])
    live: dict[int, set] = {}
    today = timezone.localdate()
    agreements = DataShareRequest._base_manager.filter(
        dataset_id__in=dataset_ids,
        status=ShareStatus.APPROVED,
        valid_from__lte=today,
        valid_until__gte=today,
    ).order_by()
    for dataset_id, agency_id in agreements.values_list("dataset_id", "agency_id"):
        live.setdefault(dataset_id, set()).add(agency_id)
    return users, live


# --- package_show: one dataset by name or id, its resources and tags ---------------------------
#
# The CKAN API's most called action reads one dataset. Model instances and two prefetches were most
# of its time, so it reads plain values from the same open-data queryset (the rule included); on
# PostgreSQL the tags and the resources come with the dataset as arrays: one round trip, not three.

PACKAGE_FIELDS = (
    "pk",
    "uuid",
    "name",
    "title",
    "description",
    "licence",
    "agency_id",
    "agency__name",
    "agency__created",
    "version",
    "created",
    "last_updated",
    "database_group",
    "frequency",
    "last_update",
    "classification",
    "metadata",
)
RESOURCE_FIELDS = (
    "uuid",
    "name",
    "format",
    "url",
    "sha256",
    "size",
    "file",
    "created",
    "last_updated",
    "resource_version",
)
_RESOURCE_ORDER = ("name", "-resource_version", "-id")  # newest version of each name first


def _package_query(**lookup):
    queryset = open_datasets().order_by().filter(**lookup)
    if connection.vendor != "postgresql":
        return queryset.values(*PACKAGE_FIELDS)
    from django.contrib.postgres.expressions import ArraySubquery

    names = Tag._base_manager.filter(datasets=OuterRef("pk")).order_by("name").values("name")
    files = (
        Resource._base_manager.filter(dataset=OuterRef("pk"))
        .order_by(*_RESOURCE_ORDER)
        .values(row=JSONObject(**{f: f for f in RESOURCE_FIELDS}))
    )
    return queryset.annotate(tag_names=ArraySubquery(names), resource_rows=ArraySubquery(files)).values(
        *PACKAGE_FIELDS, "tag_names", "resource_rows"
    )


def _resource_from_json(value) -> SimpleNamespace:
    row = json.loads(value) if isinstance(value, str) else value
    for name in ("created", "last_updated"):
        row[name] = datetime.datetime.fromisoformat(row[name])
    return SimpleNamespace(**row)


def package_parts(key: str):
    """(dataset, resources, tags) of the OPEN, published dataset named `key` (its name, or its id as
    a UUID), as plain objects with the attributes the CKAN shapes read; None when there is none."""
    row = _package_query(name=key).first()
    if row is None:
        try:
            value = uuid.UUID(key)
        except ValueError:
            return None
        row = _package_query(uuid=value).first()
        if row is None:
            return None
    tag_names, resource_rows = row.pop("tag_names", None), row.pop("resource_rows", None)
    agency = SimpleNamespace(
        pk=row.pop("agency_id"), name=row.pop("agency__name"), created=row.pop("agency__created")
    )
    dataset = SimpleNamespace(agency=agency, agency_id=agency.pk, **row)
    if resource_rows is None:
        resources = [
            SimpleNamespace(**r)
            for r in Resource._base_manager.filter(dataset_id=dataset.pk)
            .order_by(*_RESOURCE_ORDER)
            .values(*RESOURCE_FIELDS)
        ]
    else:
        resources = [_resource_from_json(r) for r in resource_rows]
    if tag_names is None:
        tag_names = (
            Tag._base_manager.filter(datasets=dataset.pk).order_by("name").values_list("name", flat=True)
        )
    tags = [SimpleNamespace(name=name) for name in tag_names]
    return dataset, resources, tags
