from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("ny/<int:citizen_pk>/", views.course_open, name="open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/raadgivning/", views.advice, name="advice"),
    path("<int:pk>/anmodning/", views.treatment_request, name="request"),
    path("<int:pk>/fravalg-af-garanti/", views.waiver, name="waiver"),
    path("<int:pk>/behandlingsstart/", views.treatment_start, name="start"),
    path("<int:pk>/afslut/", views.close, name="close"),
]
