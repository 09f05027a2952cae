from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("agencies/<int:pk>/roles/", views.agency_roles, name="agency_roles"),
    path("decrees/<int:pk>/document/", views.decree_document, name="decree_document"),
]
for ui in views.ALL_UIS:
    urlpatterns += ui.urls()
