"""The public knowledge base (anonymous; published articles whose audience is the public)."""

from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.public_knowledge, name="index"),
    path("<uuid:uuid>/", views.public_article, name="article"),
]
