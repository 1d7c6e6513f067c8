from django.urls import path

from . import views

app_name = "timeline"
urlpatterns = [path("borger/<int:pk>/", views.citizen, name="citizen")]
