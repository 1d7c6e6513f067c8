from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from standards.urls import public_urlpatterns as public_standard_urls

from .admin import admin_site

urlpatterns = [
    path("", include("accounts.urls")),
    path("forside/", include("home.urls")),
    path("kvalitetsstandarder/", include("standards.urls")),
    path("centre/", include("organisations.urls")),
    path("borgere/", include("citizens.urls")),
    path("forloeb/", include("courses.urls")),
    path("afdaekning/", include("assessments.urls")),
    path("afgoerelser/", include("decisions.urls")),
    path("opgaver/", include("deadlines.urls")),
    path("behandlingsplaner/", include("plans.urls")),
    path("aftaler/", include("appointments.urls")),
    path("behandling/", include("treatment.urls")),
    path("udskrivning/", include("discharges.urls")),
    path("opfoelgning/", include("followups.urls")),
    path("journal/", include("journal.urls")),
    path("tidslinje/", include("timeline.urls")),
    path("sagsstammer/", include("caseloads.urls")),
    path("anonym/", include("anonymous.urls")),
    path("indsigt/", include("exports.urls")),
    path("noedadgang/", include("emergency.urls")),
    path("ledelse/", include("dashboard.urls")),
    path("indberetning/", include("smdb.urls")),
    path("logning/", include("audit.urls")),
    path("offentlig/", include((public_standard_urls, "public"))),
    path("offentlig/anonym/", include("anonymous.public_urls")),
    path("sprog/", login_not_required(set_language), name="set_language"),
    path("admin/", admin_site.urls),
]
