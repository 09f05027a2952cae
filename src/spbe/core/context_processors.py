import functools

from .navigation import menu_html
from .notifications import UNREAD_CAP, unread_count


def platform(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": ""}
    unread = unread_count(user)
    return {
        # Written only by a page that shows the menu (the template calls it).
        "nav_menu": functools.partial(menu_html, user, request.path),
        "unread_notifications": f"{UNREAD_CAP}+" if unread > UNREAD_CAP else unread,
    }
