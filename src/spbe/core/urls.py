from django.urls import path

from .views import shell

app_name = "core"

urlpatterns = [
    path("search/", shell.search, name="search"),
    path("attachments/<int:pk>/", shell.attachment_download, name="attachment_download"),
    path(
        "attachments/add/<int:content_type_id>/<int:object_id>/", shell.attachment_add, name="attachment_add"
    ),
]
