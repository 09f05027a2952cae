"""The platform's URLs plus one page that always fails, for the 500 page test."""

from django.urls import path

from spbe.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("a bug on one page")


urlpatterns = [*urlpatterns, path("crash/", crash)]
