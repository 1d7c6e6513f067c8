from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("<int:pk>/", views.centre_detail, name="centre_detail"),
    path("rolleanmodninger/", views.role_requests, name="role_requests"),
]
