from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("borger/<int:citizen_pk>/", views.citizen_access, name="citizen_access"),
    path("afviste-forsoeg/", views.refused_attempts, name="refused_attempts"),
]
