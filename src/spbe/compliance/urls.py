from django.urls import path

from spbe.core.ui import ui_urls

from . import (
    activity_ui,  # noqa: F401  (declares RecordedActivityUI, included by ui_urls)
    views,
)

app_name = "compliance"

urlpatterns = [
    path("", views.government_dashboard, name="government"),
    path("mine/", views.my_agency, name="my_agency"),
    path("run/", views.run_now, name="run"),
    path("export.xlsx", views.export_matrix, name="export_matrix"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("subjects/government/", views.government_subject, name="government_subject"),
    path("agencies/<int:pk>/", views.agency_view, name="agency"),
    path("articles/<str:article>/", views.article_view, name="article"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation_detail"),
    path("obligations/<int:pk>/attest/", views.attest, name="attest"),
    path("attestations/", views.attestation_list, name="attestation_list"),
    path("attestations/<int:pk>/", views.attestation_detail, name="attestation_detail"),
    path("attestations/<int:pk>/edit/", views.attestation_edit, name="attestation_edit"),
    path(
        "attestations/<int:pk>/decision.pdf", views.attestation_decision_pdf, name="attestation_decision_pdf"
    ),
    path("regulations/", views.regulation_list, name="regulation_list"),
    path("regulations/<int:pk>/", views.regulation_detail, name="regulation_detail"),
]
urlpatterns += ui_urls("compliance")  # the records' generic pages (compliance/ui.py)
