"""The generic model pages. Each view is configured by a ModelUI (core/ui.py)."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from .. import audit, exporter, importer, people, permissions, sheets
from .. import references as refs
from ..bounds import within_range
from ..choices import ImportStatus
from ..errors import ConflictError, ProtectedError
from ..forms import ImportForm
from ..models import Attachment, AuditEvent, ImportJob
from ..paging import CappedPaginator
from ..services import delete_checked, save_versioned
from ..ui import Allowed, actions_for, panels_for, tabs_for

PER_PAGE_CHOICES = (25, 50, 100, 200)


def object_context(request, ui, obj=None, tab="", allowed=None, **extra):
    """What every page of a model shows around its content: names, the list link, and for one
    object its header (actions on the detail tab) and its tabs, including those other modules
    registered (core.ui.register_tab). Hand-written pages of a model use it through `shell`."""
    meta = ui.model._meta
    context = {
        "ui": ui,
        "meta": meta,
        "verbose_name": capfirst(meta.verbose_name),
        "verbose_name_plural": capfirst(meta.verbose_name_plural),
        "list_url": reverse(ui.url_name("list")),
        "tab": tab,
    }
    if obj is not None and obj.pk is not None:
        allowed = allowed or Allowed(request.user, obj)
        context["tabs"] = object_tabs(ui, obj, tab, allowed)
        if tab == "detail":
            context["extra_actions"] = [
                (action.label, action.url(obj)) for action in actions_for(ui.model) if allowed(action)
            ]
    context.update(extra)
    return context


def object_tabs(ui, obj, current, allowed) -> list[dict]:
    tabs = [
        {"name": "detail", "label": _("Rincian"), "url": reverse(ui.url_name("detail"), args=[obj.pk])},
        {"name": "history", "label": _("Riwayat"), "url": reverse(ui.url_name("history"), args=[obj.pk])},
    ]
    if current == "edit":
        tabs.append({"name": "edit", "label": _("Ubah"), "url": ""})
    for tab in tabs_for(ui.model):
        if tab.name == current or (tab.in_tabs and allowed(tab)):
            url = reverse(tab_url_name(ui, tab), args=[obj.pk]) if tab.in_tabs else ""
            tabs.append({"name": tab.name, "label": tab.label, "url": url})
    for entry in tabs:
        entry["active"] = entry["name"] == current
    return tabs


def tab_url_name(ui, tab) -> str:
    return f"{ui.model._meta.app_label}:{tab.url_name or ui.name(tab.name)}"


class Shell:
    """Given to a registered tab view: renders its template inside the object's page."""

    def __init__(self, request, ui, obj, tab, allowed):
        self.request, self.ui, self.object, self.tab, self.allowed = request, ui, obj, tab, allowed

    def context(self, **extra) -> dict:
        return object_context(self.request, self.ui, self.object, self.tab.name, self.allowed, **extra)

    def render(self, template: str, context: dict | None = None, status: int = 200):
        return render(
            self.request, template, self.context(object=self.object, **(context or {})), status=status
        )


class UIView(LoginRequiredMixin, View):
    ui = None

    @property
    def model(self):
        return self.ui.model

    def base_context(self, **extra):
        obj, tab, allowed = extra.pop("object", None), extra.pop("tab", ""), extra.pop("allowed", None)
        return object_context(self.request, self.ui, obj, tab, allowed, object=obj, **extra)

    def visible(self, action=permissions.VIEW):
        return self.model.objects.restrict(self.request.user, action)

    def get_visible_object(self, pk, action=permissions.VIEW):
        """404 when out of view scope (nothing leaks); 403 when visible but not allowed."""
        if not within_range(self.model, pk):  # no record has it; the database would fail on it
            raise Http404
        obj = get_object_or_404(self.visible(), pk=pk)
        if action != permissions.VIEW and not permissions.can(self.request.user, obj, action):
            raise PermissionDenied
        return obj

    def may_add(self) -> bool:
        user = self.request.user
        if permissions.may_create(user, self.model, None):
            return True
        owners = permissions.creatable_owners(user, self.model)
        return owners is None or (permissions.owner_field(self.model) is not None and owners.exists())


def total_order(ordering) -> list[str]:
    """`ordering` completed by the primary key, in the direction of its last term, so that
    pages never overlap and one index, read forwards or backwards, serves the whole order
    (an ascending tiebreaker after a descending key would need a sort)."""
    terms = [term for term in ordering if term not in ("pk", "-pk", "id", "-id")]
    descending = bool(terms) and terms[-1].startswith("-")
    return [*terms, "-pk" if descending else "pk"]


def filtered_list(ui, request):
    """The list as the user sees it: restricted, filtered, sorted, with the chosen columns.

    Shared by the list page and the export so the two always match.
    """
    qs = ui.model.objects.restrict(request.user, permissions.VIEW)
    filterset = ui.filterset(request.GET or None, queryset=qs, request=request)
    if filterset.is_bound:
        # An invalid filter (e.g. an id beyond any record) lists nothing and says why next
        # to the filter, rather than listing everything as if no filter had been asked for.
        qs = filterset.qs if filterset.is_valid() else qs.none()
    session_key = f"columns:{ui.model._meta.label_lower}"
    chosen = request.GET.getlist("columns")
    if chosen:
        request.session[session_key] = chosen
    visible = chosen or request.session.get(session_key) or ui.table.default_columns()
    table = ui.table(None, visible=visible)
    table.references = refs.for_user(request.user)
    sort = request.GET.get("sort", "")
    sortable = ui.table.sortable()
    if sort.lstrip("-") in sortable:
        field = sortable[sort.lstrip("-")]
        qs = qs.order_by(*total_order([f"-{field}" if sort.startswith("-") else field]))
    else:
        # The filters' order if one set it (a search found by NIP lists in NIP order), else
        # the model's default.
        qs = qs.order_by(*total_order(getattr(filterset, "search_order", None) or ui.model._meta.ordering))
    select, prefetch = ui.table.related_paths(table.visible)
    if select:
        qs = qs.select_related(*select)
    if prefetch:
        qs = qs.prefetch_related(*prefetch)
    return filterset, qs, table, sort


def only_shown(qs, table, filterset):
    """The page's rows with only the fields its columns show (and a search ranks by)."""
    fields = table.loaded_fields(table.visible)
    if fields is None:
        return qs
    ranker = getattr(filterset, "search_ranker", None)
    if ranker is not None:
        fields += [path.split("__")[0] for path in ranker.fields]
    return qs.only(*fields)


class ObjectListView(UIView):
    def get(self, request):
        filterset, qs, table, sort = filtered_list(self.ui, request)
        try:
            per_page = int(request.GET.get("per_page", 50))
        except ValueError:
            per_page = 50
        per_page = per_page if per_page in PER_PAGE_CHOICES else 50
        page = CappedPaginator(only_shown(qs, table, filterset), per_page).get_page(request.GET.get("page"))
        table.rows = page.object_list
        ranker = getattr(filterset, "search_ranker", None)
        if ranker is not None and not sort and not page.has_other_pages():
            table.rows = ranker.sort(page.object_list)  # every match on this page: best first
        params = request.GET.copy()
        params.pop("page", None)
        context = self.base_context(
            table=table,
            page=page,
            filterset=filterset,
            sort=sort,
            per_page=per_page,
            per_page_choices=PER_PAGE_CHOICES,
            querystring=params.urlencode(),
            all_columns=[
                (name, col.label, name in table.visible) for name, col in self.ui.table.columns.items()
            ],
            can_add=self.may_add(),
            active_filters=sum(1 for name in filterset.filters if any(request.GET.getlist(name))),
        )
        template = "core/_table.html" if request.headers.get("HX-Request") else "core/object_list.html"
        return render(request, template, context)


class ObjectExportView(UIView):
    def get(self, request):
        filterset, qs, table, _sort = filtered_list(self.ui, request)
        if filterset.is_bound and not filterset.is_valid():
            # Back to the list, which shows which filter is wrong; no file of nothing.
            messages.error(
                request, _("Saringan tidak valid; perbaiki saringan yang ditandai, lalu ekspor lagi.")
            )
            return redirect(f"{reverse(self.ui.url_name('list'))}?{request.GET.urlencode()}")
        table.rows = qs.iterator(chunk_size=2000) if not table.related_paths(table.visible)[1] else qs
        audit.record_event(
            "core.export",
            message=f"{self.model._meta.label_lower}?{request.GET.urlencode()}",
        )
        basename = self.ui.path.replace("/", "-")  # a file and sheet name
        if self.ui.is_importable():
            # The file can be edited and imported again: ID and version first, importable columns
            # headed and written as the importer reads them (core/sheets.py).
            table = sheets.Sheet(sheets.export_columns(self.ui, table.visible), table, table.rows)
        if request.GET.get("format") == "xlsx":
            return exporter.export_xlsx(table, basename)
        return exporter.export_csv(table, basename)


def detail_rows(obj, fields=None, viewer=None):
    """The record's fields as label/value/link rows; a reference the viewer may not see shows
    only that it is there (core/references.py)."""
    references = refs.for_user(viewer) if viewer is not None else refs.References(None)
    masked = references.masked_fields(obj)
    rows = []
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in masked:
            continue  # someone else's personal data: not shown at all
        if fields is None and (not field.editable or field.primary_key):
            continue
        value = getattr(obj, field.name)
        display = getattr(obj, f"get_{field.name}_display", None)
        if display is not None:
            value = display()
        url = ""
        if isinstance(field, models.ForeignKey) and value is not None:
            url = references.url(value)
            value = references.label(value)
        if isinstance(field, models.FileField):
            value = value.name.rsplit("/", 1)[-1] if value else ""
        rows.append({"label": capfirst(field.verbose_name), "value": value, "url": url, "name": field.name})
    return rows


RELATED_ROWS = 50


def related_table(user, obj, rel) -> dict:
    """A Related table as the detail page shows it: the first rows the user may see, and the total."""
    rel_qs = rel.queryset(obj).restrict(user, permissions.VIEW)
    table = rel.table(None)
    table.references = refs.for_user(user)
    select, prefetch = rel.table.related_paths(table.visible)
    rel_qs = rel_qs.select_related(*select).prefetch_related(*prefetch)
    total = rel_qs.count()
    table.rows = rel_qs[:RELATED_ROWS]
    return {
        "label": rel.label,
        "table": table,
        "total": total,
        "add_url": rel.add_url(obj) if rel.add_url else "",
    }


class ObjectDetailView(UIView):
    def get(self, request, pk):
        obj = self.get_visible_object(pk)
        user = request.user
        related = [related_table(user, obj, rel) for rel in self.ui.related]
        attachments = Attachment.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=obj.pk,
        ).select_related("created_by")
        allowed = Allowed(user, obj)
        context = self.base_context(
            object=obj,
            rows=detail_rows(obj, self.ui.detail_fields, viewer=user),
            related=related,
            panels=detail_panels(request, self.ui, obj, allowed),
            attachments=attachments,
            can_change=not self.ui.read_only and allowed.action(permissions.CHANGE),
            can_delete=not self.ui.read_only and allowed.action(permissions.DELETE),
            object_ct_id=ContentType.objects.get_for_model(obj).pk,
            tab="detail",
            allowed=allowed,
        )
        return render(request, self.ui.detail_template, context)


def detail_panels(request, ui, obj, allowed) -> list[dict]:
    """The panels other modules registered for this model, each with its own context."""
    panels = []
    for panel in panels_for(ui.model):
        if not allowed(panel):
            continue
        context = panel.context(request, obj)
        if context is not None:
            panels.append({"name": panel.name, "label": panel.label, "template": panel.template, **context})
    return panels


class ObjectTabView(UIView):
    """A tab another module registered on this model (core.ui.register_tab)."""

    tab = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        obj = get_object_or_404(self.visible(), pk=kwargs.pop("pk"))
        allowed = Allowed(request.user, obj)
        if not allowed(self.tab):
            raise PermissionDenied
        return self.tab.view(request, obj, Shell(request, self.ui, obj, self.tab, allowed), **kwargs)


class ObjectEditView(UIView):
    def get_object(self, pk):
        if pk is None:
            if not self.may_add():
                raise PermissionDenied
            return None
        return self.get_visible_object(pk, permissions.CHANGE)

    def form_for(self, obj, data=None, files=None):
        initial = {}
        if obj is None:
            for key, value in self.request.GET.items():
                initial[key] = value
        return self.ui.form(data=data, files=files, instance=obj, user=self.request.user, initial=initial)

    def get(self, request, pk=None):
        obj = self.get_object(pk)
        return self.render_form(self.form_for(obj), obj)

    def render_form(self, form, obj, status=200):
        return render(
            request=self.request,
            template_name="core/object_form.html",
            context=self.base_context(form=form, object=obj, tab="edit"),
            status=status,
        )

    def post(self, request, pk=None):
        obj = self.get_object(pk)
        form = self.form_for(obj, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, obj, status=400)
        instance = form.save(commit=False)
        try:
            save_versioned(
                instance,
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
                m2m=form.save_m2m,
            )
        except ConflictError as error:
            form.add_error(None, error.message)
            return self.render_form(form, obj, status=409)
        messages.success(
            request,
            (_("%(name)s disimpan.") if pk else _("%(name)s dibuat.")) % {"name": capfirst(str(instance))},
        )
        return redirect(instance.get_absolute_url() or reverse(self.ui.url_name("list")))


class ObjectDeleteView(UIView):
    def get(self, request, pk):
        obj = self.get_visible_object(pk, permissions.DELETE)
        return render(request, "core/object_confirm_delete.html", self.base_context(object=obj))

    def post(self, request, pk):
        obj = self.get_visible_object(pk, permissions.DELETE)
        label = str(obj)
        try:
            delete_checked(obj, user=request.user)
        except ProtectedError as error:
            return render(
                request,
                "core/object_confirm_delete.html",
                self.base_context(object=obj, refusal=error.message),
                status=409,
            )
        messages.success(request, _("%(name)s dihapus.") % {"name": label})
        return redirect(self.ui.url_name("list"))


HISTORY_HIDDEN = {"id", "created", "last_updated", "version", "created_by_id"}


def history_entries(events, model, viewer=None, obj=None):
    """Events as readable rows: field labels and old -> new values. A reference to a record the
    viewer may not see shows only that it was there; the others are read in one query per
    referenced model for the whole page."""
    references = refs.for_user(viewer) if viewer is not None else refs.References(None)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    masked = set(references.masked_fields(obj)) if obj is not None else set(refs.personal_fields(model))
    masked = {model._meta.get_field(name).attname for name in masked}
    events = list(events)
    targets = _referenced_records(events, fields)
    actors = people.labels(event.actor_id for event in events)  # by name and position, one query
    entries = []
    for event in events:
        changes = []
        for attname, (old, new) in json.loads(event.changes or "{}").items():
            if attname in HISTORY_HIDDEN:
                continue  # bookkeeping the event itself already tells (its time, its object)
            field = fields.get(attname)
            label = capfirst(field.verbose_name) if field is not None else attname
            if attname in masked:  # that it changed, not what it was or became
                changes.append({"field": label, "old": refs.PERSONAL_LABEL, "new": refs.PERSONAL_LABEL})
                continue
            changes.append(
                {
                    "field": label,
                    "old": _display(field, old, references, targets),
                    "new": _display(field, new, references, targets),
                }
            )
        actor = actors.get(event.actor_id) or event.actor_name  # the stored name once the account is gone
        entries.append({"event": event, "changes": changes, "actor": actor})
    return entries


def _referenced_records(events, fields) -> dict:
    """{(model, pk): record} for every reference the events' changes name."""
    wanted: dict = {}
    for event in events:
        for attname, values in json.loads(event.changes or "{}").items():
            field = fields.get(attname)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in values if v not in (None, ""))
    found = {}
    for model, pks in wanted.items():
        records = model._base_manager.filter(pk__in=pks)
        if people.is_user_model(model):
            records = records.select_related(*people.related_paths())
        for record in records:
            found[(model, str(record.pk))] = record
    return found


def _display(field, value, references, targets):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and isinstance(field, models.ForeignKey):
        if references.is_hidden_id(field.related_model, value):
            return refs.HIDDEN_LABEL
        target = targets.get((field.related_model, str(value)))
        return references.label(target) if target else f"#{value}"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    return value


class ObjectHistoryView(UIView):
    def get(self, request, pk):
        obj = self.get_visible_object(pk)
        events = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by(
            "-seq"
        )
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        context = self.base_context(
            object=obj,
            page=page,
            entries=history_entries(page.object_list, self.model, viewer=request.user, obj=obj),
            tab="history",
        )
        return render(request, "core/object_history.html", context)


class ObjectImportView(UIView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.may_add():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template"):
            return self.template_file(request.GET["template"])
        jobs = ImportJob.objects.filter(user=request.user, model_label=self.model._meta.label_lower)[:10]
        return render(
            request, "core/import.html", self.base_context(form=ImportForm(), jobs=jobs, tab="import")
        )

    def template_file(self, kind):
        """The columns the importer reads, headed in the reader's language; the XLSX lists each
        choice column's values on a sheet of their own and offers them as a drop-down."""
        sheet = sheets.Sheet(sheets.template_columns(self.ui))
        name = f"templat-{self.ui.path.replace('/', '-')}"
        if kind == "xlsx":
            return exporter.export_xlsx(sheet, name)
        return exporter.export_csv(sheet, name)

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            jobs = ImportJob.objects.filter(user=request.user, model_label=self.model._meta.label_lower)[:10]
            return render(request, "core/import.html", self.base_context(form=form, jobs=jobs), status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            check = importer.precheck(data, upload.name)  # cheap: the request never parses a big file
        except importer.ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, "core/import.html", self.base_context(form=form, jobs=[]), status=400)
        job = ImportJob(
            model_label=self.model._meta.label_lower,
            user=request.user,
            file_name=upload.name,
            total_rows=check.rows,
            delete_missing=form.cleaned_data["delete_missing"],
        )
        job.file.save(upload.name, ContentFile(data), save=False)
        job.save()
        start_import(job, apply=False)
        return redirect(self.ui.url_name("import_job"), job=job.pk)


def start_import(job: ImportJob, *, apply: bool) -> None:
    """Small files run now; large ones, or ones whose size is not cheaply known, go to the
    background worker (decided again from the stored file, never from rows counted earlier)."""
    from ..tasks import run_import_job
    from ..ui import ui_for

    with job.file.open("rb") as handle:
        check = importer.precheck(handle.read(), job.file_name)
    if check.inline:
        importer.run(job, ui_for(job.model_label), apply=apply)
        return
    job.status = ImportStatus.QUEUED
    job.message = ""
    job.language = translation.get_language() or ""  # the worker answers in the user's language
    job.save()
    importer.set_progress(job.pk, done=0, total=job.total_rows, phase="queued")
    run_import_job.enqueue(job.pk, apply)


class ImportJobView(UIView):
    def get_job(self, job):
        if not within_range(ImportJob, job):
            raise Http404
        obj = ImportJob.objects.filter(
            pk=job, user=self.request.user, model_label=self.model._meta.label_lower
        ).first()
        if obj is None:
            raise Http404
        importer.mark_stale(obj)
        return obj

    def get(self, request, job):
        job = self.get_job(job)
        progress = importer.get_progress(job.pk) or {}
        running = job.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.APPLYING)
        total = progress.get("total") or job.total_rows or 1
        percent = int(100 * (progress.get("done", 0) / total)) if running else 100
        results = job.results or []
        only_errors = request.GET.get("errors") == "1"
        if only_errors:
            results = [r for r in results if not r[1]]
        page = Paginator(results, 200).get_page(request.GET.get("page"))
        context = self.base_context(
            job=job,
            running=running,
            percent=percent,
            page=page,
            only_errors=only_errors,
            import_url=reverse(self.ui.url_name("import")),
        )
        template = "core/_import_status.html" if request.headers.get("HX-Request") else "core/import_job.html"
        return render(request, template, context)

    def post(self, request, job):
        job = self.get_job(job)
        if job.status != ImportStatus.VALIDATED:
            messages.error(request, _("Impor ini tidak dapat diterapkan pada statusnya sekarang."))
        else:
            start_import(job, apply=True)
        return HttpResponseRedirect(reverse(self.ui.url_name("import_job"), kwargs={"job": job.pk}))
