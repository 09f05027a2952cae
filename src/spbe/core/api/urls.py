"""/api/v1/: every module's viewsets (from the registry), token login, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from ..registry import registry
from .auth import ObtainTokenView, OwnTokensView


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for prefix, viewset, basename in registry.api_routes:
        router.register(prefix, viewset, basename=basename)
    return router


urlpatterns = [
    path("v1/", include(build_router().urls)),
    path("v1/auth/token/", ObtainTokenView.as_view(), name="api_token"),
    path("v1/auth/tokens/", OwnTokensView.as_view(), name="api_own_tokens"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
