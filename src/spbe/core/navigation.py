"""The side navigation, grouped by SPBE area; modules add entries through the registry."""

from django.urls import NoReverseMatch, reverse

from . import permissions
from .registry import registry

# Who sees a section or an entry (by section key or URL name): the module that knows the roles
# registers it; a key not listed here is shown to anyone holding a role.
_audience: dict[str, frozenset[str]] = {}


def restrict_to(key: str, roles) -> None:
    """Show the section or entry `key` only to holders of one of `roles`."""
    _audience[key] = frozenset(roles)


def _shown(key: str, held: set[str]) -> bool:
    roles = _audience.get(key)
    return roles is None or bool(held & roles)


# roles held -> menu. The menu depends on the roles alone (labels stay lazy, so each request
# shows them in its own language) and URLs do not change while the process runs: it is
# worked out once per set of roles, not on every page.
_menus: dict[tuple, list] = {}


def menu_for(user):
    cache_attr = "_spbe_menu"
    if hasattr(user, cache_attr):
        return getattr(user, cache_attr)
    held = frozenset(permissions.roles_of(user))
    key = (held, len(registry.nav), len(registry.nav_sections), len(_audience))  # entries added: anew
    menu = _menus.get(key)
    if menu is None:
        menu = _menus[key] = _build_menu(held)
    setattr(user, cache_attr, menu)
    return menu


def _build_menu(held: frozenset) -> list:
    sections: dict[str, dict] = {}
    for item in sorted(registry.nav, key=lambda i: i.order):
        if not held:
            continue
        if item.roles and not held.intersection(item.roles):
            continue
        if not (_shown(item.section, held) and _shown(item.url_name, held)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        label, order = registry.nav_sections.get(item.section, (item.section, 999))
        section = sections.setdefault(item.section, {"label": label, "order": order, "items": []})
        section["items"].append({"label": item.label, "url": url, "icon": item.icon, "prefix": url[:25]})
    return sorted(sections.values(), key=lambda s: s["order"])
