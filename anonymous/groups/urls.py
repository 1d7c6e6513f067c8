"""The group course's pages (/anonym/grupper/...; SEL §101a(8))."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("grupper/", views.group_list, name="groups"),
    path("grupper/ny/", views.group_new, name="group_new"),
    path("grupper/<int:pk>/", views.group_detail, name="group"),
    path("grupper/<int:pk>/optag/", views.group_enrol, name="group_enrol"),
    path("grupper/<int:pk>/luk/", views.group_close, name="group_close"),
    path("grupper/sessioner/<int:pk>/", views.session_detail, name="session"),
    path("grupper/pladser/<int:pk>/forlad/", views.group_leave, name="group_leave"),
    path("klienter/<int:pk>/afsluttende-samtale/", views.closing_talk, name="closing_talk"),
]
