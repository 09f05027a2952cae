"""The first page is the person's work: modules register panels for the roles they serve.

A panel is a template and a function that builds its context from the request. Each function
must make a constant number of queries, whatever the size of the government (tests/core checks
the home page at two sizes). Core knows no role: panels name the roles they are for.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import permissions


@dataclass(frozen=True)
class HomePanel:
    key: str
    roles: tuple[str, ...]
    template: str
    context: Callable[[Any], dict]
    order: int = 100


_panels: dict[str, HomePanel] = {}


def register(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def panels_for(request) -> list[dict]:
    """The panels for the roles this user holds, each with its context, in order."""
    held = permissions.roles_of(request.user)
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if held.intersection(panel.roles):
            shown.append({"key": panel.key, "template": panel.template, "data": panel.context(request)})
    return shown
