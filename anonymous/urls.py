"""The anonymous service's staff pages (/anonym/): only for the anonymous-service role (404 otherwise)."""

from .casework import urls as casework
from .groups import urls as groups
from .public import urls as public
from .reporting import urls as reporting

app_name = "anonymous"
urlpatterns = [*casework.urlpatterns, *groups.urlpatterns, *public.staff_urlpatterns, *reporting.urlpatterns]
