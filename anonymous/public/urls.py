"""The public pages (``urlpatterns``, namespace ``anonymous_public``, no login) and the staff's
conversation times (``staff_urlpatterns``, namespace ``anonymous``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.book, name="book"),
    path("<str:code>/status/", views.status, name="status"),
]
staff_urlpatterns = [
    path("tider/", views.slots, name="slots"),
    path("tider/<int:pk>/slet/", views.slot_delete, name="slot_delete"),
]
