"""Registries that domain modules plug into. Core never imports a domain module.

Each module fills these from its AppConfig.ready() (or the modules it imports there):
navigation entries, searchable models, the permission policy, scheduled jobs, evidence kinds
and compliance check types.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    section: str
    label: Any
    url_name: str
    icon: str = ""
    order: int = 100
    roles: tuple[str, ...] = ()  # shown only to holders of one of these roles; () = anyone with a role


@dataclass
class SearchEntry:
    model: Any
    fields: tuple[str, ...]
    label: Any = None


@dataclass
class Registry:
    nav_sections: "OrderedDict[str, Any]" = field(default_factory=OrderedDict)
    nav: list[NavItem] = field(default_factory=list)
    search: list[SearchEntry] = field(default_factory=list)
    scheduled: dict[str, Callable[[], Any]] = field(default_factory=dict)
    api_routes: list[tuple[str, Any, str]] = field(default_factory=list)
    demo_builders: list[tuple[int, Callable[..., Any]]] = field(default_factory=list)
    demo_summaries: list[Callable[[], list[str]]] = field(default_factory=list)
    # The regulation profiles a government may follow: (id, label) pairs, provided by compliance.
    regulation_choices: Callable[[], list[tuple[str, str]]] = lambda: []
    # The kind of government a loaded profile is written for ("kabupaten", "kota", "provinsi"), or None.
    regulation_government_kind: Callable[[str], str | None] = lambda code: None

    def add_nav_section(self, key: str, label, order: int = 100) -> None:
        self.nav_sections.setdefault(key, (label, order))

    def add_nav(self, item: NavItem) -> None:
        if item not in self.nav:
            self.nav.append(item)

    def add_search(self, model, fields: tuple[str, ...], label=None) -> None:
        if not any(entry.model is model for entry in self.search):
            self.search.append(SearchEntry(model, fields, label))

    def add_scheduled(self, name: str, func: Callable[[], Any]) -> None:
        self.scheduled[name] = func

    def add_api(self, prefix: str, viewset, basename: str) -> None:
        if not any(route[0] == prefix for route in self.api_routes):
            self.api_routes.append((prefix, viewset, basename))

    def add_demo(
        self, order: int, builder: Callable[..., Any], summary: Callable[[], list[str]] | None = None
    ) -> None:
        """Demo data builders run by `spbe demo` in order (org first, then each module)."""
        if not any(b is builder for _, b in self.demo_builders):
            self.demo_builders.append((order, builder))
            if summary is not None:
                self.demo_summaries.append(summary)


registry = Registry()
