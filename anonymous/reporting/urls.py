"""The anonymous services' counts for reporting (/anonym/tal/)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("tal/", views.counts, name="counts"),
    path("tal.csv", views.counts_csv, name="counts_csv"),
]
