from django.urls import path

from . import views

app_name = "treatment"
urlpatterns = [
    path("gavekort/", views.gift_cards, name="gift_cards"),
    path("forloeb/<int:pk>/gavekort/", views.gift_card_add, name="gift_card_add"),
    path("forloeb/<int:pk>/tilbagefald/", views.lapse_add, name="lapse_add"),
    path("forloeb/<int:pk>/tilbagefaldsplan/", views.relapse_plan, name="relapse_plan"),
    path("forloeb/<int:pk>/doegnophold/", views.stay_add, name="stay_add"),
    path("doegnophold/<int:pk>/", views.stay, name="stay"),
    path("doegnophold/<int:pk>/statusmoede/", views.stay_meeting, name="stay_meeting"),
    path("doegnophold/<int:pk>/status/", views.stay_status, name="stay_status"),
    path("doegnophold/<int:pk>/afslut/", views.stay_end, name="stay_end"),
]
