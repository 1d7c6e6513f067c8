from django.urls import path

from . import views

app_name = "journal"
urlpatterns = [
    path("borger/<int:citizen_pk>/ny/", views.citizen_add, name="citizen_add"),
    path("forloeb/<int:course_pk>/ny/", views.course_add, name="course_add"),
    path("notat/<int:note_pk>/", views.history, name="history"),
    path("notat/<int:note_pk>/ret/", views.correct, name="correct"),
]
