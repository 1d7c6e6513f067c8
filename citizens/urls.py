from django.urls import path

from . import views

app_name = "citizens"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/oplysninger/", views.edit, name="edit"),
    path("<int:pk>/personer/ny/", views.person_add, name="person_add"),
    path("<int:pk>/samtykker/ny/", views.consent_add, name="consent_add"),
    path("personer/<int:pk>/ret/", views.person_edit, name="person_edit"),
    path("samtykker/<int:pk>/ret/", views.consent_edit, name="consent_edit"),
    path("samtykker/<int:pk>/tilbagekald/", views.consent_withdraw, name="consent_withdraw"),
]
