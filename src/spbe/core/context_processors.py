from .navigation import menu_for
from .notifications import UNREAD_CAP, unread_count


def platform(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": []}
    unread = unread_count(user)
    return {
        "nav_menu": menu_for(user),
        "nav_prefix": request.path[:25],  # an entry whose URL starts alike is the active one
        "unread_notifications": f"{UNREAD_CAP}+" if unread > UNREAD_CAP else unread,
    }
