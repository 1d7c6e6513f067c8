"""Base classes for every admin page: municipality scope, administrator role, audit events."""

from django.contrib import admin
from django.forms.models import model_to_dict

from audit.models import AuditEvent
from audit.services import audit_record, changed_fields

from .models import Centre, Municipality, Team
from .services import administered_municipality_ids


class AdministratorScopeMixin:
    """Only superusers and administrators may use the admin; administrators within their municipalities."""

    def _scope_ids(self, request) -> set[int] | None:
        return None if request.user.is_superuser else administered_municipality_ids(request.user)

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or bool(administered_municipality_ids(request.user))

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = self._scope_ids(request)
        choices = {
            Municipality: lambda: Municipality.objects.filter(pk__in=ids),
            Centre: lambda: Centre.objects.filter(municipality_id__in=ids),
            Team: lambda: Team.objects.filter(centre__municipality_id__in=ids),
        }
        if ids is not None and db_field.related_model in choices:
            kwargs["queryset"] = choices[db_field.related_model]()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _audit_save(request, obj, before: dict, created: bool) -> None:
    after = {name: value for name, value in model_to_dict(obj).items() if name != "password"}
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=obj,
        changes=changed_fields(before, after),
    )


class ScopedAuditedAdmin(AdministratorScopeMixin, admin.ModelAdmin):
    """``municipality_path`` is the lookup from the model to its municipality ("" for Municipality).

    Every save and delete, inline rows included, is written to the audit log.
    """

    municipality_path = "municipality"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self._scope_ids(request)
        if ids is None:
            return queryset
        lookup = f"{self.municipality_path}__in" if self.municipality_path else "pk__in"
        return queryset.filter(**{lookup: ids}).distinct()

    def save_model(self, request, obj, form, change):
        before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        _audit_save(request, obj, before, created=not change)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if obj.pk else {}
            created = obj.pk is None
            obj.save()
            _audit_save(request, obj, before, created=created)
        for obj in formset.deleted_objects:
            audit_record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj)
            obj.delete()
        formset.save_m2m()

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action=AuditEvent.Action.DELETE, obj=obj)
        super().delete_queryset(request, queryset)


class ScopedInline(AdministratorScopeMixin, admin.StackedInline):
    """Stacked, not tabular: every field gets its own label (the tabular inline fails axe)."""

    extra = 0
