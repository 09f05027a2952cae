from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.index, name="index"),
    path("landscape/", views.landscape, name="landscape"),
    path("landscape.json", views.landscape_json, name="landscape_json"),
    path("releases/<int:pk>/download/", views.release_download, name="applicationrelease_download"),
    path("documents/<int:pk>/download/", views.document_download, name="applicationdocument_download"),
]
urlpatterns += ui_urls("applications")
