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
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from .. import audit, exporter, importer, permissions
from ..choices import ImportStatus
from ..errors import ConflictError, ProtectedError
from ..forms import ImportForm
from ..models import Attachment, AuditEvent, ImportJob
from ..services import delete_checked, save_versioned

PER_PAGE_CHOICES = (25, 50, 100, 200)


class UIView(LoginRequiredMixin, View):
    ui = None

    @property
    def model(self):
        return self.ui.model

    def base_context(self, **extra):
        meta = self.model._meta
        return {
            "ui": self.ui,
            "meta": meta,
            "verbose_name": capfirst(meta.verbose_name),
            "verbose_name_plural": capfirst(meta.verbose_name_plural),
            "list_url": reverse(self.ui.url_name("list")),
            **extra,
        }

    def visible(self, action=permissions.VIEW):
        return self.model.objects.restrict(self.request.user, action)

    def get_visible_object(self, pk, action=permissions.VIEW):
        """404 when out of view scope (nothing leaks); 403 when visible but not allowed."""
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


def filtered_list(ui, request):
    """The list as the user sees it: restricted, filtered, sorted, with the chosen columns.

    Shared by the list page and the export so the two always match.
    """
    qs = ui.model.objects.restrict(request.user, permissions.VIEW)
    filterset = ui.filterset(request.GET or None, queryset=qs, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
    session_key = f"columns:{ui.model._meta.label_lower}"
    chosen = request.GET.getlist("columns")
    if chosen:
        request.session[session_key] = chosen
    visible = chosen or request.session.get(session_key) or ui.table.default_columns()
    table = ui.table(None, visible=visible)
    sort = request.GET.get("sort", "")
    sortable = ui.table.sortable()
    if sort.lstrip("-") in sortable:
        field = sortable[sort.lstrip("-")]
        qs = qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
    elif not qs.ordered:
        qs = qs.order_by("pk")
    select, prefetch = ui.table.related_paths(table.visible)
    if select:
        qs = qs.select_related(*select)
    if prefetch:
        qs = qs.prefetch_related(*prefetch)
    return filterset, qs, table, sort


class ObjectListView(UIView):
    def get(self, request):
        filterset, qs, table, sort = filtered_list(self.ui, request)
        try:
            per_page = int(request.GET.get("per_page", 50))
        except ValueError:
            per_page = 50
        per_page = per_page if per_page in PER_PAGE_CHOICES else 50
        page = Paginator(qs, per_page).get_page(request.GET.get("page"))
        table.rows = page.object_list
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
        )
        template = "core/_table.html" if request.headers.get("HX-Request") else "core/object_list.html"
        return render(request, template, context)


class ObjectExportView(UIView):
    def get(self, request):
        filterset, qs, table, _sort = filtered_list(self.ui, request)
        table.rows = qs.iterator(chunk_size=2000) if not table.related_paths(table.visible)[1] else qs
        audit.record_event(
            "core.export",
            message=f"{self.model._meta.label_lower}?{request.GET.urlencode()}",
        )
        basename = self.ui.path
        if request.GET.get("format") == "xlsx":
            return exporter.export_xlsx(table, basename)
        return exporter.export_csv(table, basename)


def detail_rows(obj, fields=None):
    rows = []
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if fields is None and (not field.editable or field.primary_key):
            continue
        value = getattr(obj, field.name)
        display = getattr(obj, f"get_{field.name}_display", None)
        if display is not None:
            value = display()
        url = ""
        if isinstance(field, models.ForeignKey) and value is not None and hasattr(value, "get_absolute_url"):
            url = value.get_absolute_url()
        if isinstance(field, models.FileField):
            value = value.name.rsplit("/", 1)[-1] if value else ""
        rows.append({"label": capfirst(field.verbose_name), "value": value, "url": url, "name": field.name})
    return rows


class ObjectDetailView(UIView):
    def get(self, request, pk):
        obj = self.get_visible_object(pk)
        user = request.user
        related = []
        for rel in self.ui.related:
            rel_qs = rel.queryset(obj).restrict(user, permissions.VIEW)
            table = rel.table(None)
            select, prefetch = rel.table.related_paths(table.visible)
            rel_qs = rel_qs.select_related(*select).prefetch_related(*prefetch)
            total = rel_qs.count()
            table.rows = rel_qs[:50]
            related.append(
                {
                    "label": rel.label,
                    "table": table,
                    "total": total,
                    "add_url": rel.add_url(obj) if rel.add_url else "",
                }
            )
        attachments = Attachment.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=obj.pk,
        ).select_related("created_by")
        context = self.base_context(
            object=obj,
            rows=detail_rows(obj, self.ui.detail_fields),
            related=related,
            attachments=attachments,
            can_change=permissions.can(user, obj, permissions.CHANGE),
            can_delete=permissions.can(user, obj, permissions.DELETE),
            extra_actions=[
                (label, reverse(name, kwargs={"pk": obj.pk})) for label, name in self.ui.extra_actions
            ],
            object_ct_id=ContentType.objects.get_for_model(obj).pk,
            tab="detail",
        )
        return render(request, self.ui.detail_template, context)


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


def history_entries(events, model):
    """Events as readable rows: field labels and old -> new values."""
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    entries = []
    for event in events:
        changes = []
        for attname, (old, new) in json.loads(event.changes or "{}").items():
            if attname in HISTORY_HIDDEN:
                continue  # bookkeeping the event itself already tells (its time, its object)
            field = fields.get(attname)
            label = capfirst(field.verbose_name) if field is not None else attname
            changes.append({"field": label, "old": _display(field, old), "new": _display(field, new)})
        entries.append({"event": event, "changes": changes})
    return entries


def _display(field, value):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and isinstance(field, models.ForeignKey):
        target = field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target else f"#{value}"
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
            object=obj, page=page, entries=history_entries(page.object_list, self.model), tab="history"
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
        from ..tables import Column, Table

        form = self.ui.get_import_form()
        names = [n for n in form.base_fields if n != "version"]

        class Template(Table):
            model = self.model

        Template.columns = {n: Column(accessor=n, label=n, name=n) for n in names}
        table = Template([], visible=names)
        if kind == "xlsx":
            return exporter.export_xlsx(table, f"templat-{self.ui.path}")
        return exporter.export_csv(table, f"templat-{self.ui.path}")

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
        importer.run(job, ui_for(job.model_label).get_import_form(), apply=apply)
        return
    job.status = ImportStatus.QUEUED
    job.message = ""
    job.save()
    importer.set_progress(job.pk, done=0, total=job.total_rows, phase="queued")
    run_import_job.enqueue(job.pk, apply)


class ImportJobView(UIView):
    def get_job(self, job):
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
            job=job, running=running, percent=percent, page=page, only_errors=only_errors
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
