from django.conf import settings
from django.core.checks import Error, register


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
