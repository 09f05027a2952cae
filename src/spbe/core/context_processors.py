from .navigation import menu_for
from .notifications import unread_count


def platform(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": []}
    return {"nav_menu": menu_for(user), "unread_notifications": unread_count(user)}
