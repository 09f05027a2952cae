"""The side navigation, grouped by SPBE area; modules add entries through the registry."""

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


def _menu_key(user) -> tuple:
    cache_attr = "_spbe_menu_key"
    if not hasattr(user, cache_attr):
        held = frozenset(permissions.roles_of(user))
        # entries added since: worked out anew
        setattr(user, cache_attr, (held, len(registry.nav), len(registry.nav_sections), len(_audience)))
    return getattr(user, cache_attr)


def menu_for(user):
    key = _menu_key(user)
    menu = _menus.get(key)
    if menu is None:
        menu = _menus[key] = _build_menu(key[0])
    return menu


# (menu key, language, active entry's prefix) -> the menu's HTML. Bounded: a path that is no
# entry's prefix shares the key of "no active entry".
_html: dict[tuple, str] = {}


def menu_html(user, path: str) -> str:
    """The side menu's entries as `<li>` elements, written here rather than by a template loop
    over every entry on every page (a measurable part of a list page's time). An entry is
    active when the page's path starts like its URL."""
    menu = menu_for(user)
    prefix = path[:25]
    if not any(item["prefix"] == prefix for section in menu for item in section["items"]):
        prefix = None
    key = (_menu_key(user), get_language(), prefix)
    html = _html.get(key)
    if html is None:
        html = _html[key] = _write_menu(menu, prefix)
    return html


def _write_menu(menu: list, active_prefix) -> str:
    out = []
    for section in menu:
        out.append(
            '<li class="nav-item mt-2"><span class="nav-link text-uppercase small text-secondary disabled">'
            f"{escape(section['label'])}</span></li>"
        )
        for item in section["items"]:
            active = " active" if item["prefix"] == active_prefix and item["url"] != "/" else ""
            out.append(
                f'<li class="nav-item"><a class="nav-link{active}" href="{escape(item["url"])}">'
                f'<span class="nav-link-title">{escape(item["label"])}</span></a></li>'
            )
    return mark_safe("".join(out))  # noqa: S308 - built from escaped parts only


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
