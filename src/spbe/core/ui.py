"""One declaration per model gives it the whole set of pages and its API.

    class PersonUI(ModelUI):
        model = Person
        path = "people"
        table = PersonTable
        filterset = PersonFilterSet
        form = PersonForm
        serializer = PersonSerializer

    urlpatterns = PersonUI.urls()            # list, add, detail, edit, delete, history, import, export
    registry.add_api("org/people", PersonUI.viewset(), "person")

The views live in core/views/objects.py; they read everything from the ModelUI.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.urls import path as url_path

_by_label: dict[str, type["ModelUI"]] = {}


@dataclass
class Related:
    """A table of related records on the detail page."""

    label: Any
    queryset: Callable[[Any], models.QuerySet]  # obj -> queryset (restricted by the view)
    table: Any
    add_url: Callable[[Any], str] | None = None


class ModelUI:
    model: ClassVar[type[models.Model]]
    path: ClassVar[str]
    table: ClassVar[Any]
    filterset: ClassVar[Any]
    form: ClassVar[Any]
    serializer: ClassVar[Any] = None
    import_form: ClassVar[Any] = None  # defaults to form
    importable: ClassVar[bool] = True
    detail_fields: ClassVar[tuple[str, ...] | None] = None  # None: every editable field
    related: ClassVar[tuple[Related, ...]] = ()
    detail_template: ClassVar[str] = "core/object_detail.html"
    extra_actions: ClassVar[
        tuple[tuple[Any, str], ...]
    ] = ()  # (label, url name taking pk) on the detail page

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "model"):
            _by_label[cls.model._meta.label_lower] = cls

    @classmethod
    def name(cls, action: str) -> str:
        return f"{cls.model._meta.model_name}_{action}"

    @classmethod
    def url_name(cls, action: str) -> str:
        return f"{cls.model._meta.app_label}:{cls.name(action)}"

    @classmethod
    def get_import_form(cls):
        return cls.import_form or cls.form

    @classmethod
    def urls(cls) -> list:
        from .views import objects as v

        p = cls.path
        patterns = [
            url_path(f"{p}/", v.ObjectListView.as_view(ui=cls), name=cls.name("list")),
            url_path(f"{p}/add/", v.ObjectEditView.as_view(ui=cls), name=cls.name("add")),
            url_path(f"{p}/export/", v.ObjectExportView.as_view(ui=cls), name=cls.name("export")),
            url_path(f"{p}/<int:pk>/", v.ObjectDetailView.as_view(ui=cls), name=cls.name("detail")),
            url_path(f"{p}/<int:pk>/edit/", v.ObjectEditView.as_view(ui=cls), name=cls.name("edit")),
            url_path(f"{p}/<int:pk>/delete/", v.ObjectDeleteView.as_view(ui=cls), name=cls.name("delete")),
            url_path(f"{p}/<int:pk>/history/", v.ObjectHistoryView.as_view(ui=cls), name=cls.name("history")),
        ]
        if cls.importable:
            patterns += [
                url_path(f"{p}/import/", v.ObjectImportView.as_view(ui=cls), name=cls.name("import")),
                url_path(
                    f"{p}/import/<int:job>/", v.ImportJobView.as_view(ui=cls), name=cls.name("import_job")
                ),
            ]
        return patterns

    @classmethod
    def viewset(cls):
        from .api.viewsets import PlatformViewSet

        attrs = {
            "queryset": cls.model.objects.all(),
            "serializer_class": cls.serializer,
            "filterset_class": cls.filterset,
            "ordering_fields": list(cls.table.sortable().values()) + ["id"],
            "ui": cls,
        }
        return type(f"{cls.model.__name__}ViewSet", (PlatformViewSet,), attrs)


def ui_for(model_or_label) -> type[ModelUI] | None:
    label = model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label_lower
    return _by_label.get(label)


def registered() -> list[type[ModelUI]]:
    """Every model with pages and an API, in registration order (generated checks walk it)."""
    return list(_by_label.values())
