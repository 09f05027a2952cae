from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "infrastructure"

urlpatterns = [
    path("", views.index, name="index"),
    path("network-map/", views.network_map, name="network_map"),
]
urlpatterns += ui_urls("infrastructure")
