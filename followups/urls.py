from django.urls import path

from . import views

app_name = "followups"
urlpatterns = [
    path("forloeb/<int:pk>/", views.course, name="course"),
    path("forloeb/<int:pk>/registrer/", views.record, name="record"),
]
