from django.urls import path

from spbe.core.ui import ui_urls

from . import api, views

app_name = "infrastructure"

urlpatterns = [
    path("", views.index, name="index"),
    path("network-map/", views.network_map, name="network_map"),
    path("api/prefixes/<int:pk>/next-free/", api.PrefixNextFreeView.as_view(), name="prefix_next_free_api"),
]
urlpatterns += ui_urls("infrastructure")
