from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.login_view, name="login"),
    path("log-ind/kode/", views.verify, name="verify"),
    path("log-ind/opsaet-app/", views.enrol, name="enrol"),
    path("log-ud/", views.logout_view, name="logout"),
    path("session/forlaeng/", views.keepalive, name="keepalive"),
]
