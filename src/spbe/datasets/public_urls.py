"""The public open-data portal and DCAT catalog (anonymous; OPEN and published datasets only)."""

from django.urls import path

from . import dcat, public

app_name = "opendata"

urlpatterns = [
    path("", public.open_index, name="index"),
    path("datasets/<uuid:uuid>/", public.open_dataset, name="dataset"),
    path("resources/<uuid:uuid>/download/", public.open_resource_download, name="resource_download"),
    path("catalog.<str:fmt>", dcat.catalog, name="dcat"),
]
