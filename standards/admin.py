from django.contrib import admin

from forlob.admin import admin_site
from organisations.admin_base import ScopedAuditedAdmin, ScopedInline

from .models import QualityStandard, StandardOffer


class StandardOfferInline(ScopedInline):
    model = StandardOffer


@admin.register(QualityStandard, site=admin_site)
class QualityStandardAdmin(ScopedAuditedAdmin):
    list_display = ["title", "municipality", "valid_from", "valid_to", "approved_on", "next_revision_by"]
    list_select_related = ["municipality"]
    list_filter = ["municipality"]
    inlines = [StandardOfferInline]
    save_as = True  # "Save as new": the way to start the next version from the current one
