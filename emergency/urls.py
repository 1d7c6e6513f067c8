from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("", views.request_access, name="request"),
    path("gennemgang/", views.review_list, name="review_list"),
    path("gennemgang/<int:pk>/", views.review, name="review"),
]
