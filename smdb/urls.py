"""The report to Stofmisbrugsdatabasen (/indberetning/)."""

from django.urls import path

from . import views

app_name = "smdb"
urlpatterns: list = [
    path("", views.index, name="index"),
    path("fil/", views.download, name="download"),
    path("indberettet/", views.mark_reported, name="mark_reported"),
]
