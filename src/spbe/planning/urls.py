from django.urls import path

from spbe.core.ui import ui_urls

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("references/overview/", views.reference_overview, name="reference_overview"),
    path("architectures/<int:pk>/sia.xlsx", views.architecture_sia_export, name="architecture_sia_export"),
    path("budget-lines/summary/", views.budget_summary, name="budget_summary"),
]
urlpatterns += ui_urls("planning")
