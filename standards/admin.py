import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from forlob.admin import admin_site
from forlob.forms import add_service_errors
from organisations.admin_base import ScopedAuditedAdmin, ScopedInline
from organisations.models import Centre

from .forms import NewVersionForm, ProviderChoiceField, QualityStandardAdminForm
from .models import QualityStandard, StandardOffer
from .selectors import is_referenced, new_version_earliest_start, newer_versions
from .services import standard_new_version


def _in_use(standard: QualityStandard | None) -> bool:
    """A version that requests have their deadlines from is read-only: changes make a new version."""
    return standard is not None and standard.pk is not None and is_referenced(standard)


class _OfferFormSet(helpers.InlineAdminFormSet):
    """Django words the add button "Add another <verbose name>", which in Danish reads "Tilføj
    endnu en Tilbud i standarden"; an offer is "et tilbud"."""

    def inline_formset_data(self) -> str:
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = _("Add another offer")
        return json.dumps(data)


class StandardOfferInline(ScopedInline):
    model = StandardOffer

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not _in_use(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not _in_use(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not _in_use(obj)


@admin.register(QualityStandard, site=admin_site)
class QualityStandardAdmin(ScopedAuditedAdmin):
    list_display = ["title", "municipality", "valid_from", "valid_to", "approved_on", "next_revision_by"]
    list_select_related = ["municipality"]
    list_filter = ["municipality"]
    inlines = [StandardOfferInline]
    form = QualityStandardAdminForm

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """The anonymous-treatment providers: checkboxes of the centres the administrator administers
        (the form narrows them to the standard's municipality, ``QualityStandardAdminForm``)."""
        if db_field.name == "anonymous_provider_centres":
            ids = self._scope_ids(request)
            centres = Centre.objects.select_related("municipality").order_by("name")
            kwargs["queryset"] = centres if ids is None else centres.filter(municipality_id__in=ids)
            kwargs["form_class"] = ProviderChoiceField
            kwargs["widget"] = ProviderChoiceField.widget
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """The providers are saved after the standard itself, so their change is audited here."""
        standard = form.instance
        before = sorted(standard.anonymous_provider_centres.values_list("pk", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = sorted(standard.anonymous_provider_centres.values_list("pk", flat=True))
        if before != after:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.UPDATE,
                obj=standard,
                changes={"anonymous_provider_centres": [before, after]},
            )

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if isinstance(inline_formset.opts, StandardOfferInline):
                inline_formset.__class__ = _OfferFormSet
        return inline_formsets

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not _in_use(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not _in_use(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        standard = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "in_use": _in_use(standard),
            "may_make_new_version": standard is not None and not newer_versions(standard).exists(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        new_version = self.admin_site.admin_view(self.new_version_view)
        return [
            path("<int:object_id>/new-version/", new_version, name="standards_qualitystandard_new_version"),
            *super().get_urls(),
        ]

    def new_version_view(self, request, object_id: int):
        """ "Make a new version from <date>": the way to change a standard that requests use."""
        standard = self.get_object(request, str(object_id))
        if standard is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, str(object_id))
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NewVersionForm(request.POST or None, initial={"valid_from": new_version_earliest_start(standard)})
        if form.is_valid():
            try:
                new = standard_new_version(
                    standard=standard, valid_from=form.cleaned_data["valid_from"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The new version is made. Enter its changes, approval and next revision."))
                return redirect(reverse("admin:standards_qualitystandard_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": standard,
            "form": form,
            "title": _("Make a new version of the standard"),
        }
        return TemplateResponse(request, "admin/standards/qualitystandard/new_version.html", context)
