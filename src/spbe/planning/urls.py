from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("references/overview/", views.reference_overview, name="reference_overview"),
    path("roadmaps/<int:pk>/matrix/", views.roadmap_matrix, name="roadmap_matrix"),
    path("architectures/<int:pk>/sia.xlsx", views.architecture_sia_export, name="architecture_sia_export"),
    path("budget-lines/summary/", views.budget_summary, name="budget_summary"),
    path("agency-needs/<int:pk>/decide/", views.need_decide, name="agencyneed_decide"),
]
for ui in views.ALL_UIS:
    urlpatterns += ui.urls()
