from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, Tags, Warning, register
from django.core.files.storage import storages

from forlob.net import invalid_network_entries


@register()
def demo_mode_only_in_debug(app_configs, **kwargs):
    """The demo way past the second factor must never run outside ``make run``."""
    if getattr(settings, "FORLOB_DEMO", False) and not settings.DEBUG:
        return [
            Error(
                "FORLOB_DEMO is on while DEBUG is off.",
                hint="The demo way in is for `make run` only; remove FORLOB_DEMO.",
                id="forlob.E001",
            )
        ]
    return []


@register(Tags.staticfiles, deploy=True)
def static_manifest_collected(app_configs, **kwargs):
    """A start without ``collectstatic`` would answer the first page with a 500 (no manifest entry)."""
    storage = storages[STATICFILES_STORAGE_ALIAS]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.manifest_storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"The static files manifest ({storage.manifest_name}) is missing from STATIC_ROOT.",
            hint="Run `manage.py collectstatic --noinput` with the production settings before starting Forløb.",
            id="forlob.E002",
        )
    ]


@register(Tags.security)
def trusted_proxies_are_addresses(app_configs, **kwargs):
    """Every entry of FORLOB_TRUSTED_PROXIES is an address or a network; others are ignored."""
    invalid = invalid_network_entries(getattr(settings, "FORLOB_TRUSTED_PROXIES", ""))
    if not invalid:
        return []
    return [
        Warning(
            f"FORLOB_TRUSTED_PROXIES has {len(invalid)} entries that are neither an address nor a network; "
            "they are ignored.",
            hint="Use comma-separated addresses or CIDR networks, e.g. 10.0.0.5,2001:db8::/64.",
            id="forlob.W003",
        )
    ]
