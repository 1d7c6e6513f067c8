from django.urls import path

from . import views

app_name = "discharges"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/udskriv/", views.discharge, name="discharge"),
    path("<int:pk>/status.pdf", views.pdf, name="pdf"),
    path("<int:pk>/fravalg-af-opfoelgning/", views.opt_out, name="opt_out"),
]
