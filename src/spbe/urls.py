from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from spbe.core.views import shell
from spbe.datasets import ckan  # datasets: the CKAN-compatible API

urlpatterns = [
    path("", shell.home, name="home"),
    path("health/", shell.health, name="health"),
    # The API first: its requests are the most numerous and are routed past nothing else.
    path("api/", include("spbe.core.api.urls")),
    path("login/", shell.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("spbe.core.urls")),
    path("org/", include("spbe.org.urls")),
    path("compliance/", include("spbe.compliance.urls")),
    path("planning/", include("spbe.planning.urls")),
    path("applications/", include("spbe.applications.urls")),
    # security module (issue 13)
    path("security/", include("spbe.security.urls")),
    path("management/", include("spbe.management.urls")),  # management (issue 14)
    path("pengetahuan/", include("spbe.management.public_urls")),  # public knowledge base
    # --- datasets (Satu Data): catalog, open-data portal, CKAN-compatible read API ---
    path("data/", include("spbe.datasets.urls")),
    path("open-data/", include("spbe.datasets.public_urls")),
    path("api/3/action/<str:action>", ckan.action, name="ckan_action"),
    path("api/action/<str:action>", ckan.action, name="ckan_action_unversioned"),
    # --- end datasets ---
    # infrastructure (issue 12)
    path("infrastructure/", include("spbe.infrastructure.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "spbe.core.views.errors.forbidden"
handler404 = "spbe.core.views.errors.not_found"
handler400 = "spbe.core.views.errors.bad_request"
handler500 = "spbe.core.views.errors.server_error"
