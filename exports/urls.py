from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("borger/<int:citizen_pk>/", views.overview, name="overview"),
    path("borger/<int:citizen_pk>/pdf/", views.pdf, name="pdf"),
    path("borger/<int:citizen_pk>/json/", views.json, name="json"),
]
