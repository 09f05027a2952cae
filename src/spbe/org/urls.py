from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "org"

urlpatterns = [
    path("decrees/<int:pk>/document/", views.decree_document, name="decree_document"),
]
urlpatterns += ui_urls("org")
