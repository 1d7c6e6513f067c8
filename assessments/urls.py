from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("<int:course_pk>/", views.assessment_edit, name="edit"),
    path("<int:course_pk>/tilfoejelse/", views.addendum_add, name="addendum_add"),
    path("<int:course_pk>/laegesamtale/", views.physician_consultation, name="physician"),
    path("<int:course_pk>/opgaver/", views.task_list, name="tasks"),
    path("opgaver/<int:task_pk>/udfoert/", views.task_done, name="task_done"),
    path("opgaver/<int:task_pk>/underretning/", views.notification, name="notification"),
    path("opgaver/<int:task_pk>/underretning.pdf", views.notification_pdf, name="notification_pdf"),
]
