from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "datasets"

urlpatterns = [
    path("", views.index, name="index"),
    path("resources/<int:pk>/download/", views.resource_download, name="resource_download"),
]
urlpatterns += ui_urls("datasets")
