"""One declaration per model gives it the whole set of pages and its API.

    class PersonUI(ModelUI):
        model = Person
        path = "people"
        table = PersonTable
        filterset = PersonFilterSet
        fields = ("agency", "name", "position", ...)   # the form, the API and the detail page

    urlpatterns = ui_urls("org")   # every ModelUI of the app: list, add, detail, edit, delete,
                                   # history, import, export and the tabs other modules registered

The same registration gives the API route (`api_prefix`, default "<app label>/<path>"), the
navigation entry (`nav`), and global search (`searchable`, over the model's `search_fields`).

Modules extend any model's pages without touching its ModelUI (in the spirit of NetBox's
registered model views and view tabs): `register_tab`, `register_panel` and `register_action`,
each with the policy action (`permission`) and an optional extra `check(user, obj)`.

The views live in core/views/objects.py; they read everything from the ModelUI and the
registered extensions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.urls import path as url_path

from . import permissions

_by_label: dict[str, type["ModelUI"]] = {}


@dataclass
class Related:
    """A table of related records on the detail page."""

    label: Any
    queryset: Callable[[Any], models.QuerySet]  # obj -> queryset (restricted by the view)
    table: Any
    add_url: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Nav:
    """Where a model's list appears in the side navigation."""

    section: str
    label: Any
    order: int = 100
    icon: str = ""
    roles: tuple[str, ...] = ()


class ModelUI:
    model: ClassVar[type[models.Model]]
    path: ClassVar[str]
    table: ClassVar[Any]
    filterset: ClassVar[Any]
    form: ClassVar[Any] = None
    serializer: ClassVar[Any] = None
    import_form: ClassVar[Any] = None  # defaults to form
    importable: ClassVar[bool] = True
    # The fields that name a record when an import row has no ID (e.g. ("nip",) for people): a
    # row whose key matches one visible record updates it instead of adding a duplicate.
    natural_key: ClassVar[tuple[str, ...]] = ("id",)
    read_only: ClassVar[bool] = False  # pages and API show and export; records change elsewhere
    detail_fields: ClassVar[tuple[str, ...] | None] = None  # None: from `fields`, else every editable field
    related: ClassVar[tuple[Related, ...]] = ()
    detail_template: ClassVar[str] = "core/object_detail.html"
    api_prefix: ClassVar[str | None] = None  # default "<app label>/<path>"; "" = no API
    api_viewset: ClassVar[Callable[[type["ModelUI"]], Any] | None] = None  # ui -> viewset class
    nav: ClassVar[Nav | None] = None
    searchable: ClassVar[bool] = True  # in global search when the model declares search_fields
    # The one field list: the form, the serializer and the detail page are derived from it
    # (see `derive_from_fields`); read-only UIs show every name on the detail page. A custom form or serializer that adds behaviour is given
    # without a field list of its own and gets this one; one with its own `Meta.fields` is used
    # as it is.
    fields: ClassVar[tuple[str, ...]] = ()
    read_only_fields: ClassVar[tuple[str, ...]] = ()  # shown and in the API, never in the form
    # Read-only list columns an import must not appear to change: a row whose cell differs from
    # the record is refused with this message instead of the cell being ignored (a dataset's
    # classification, set only by a classification decision).
    import_guarded: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not hasattr(cls, "model"):
            return
        if cls.fields:
            derive_from_fields(cls)
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
    def is_importable(cls) -> bool:
        return cls.importable and not cls.read_only

    @classmethod
    def urls(cls) -> list:
        from .views import objects as v

        p = cls.path
        patterns = [
            url_path(f"{p}/", v.ObjectListView.as_view(ui=cls), name=cls.name("list")),
            url_path(f"{p}/export/", v.ObjectExportView.as_view(ui=cls), name=cls.name("export")),
            url_path(f"{p}/<int:pk>/", v.ObjectDetailView.as_view(ui=cls), name=cls.name("detail")),
            url_path(f"{p}/<int:pk>/history/", v.ObjectHistoryView.as_view(ui=cls), name=cls.name("history")),
        ]
        if not cls.read_only:
            patterns += [
                url_path(f"{p}/add/", v.ObjectEditView.as_view(ui=cls), name=cls.name("add")),
                url_path(f"{p}/<int:pk>/edit/", v.ObjectEditView.as_view(ui=cls), name=cls.name("edit")),
                url_path(
                    f"{p}/<int:pk>/delete/", v.ObjectDeleteView.as_view(ui=cls), name=cls.name("delete")
                ),
            ]
        if cls.is_importable():
            patterns += [
                url_path(f"{p}/import/", v.ObjectImportView.as_view(ui=cls), name=cls.name("import")),
                url_path(
                    f"{p}/import/<int:job>/", v.ImportJobView.as_view(ui=cls), name=cls.name("import_job")
                ),
            ]
        for tab in tabs_for(cls.model):
            patterns.append(
                url_path(
                    f"{p}/<int:pk>/{tab.path}",
                    v.ObjectTabView.as_view(ui=cls, tab=tab),
                    name=tab.url_name or cls.name(tab.name),
                )
            )
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
        if cls.read_only:
            attrs["http_method_names"] = ["get", "head", "options"]
        return type(f"{cls.model.__name__}ViewSet", (PlatformViewSet,), attrs)

    @classmethod
    def get_api_prefix(cls) -> str:
        if cls.api_prefix is not None:
            return cls.api_prefix
        return f"{cls.model._meta.app_label}/{cls.path}" if cls.serializer is not None else ""


def declares_fields(klass) -> bool:
    """A form or serializer class with its own `Meta.fields` (used as it is)."""
    return klass is not None and getattr(getattr(klass, "Meta", None), "fields", None) is not None


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None  # a property or a field the serializer declares (e.g. `full_name`)


def form_fields(model, fields, exclude=()) -> list[str]:
    """The names of `fields` a form can edit: editable model fields, less `exclude`."""
    return [
        name
        for name in fields
        if name not in exclude and (field := model_field(model, name)) is not None and field.editable
    ]


def api_fields(model, fields, base=None) -> list[str]:
    """The names of `fields` the API carries. A file is carried only where the serializer says how
    to take it (its `Meta.extra_kwargs` names it, e.g. write-only); otherwise files go through the
    pages' download views."""
    extra_kwargs = getattr(getattr(base, "Meta", None), "extra_kwargs", {})
    return [
        name
        for name in fields
        if not isinstance(model_field(model, name), models.FileField) or name in extra_kwargs
    ]


def derive_from_fields(ui) -> None:
    """Fill in the detail rows, the serializer, the form and the import form from `ui.fields`:
    the form edits the editable model fields less `read_only_fields`; the detail page shows those
    and `read_only_fields`; the API carries every name (a name that is no editable model field,
    e.g. a hash the upload sets or a field the serializer declares, is read-only there)."""
    model, fields = ui.model, tuple(ui.fields)
    unlisted = set(ui.read_only_fields) - set(fields)
    if unlisted:
        raise ImproperlyConfigured(f"{ui.__name__}.read_only_fields not in fields: {sorted(unlisted)}")
    editable = form_fields(model, fields, exclude=ui.read_only_fields)
    if ui.detail_fields is None:
        shown = set(editable) | set(ui.read_only_fields)
        ui.detail_fields = fields if ui.read_only else tuple(name for name in fields if name in shown)
    if not declares_fields(ui.serializer):
        ui.serializer = serializer_for(
            model, api_fields(model, fields, ui.serializer), base=ui.serializer, read_only=ui.read_only_fields
        )
    if ui.read_only:
        return
    if not declares_fields(ui.form):
        ui.form = form_for(model, editable, base=ui.form)
    if ui.import_form is not None and not declares_fields(ui.import_form):
        # A spreadsheet row holds no many-to-many links: they are made on the record's page.
        single = [name for name in editable if not model._meta.get_field(name).many_to_many]
        ui.import_form = form_for(model, single, base=ui.import_form)


def serializer_for(model, fields, base=None, read_only=()):
    """A PlatformSerializer for `fields` (plus id, display and, for versioned records, version).
    `base` may be a serializer that adds behaviour; its `Meta` options (derived_fields,
    extra_kwargs ...) are kept."""
    from .api.serializers import PlatformSerializer
    from .models import BaseModel

    base = base or PlatformSerializer
    versioned = issubclass(model, BaseModel)
    parent_meta = getattr(base, "Meta", None)
    options = {"model": model, "fields": ["id", "display", *(["version"] if versioned else []), *fields]}
    read_only = [*getattr(parent_meta, "read_only_fields", ()), *read_only]
    if read_only:
        options["read_only_fields"] = read_only
    meta = type("Meta", (parent_meta,) if parent_meta else (), options)
    attrs = {"Meta": meta, "__module__": model.__module__}
    if not versioned:
        attrs["version"] = None  # the record has no optimistic-locking version
    return type(f"{model.__name__}Serializer", (base,), attrs)


def form_for(model, fields, base=None):
    """A PlatformModelForm for `fields`; `base` may be a form that adds behaviour (widgets,
    validation) without a field list of its own."""
    from .forms import PlatformModelForm

    base = base or PlatformModelForm
    parent_meta = getattr(base, "Meta", None)  # its help texts, widgets ... are kept
    meta = type("Meta", (parent_meta,) if parent_meta else (), {"model": model, "fields": list(fields)})
    return type(f"{model.__name__}Form", (base,), {"Meta": meta, "__module__": base.__module__})


def ui_for(model_or_label) -> type[ModelUI] | None:
    return _by_label.get(_label(model_or_label))


def all_uis() -> list[type[ModelUI]]:
    """Every registered ModelUI, in registration order (the generated tests walk this)."""
    return list(_by_label.values())


def ui_urls(app_label: str) -> list:
    """The URL patterns of every ModelUI of one app (its urls.py includes them)."""
    patterns = []
    for ui in all_uis():
        if ui.model._meta.app_label == app_label:
            patterns += ui.urls()
    return patterns


def register_uis(app_label: str) -> None:
    """API routes, navigation and search of one app, derived from its ModelUI declarations (the
    app's ready() calls this once its views module is imported)."""
    from .registry import NavItem, registry

    for ui in all_uis():
        if ui.model._meta.app_label != app_label:
            continue
        prefix = ui.get_api_prefix()
        if prefix:
            viewset = ui.api_viewset(ui) if ui.api_viewset else ui.viewset()
            registry.add_api(prefix, viewset, ui.model._meta.model_name)
        if ui.nav is not None:
            n = ui.nav
            registry.add_nav(NavItem(n.section, n.label, ui.url_name("list"), n.icon, n.order, n.roles))
        fields = getattr(ui.model, "search_fields", ())
        if ui.searchable and fields:
            registry.add_search(ui.model, tuple(fields))


# --- extension points: tabs, panels and actions other modules add to a model's pages ---------


@dataclass(frozen=True)
class Extension:
    """Common to tabs, panels and actions: who may see it, and where it sorts."""

    name: str
    label: Any
    permission: str = permissions.VIEW  # policy action the user needs on the object
    check: Callable[[Any, Any], bool] | None = None  # (user, obj) -> bool: a further named rule
    order: int = 100


@dataclass(frozen=True)
class Tab(Extension):
    """A page of its own under the object (`<list>/<pk>/<path>`), drawn inside the object shell.

    `view(request, obj, shell, **url_kwargs)` returns the response; `shell.render(template,
    context)` adds the header, the tabs and the object. `in_tabs=False` for pages reached from a
    button (they still show as the active tab when open)."""

    view: Callable[..., Any] = None
    path: str = ""
    url_name: str = ""  # default "<model>_<name>"
    in_tabs: bool = True


@dataclass(frozen=True)
class Panel(Extension):
    """A card on the detail page: `template` rendered with `context(request, obj)` (None hides it).

    The context function must cost a constant number of queries."""

    template: str = ""
    context: Callable[[Any, Any], dict | None] = None


@dataclass(frozen=True)
class Action(Extension):
    """A button in the detail page header; `url(obj)` gives its target."""

    url: Callable[[Any], str] = None


_tabs: dict[str, list[Tab]] = {}
_panels: dict[str, list[Panel]] = {}
_actions: dict[str, list[Action]] = {}


def _label(model_or_label) -> str:
    if isinstance(model_or_label, str):
        return model_or_label.lower()
    return model_or_label._meta.label_lower


def _add(store: dict, model_or_label, item) -> None:
    items = store.setdefault(_label(model_or_label), [])
    items[:] = [i for i in items if i.name != item.name] + [item]  # re-registration replaces
    items.sort(key=lambda i: i.order)


def register_tab(model_or_label, name: str, label, *, path: str = "", **options):
    """Decorator for a tab view: `@register_tab("org.agency", "roles", _("Peran"), permission=CHANGE)`."""

    def decorate(view):
        _add(_tabs, model_or_label, Tab(name, label, view=view, path=path or f"{name}/", **options))
        return view

    return decorate


def register_panel(model_or_label, name: str, label, template: str, context, **options) -> None:
    _add(_panels, model_or_label, Panel(name, label, template=template, context=context, **options))


def register_related_panel(model_or_label, name: str, related: Related, **options) -> None:
    """A panel listing records of another module that point at this one (a Related table)."""

    def context(request, obj):
        from .views.objects import related_table

        return {"rel": related_table(request.user, obj, related)}

    register_panel(model_or_label, name, related.label, "core/_related_panel.html", context, **options)


def register_action(model_or_label, name: str, label, url, **options) -> None:
    _add(_actions, model_or_label, Action(name, label, url=url, **options))


def tabs_for(model_or_label) -> list[Tab]:
    return list(_tabs.get(_label(model_or_label), ()))


def panels_for(model_or_label) -> list[Panel]:
    return list(_panels.get(_label(model_or_label), ()))


def actions_for(model_or_label) -> list[Action]:
    return list(_actions.get(_label(model_or_label), ()))


class Allowed:
    """Which extensions a user may see on one object: one policy query per action, whatever the
    number of tabs, panels and actions."""

    def __init__(self, user, obj):
        self.user, self.obj, self._cache = user, obj, {}

    def action(self, action: str) -> bool:
        if action not in self._cache:
            self._cache[action] = permissions.can(self.user, self.obj, action)
        return self._cache[action]

    def __call__(self, extension: Extension) -> bool:
        if not self.action(extension.permission):
            return False
        return extension.check is None or bool(extension.check(self.user, self.obj))
