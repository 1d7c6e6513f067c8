from django.urls import path

from . import views

app_name = "standards"
urlpatterns = [
    path("", views.standard_list, name="index"),
    path("<int:pk>/", views.standard_detail, name="detail"),
]

public_urlpatterns = [
    path("kvalitetsstandard/<str:code>/", views.public_standard, name="public"),
]
