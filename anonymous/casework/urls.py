"""The anonymous service's casework pages (namespace ``anonymous``; other areas link to these names)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.index, name="index"),
    path("klienter/", views.clients, name="clients"),
    path("klienter/ny/", views.client_new, name="client_new"),
    path("klienter/<int:pk>/", views.client, name="client"),
    path("klienter/<int:pk>/ret/", views.client_edit, name="client_edit"),
    path("klienter/<int:pk>/afklarende-samtale/", views.conversation, name="conversation"),
    path("klienter/<int:pk>/raadgivning/", views.advice_talk, name="advice_talk"),
    path("klienter/<int:pk>/start/", views.alcohol_start, name="alcohol_start"),
    path("klienter/<int:pk>/afslut/", views.client_end, name="client_end"),
    path("anmodninger/<int:pk>/ringet-op/", views.callback_done, name="callback_done"),
    path("anmodninger/<int:pk>/aflys/", views.request_cancel, name="request_cancel"),
]
