from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.index, name="index"),
    path("landscape/", views.landscape, name="landscape"),
    path("landscape.json", views.landscape_json, name="landscape_json"),
    path("applications/<int:pk>/request/<slug:kind>/", views.approval_request, name="approval_request"),
    path("releases/<int:pk>/download/", views.release_download, name="applicationrelease_download"),
    path("documents/<int:pk>/download/", views.document_download, name="applicationdocument_download"),
]
for ui in views.ALL_UIS:
    urlpatterns += ui.urls()
