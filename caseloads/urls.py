from django.urls import path

from . import views

app_name = "caseloads"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("team/", views.team, name="team"),
    path("oversigt/", views.overview, name="overview"),
    path("forloeb/<int:pk>/ansvarlig/", views.reassign, name="reassign"),
    path("overfoersel/<int:user_pk>/", views.transfer, name="transfer"),
]
