"""The public open-data pages: search with facets (database group, agency, format, tag), a
dataset's page, downloads. Anonymous, OPEN and published datasets only; identifiers in URLs are
UUIDs."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from spbe.core import audit
from spbe.org.models import Agency

from . import selectors, tabular
from .models import Resource

PAGE_SIZE = 20
FACET_LABELS = {
    "groups": gettext_lazy("Kelompok basis data"),
    "organization": gettext_lazy("Produsen data"),
    "res_format": gettext_lazy("Format"),
    "tags": gettext_lazy("Tag"),
}


def _facet_label(name: str) -> str:
    return str(FACET_LABELS[name])


def open_index(request):
    q = request.GET.get("q", "").strip()[:200]
    chosen = [(key, request.GET.get(key, "").strip()[:100]) for key in FACET_LABELS]
    fq = " ".join(f'{key}:"{value}"' for key, value in chosen if value)
    try:
        queryset = selectors.search(q=q, fq=fq)
    except selectors.SearchError:
        queryset = selectors.open_datasets().none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    datasets = list(selectors.with_details(queryset.filter(pk__in=[d.pk for d in page.object_list])))
    counts = selectors.facets(queryset, list(FACET_LABELS), limit=15)
    names = selectors.agency_names()
    agency_titles = {names[a.pk]: a.name for a in Agency._base_manager.filter(pk__in=names)}
    group_titles = {selectors.group_name(g): g for g in selectors.all_groups()}
    selected = dict(chosen)
    facets = []
    for key in FACET_LABELS:
        items = []
        for value, n in counts[key].items():
            title = (
                agency_titles.get(value)
                if key == "organization"
                else group_titles.get(value)
                if key == "groups"
                else value
            )
            params = request.GET.copy()
            params.pop("page", None)
            if selected.get(key) == value:
                params.pop(key, None)
            else:
                params[key] = value
            items.append(
                {
                    "value": value,
                    "title": title or value,
                    "count": n,
                    "active": selected.get(key) == value,
                    "query": params.urlencode(),
                }
            )
        facets.append({"key": key, "label": _facet_label(key), "items": items})
    order = {d.pk: i for i, d in enumerate(page.object_list)}
    datasets.sort(key=lambda d: order[d.pk])
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "datasets/open_index.html",
        {
            "page": page,
            "datasets": datasets,
            "facets": facets,
            "q": q,
            "query": params.urlencode(),
            "count": page.paginator.count,
        },
    )


def open_dataset(request, uuid):
    dataset = selectors.with_details(selectors.open_datasets()).filter(uuid=uuid).first()
    if dataset is None:
        raise Http404
    resources = []
    seen = set()
    for resource in dataset.resources.all():
        if resource.name not in seen:
            seen.add(resource.name)
            resources.append(resource)
    return render(
        request,
        "datasets/open_dataset.html",
        {
            "dataset": dataset,
            "resources": resources,
            "problems": {r.pk: [tabular.problem_text(p) for p in r.problems] for r in resources},
        },
    )


def open_resource_download(request, uuid):
    resource = (
        Resource._base_manager.filter(uuid=uuid, dataset__in=selectors.open_datasets().values("pk"))
        .exclude(file="")
        .first()
    )
    if resource is None:
        raise Http404
    audit.record_event("datasets.resource.downloaded_public", resource, message=resource.name)
    return FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1]
    )
