from django.urls import path  # noqa: F401

urlpatterns: list = []  # the public pages (no login)
staff_urlpatterns: list = []  # the conversation times staff offer
