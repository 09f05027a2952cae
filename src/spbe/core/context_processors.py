from .navigation import menu_for


def platform(request):
    user = getattr(request, "user", None)
    return {"nav_menu": menu_for(user) if user is not None and user.is_authenticated else []}
