"""A CKAN-compatible read API (Action API v3) over the open-data catalog, served under both
/api/3/action/ and /api/action/ as CKAN serves it, so harvesters and the `ckanapi` client work
unmodified. Only OPEN, published datasets exist here: LIMITED and CLOSED ones are never named,
counted or faceted (selectors.open_datasets)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from spbe.org.models import Agency

from . import selectors
from .choices import Licence, UpdateFrequency
from .models import Dataset

ROWS_DEFAULT, ROWS_MAX = 10, 1000
LIST_MAX = 1000
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}


class ActionError(Exception):
    def __init__(self, status: int, kind: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.kind, self.message, self.field = status, kind, message, field


def _help(request, action: str) -> str:
    return (
        request.build_absolute_uri(reverse("ckan_action", kwargs={"action": "help_show"})) + f"?name={action}"
    )


def _encoded(result) -> str:
    return json.dumps(result, cls=DjangoJSONEncoder, ensure_ascii=False)


def _ok(request, action, result: str) -> HttpResponse:
    """The answer around `result`, already encoded (it may come from the catalog store)."""
    return HttpResponse(
        f'{{"help": {_encoded(_help(request, action))}, "success": true, "result": {result}}}',
        content_type="application/json",
    )


def _error(request, action, error: ActionError) -> JsonResponse:
    body = {"__type": error.kind, "message": error.message}
    if error.field:
        body = {"__type": error.kind, error.field: [error.message]}
    return JsonResponse(
        {"help": _help(request, action), "success": False, "error": body}, status=error.status
    )


def _params(request) -> dict:
    if request.method == "POST" and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            raise ActionError(400, "Validation Error", _("Badan permintaan bukan JSON yang sah.")) from None
        if not isinstance(data, dict):
            raise ActionError(400, "Validation Error", _("Badan permintaan harus objek JSON."))
        return data
    params: dict = {}
    for key in request.GET:
        values = request.GET.getlist(key)
        params[key] = values if len(values) > 1 else values[0]
    return params


def _int(params, key, default, maximum=None, minimum=0) -> int:
    value = params.get(key, default)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ActionError(409, "Validation Error", _("Harus bilangan bulat."), field=key) from None
    if value < minimum:
        raise ActionError(
            409, "Validation Error", _("Tidak boleh kurang dari %(n)d.") % {"n": minimum}, field=key
        )
    return min(value, maximum) if maximum else value


# --- Shapes -----------------------------------------------------------------------------------


def organization_dict(agency: Agency, names: dict, count: int | None = None) -> dict:
    out = {
        "id": str(agency.pk),
        "name": names.get(agency.pk, str(agency.pk)),
        "title": agency.name,
        "display_name": agency.name,
        "description": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "created": agency.created.isoformat(),
    }
    if count is not None:
        out["package_count"] = count
    return out


def group_dict(label: str, count: int | None = None) -> dict:
    out = {
        "id": selectors.group_name(label),
        "name": selectors.group_name(label),
        "title": label,
        "display_name": label,
        "description": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
    }
    if count is not None:
        out["package_count"] = count
    return out


def resource_dict(request, resource, dataset) -> dict:
    if resource.format == "API":
        url = resource.url
    else:
        url = request.build_absolute_uri(
            reverse("opendata:resource_download", kwargs={"uuid": resource.uuid})
        )
    return {
        "id": str(resource.uuid),
        "package_id": str(dataset.uuid),
        "name": resource.name,
        "description": "",
        "url": url,
        "format": resource.format,
        "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
        "size": resource.size or None,
        "mimetype": None,
        "url_type": "upload" if resource.file else None,
        "created": resource.created.isoformat(),
        "last_modified": resource.last_updated.isoformat(),
        "state": "active",
        "resource_version": resource.resource_version,
    }


def package_dict(request, dataset: Dataset, names: dict, resources=None, tags=None) -> dict:
    """A dataset's CKAN shape; its resources and tags prefetched on it, or given (package_show)."""
    rows = dataset.resources.all() if resources is None else resources
    tag_rows = dataset.tags.all() if tags is None else tags
    resources, seen = [], set()
    for resource in rows:  # newest version of each name first (the queries' order)
        if resource.name not in seen:
            seen.add(resource.name)
            resources.append(resource_dict(request, resource, dataset))
    for position, item in enumerate(resources):
        item["position"] = position
    tags = [{"id": t.name, "name": t.name, "display_name": t.name, "state": "active"} for t in tag_rows]
    groups = [group_dict(dataset.database_group)] if dataset.database_group else []
    for g in groups:
        g.pop("type"), g.pop("is_organization"), g.pop("state"), g.pop("approval_status")
    extras = [
        {"key": "frequency", "value": dataset.frequency},
        {"key": "frequency_label", "value": str(UpdateFrequency(dataset.frequency).label)},
        {"key": "last_update", "value": dataset.last_update.isoformat() if dataset.last_update else ""},
        {"key": "classification", "value": dataset.classification},
    ]
    extras += [
        {"key": f"satudata_{key.replace('.', '_')}", "value": str(value)}
        for key, value in sorted((dataset.metadata or {}).items())
        if value not in ("", None)
    ]
    page = request.build_absolute_uri(reverse("opendata:dataset", kwargs={"uuid": dataset.uuid}))
    return {
        "id": str(dataset.uuid),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "license_id": dataset.licence,
        "license_title": str(Licence(dataset.licence).label),
        "license_url": LICENCE_URLS.get(dataset.licence, ""),
        "owner_org": str(dataset.agency_id),
        "organization": organization_dict(dataset.agency, names),
        "author": dataset.agency.name,
        "maintainer": dataset.agency.name,
        "url": page,
        "version": str(dataset.version),
        "metadata_created": dataset.created.isoformat(),
        "metadata_modified": dataset.last_updated.isoformat(),
        "num_resources": len(resources),
        "num_tags": len(tags),
        "resources": resources,
        "tags": tags,
        "groups": groups,
        "extras": extras,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


# --- Actions ----------------------------------------------------------------------------------


def status_show(request, params):
    return {
        "site_title": _("Data Terbuka"),
        "site_url": request.build_absolute_uri("/"),
        "site_description": _("Katalog Satu Data pemerintah daerah"),
        "ckan_version": "2.10.0",
        "locale_default": "id",
        "extensions": ["dcat"],
    }


def package_list(request, params):
    limit = _int(params, "limit", LIST_MAX, maximum=LIST_MAX)
    offset = _int(params, "offset", 0)
    names = selectors.open_datasets().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit])


def package_show(request, params):
    key = params.get("id") or params.get("name_or_id")
    if not key or not isinstance(key, str):
        raise ActionError(409, "Validation Error", _("Wajib diisi."), field="id")
    found = selectors.package_parts(key)
    if found is None:
        raise ActionError(404, "Not Found Error", _("Tidak ditemukan"))
    dataset, resources, tags = found
    names = {dataset.agency_id: selectors.agency_names().get(dataset.agency_id)}
    return package_dict(request, dataset, names, resources=resources, tags=tags)


def _facet_fields(params) -> list[str]:
    raw = params.get("facet.field")
    if raw in (None, ""):
        return []
    if isinstance(raw, list):
        fields = raw
    else:
        try:
            fields = json.loads(raw)
        except ValueError:
            fields = [raw]
    if isinstance(fields, str):
        fields = [fields]
    unknown = [f for f in fields if f not in selectors.FACET_FIELDS]
    if unknown:
        raise ActionError(
            409,
            "Validation Error",
            _("Facet tidak dikenal: %(f)s") % {"f": ", ".join(map(str, unknown))},
            field="facet.field",
        )
    return fields


def package_search(request, params):
    rows = _int(params, "rows", ROWS_DEFAULT, maximum=ROWS_MAX)
    start = _int(params, "start", 0)
    fields = _facet_fields(params)
    if str(params.get("facet", "true")).lower() == "false":
        fields = []
    facet_limit = _int(params, "facet.limit", 50, maximum=1000, minimum=-1)
    try:
        queryset = selectors.search(
            q=params.get("q", ""), fq=params.get("fq", ""), sort=params.get("sort", "")
        )
    except selectors.SearchError as error:
        raise ActionError(409, "Search Query Error", str(error)) from None
    # The facets' grouped query also gives the number of matches (no COUNT of its own).
    counts, count = selectors.facets_and_count(
        queryset, fields, limit=facet_limit if facet_limit > 0 else 1000
    )
    names = selectors.agency_names()
    results = [
        package_dict(request, d, names) for d in selectors.with_details(queryset)[start : start + rows]
    ]
    search_facets = {}
    labels = {}
    if "organization" in fields:
        labels["organization"] = {names[a.pk]: a.name for a in Agency._base_manager.filter(pk__in=names)}
    for name in fields:
        items = [
            {"name": value, "display_name": labels.get(name, {}).get(value, value), "count": n}
            for value, n in counts[name].items()
        ]
        search_facets[name] = {"title": name, "items": items}
    return {
        "count": count,
        "results": results,
        "sort": params.get("sort") or "title_string asc",
        "facets": counts,
        "search_facets": search_facets,
    }


def organization_list(request, params):
    counts = selectors.open_counts_by_agency()
    names = selectors.agency_names()
    agencies = Agency._base_manager.filter(pk__in=counts).order_by("name")
    if str(params.get("all_fields", "false")).lower() == "true":
        return [organization_dict(a, names, counts.get(a.pk, 0)) for a in agencies]
    return sorted(names[a.pk] for a in agencies)


def organization_show(request, params):
    key = params.get("id")
    if not key:
        raise ActionError(409, "Validation Error", _("Wajib diisi."), field="id")
    names = selectors.agency_names()
    by_name = {v: k for k, v in names.items()}
    pk = by_name.get(key) or (int(key) if str(key).isdigit() and int(key) in names else None)
    counts = selectors.open_counts_by_agency()
    if pk is None or pk not in counts:
        raise ActionError(404, "Not Found Error", _("Tidak ditemukan"))
    agency = Agency._base_manager.get(pk=pk)
    out = organization_dict(agency, names, counts[pk])
    if str(params.get("include_datasets", "false")).lower() == "true":
        datasets = selectors.with_details(
            selectors.open_datasets().filter(agency=agency).order_by("title", "id")[:10]
        )
        out["packages"] = [package_dict(request, d, names) for d in datasets]
    return out


def group_list(request, params):
    rows = dict(
        selectors.open_datasets()
        .exclude(database_group="")
        .order_by()
        .values_list("database_group")
        .annotate(n=selectors.Count("pk"))
    )
    if str(params.get("all_fields", "false")).lower() == "true":
        return [group_dict(label, n) for label, n in sorted(rows.items())]
    return sorted(selectors.group_name(label) for label in rows)


def tag_list(request, params):
    return selectors.tag_names(params.get("query", "") if isinstance(params.get("query", ""), str) else "")


def help_show(request, params):
    return _("API baca data terbuka, sesuai CKAN Action API v3.")


ACTIONS = {
    "status_show": status_show,
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "tag_list": tag_list,
    "help_show": help_show,
}


# Answers kept in the process while the open catalog is unchanged (selectors.kept_answer): the
# ones a catalog's visitors and harvesters repeat. package_search is computed every time.
KEPT_ACTIONS = {
    "package_show",
    "package_list",
    "organization_list",
    "organization_show",
    "group_list",
    "tag_list",
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request, action: str):
    """One CKAN action; anonymous and read-only, like a public CKAN portal."""
    handler = ACTIONS.get(action)
    if handler is None:
        return _error(
            request, action, ActionError(400, "Bad request", _("Aksi %(a)s tidak tersedia.") % {"a": action})
        )
    try:
        params = _params(request)
        if action in KEPT_ACTIONS:
            return _ok(
                request,
                action,
                selectors.kept_answer(request, action, params, lambda: _encoded(handler(request, params))),
            )
        return _ok(request, action, _encoded(handler(request, params)))
    except ActionError as error:
        return _error(request, action, error)
