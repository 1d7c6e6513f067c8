from django.urls import path

from . import views

app_name = "appointments"
urlpatterns = [
    path("uge/", views.week, name="week"),
    path("forloeb/<int:pk>/ny/", views.book, name="book"),
    path("forloeb/<int:pk>/samtykke/", views.consent, name="consent"),
    path("<int:pk>/fremmoede/", views.attendance, name="attendance"),
    path("<int:pk>/paamind/", views.remind, name="remind"),
]
