from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "security"

urlpatterns = [
    path("certificates/coverage/", views.coverage, name="coverage"),
    path("incidents/statistics/", views.statistics, name="statistics"),
    path("incident-events/<int:pk>/evidence/", views.evidence_download, name="incidentevent_download"),
]
urlpatterns += ui_urls("security")
