from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("forloeb/<int:course_pk>/", views.detail, name="detail"),
    path("forloeb/<int:course_pk>/ny/", views.issue, name="issue"),
    path("forloeb/<int:course_pk>/udkast/", views.draft, name="draft"),
    path("forloeb/<int:course_pk>/udkast/vis/", views.draft_preview, name="draft_preview"),
    path("forloeb/<int:course_pk>/udkast/slet/", views.draft_discard, name="draft_discard"),
    path("forloeb/<int:course_pk>/brev/", views.letter, name="letter"),
    path("forloeb/<int:course_pk>/brev/hent/", views.letter_download, name="letter_download"),
    path("forloeb/<int:course_pk>/brev/sendt/", views.letter_send, name="letter_send"),
    path("afslag-psykisk-sygdom/", views.mental_illness_review, name="mental_illness_review"),
    path(
        "forloeb/<int:course_pk>/skriftlig-begrundelse/", views.written_reasons_request, name="written_reasons_request"
    ),
    path(
        "forloeb/<int:course_pk>/skriftlig-begrundelse/sendt/", views.written_reasons_send, name="written_reasons_send"
    ),
    path("forloeb/<int:course_pk>/frit-valg/", views.free_choice, name="free_choice"),
    path("forloeb/<int:course_pk>/klager/ny/", views.complaint_add, name="complaint_add"),
    path("klager/<int:complaint_pk>/genvurdering/", views.complaint_reassess, name="complaint_reassess"),
    path("klager/<int:complaint_pk>/ankestyrelsen/", views.complaint_appeals_outcome, name="complaint_appeals_outcome"),
]
