from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<int:course_pk>/", views.plan, name="plan"),
    path("<int:course_pk>/ny/", views.new, name="new"),
    path("<int:course_pk>/revision/", views.review, name="review"),
    path("<int:course_pk>/versioner/", views.versions, name="versions"),
    path("version/<int:pk>/", views.version, name="version"),
    path("version/<int:pk>/pdf/", views.pdf, name="pdf"),
]
