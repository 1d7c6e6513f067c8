from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("definitioner/", views.definitions, name="definitions"),
    path("noegletal.xlsx", views.download_xlsx, name="xlsx"),
    path("<slug:key>/forloeb/", views.drilldown, name="drilldown"),
    path("<slug:key>.csv", views.download_csv, name="csv"),
]
