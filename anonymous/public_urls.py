"""The public pages of the anonymous service (/offentlig/anonym/): no login (SEL §101a(3))."""

from .public import urls as public

app_name = "anonymous_public"
urlpatterns = public.urlpatterns
