from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "management"

urlpatterns = [
    path("", views.index, name="index"),
    path("tickets/open/", views.ticket_open, name="ticket_open"),
    path("tickets/number/<str:number>/", views.ticket_detail_redirect, name="ticket_by_number"),
    path("problems/repeated-incidents/", views.repeated_incidents, name="repeated_incidents"),
    path("risk-matrix/", views.risk_matrix, name="risk_matrix"),
    path("competency-gaps/", views.competency_gaps, name="competency_gaps"),
]
urlpatterns += ui_urls("management")
