"""/api/v1/: every module's viewsets (from the registry), token login, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter, SimpleRouter

from ..registry import registry
from .auth import ObtainTokenView, OwnTokensView


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for prefix, viewset, basename in registry.api_routes:
        router.register(prefix, viewset, basename=basename)
    return router


def viewset_urls() -> list:
    """Each viewset's routes under its module's and its own literal prefix
    ("v1/" "infrastructure/" "addresses/").

    One router for all 80-odd viewsets is a flat list of several hundred regular expressions
    that Django tries in turn: a late module's request paid ~0.2 ms to be routed. Nested, a
    request is routed by a test per module and one per viewset of its module. Names stay those
    of one router ("<basename>-list", "<basename>-detail")."""
    modules: dict[str, list] = {}
    for prefix, viewset, basename in registry.api_routes:
        module, _, rest = prefix.partition("/")
        router = SimpleRouter()
        router.register("", viewset, basename=basename)
        modules.setdefault(module, []).append(path(f"{rest}/", include(router.urls)))
    return [path(f"v1/{module}/", include(routes)) for module, routes in modules.items()]


urlpatterns = [
    path("v1/", build_router().get_api_root_view(), name="api-root"),
    *viewset_urls(),
    path("v1/auth/token/", ObtainTokenView.as_view(), name="api_token"),
    path("v1/auth/tokens/", OwnTokensView.as_view(), name="api_own_tokens"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
