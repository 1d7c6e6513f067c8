"""WSGI entry point (gunicorn forlob.wsgi).

The application server runs no system checks of its own, so the start does: a deployment error
(e.g. no static manifest because `collectstatic` was not run, forlob.E002) stops the server
from starting instead of answering the first page with a 500.
"""

import os

from django.core.checks import ERROR, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlob.settings.production")
application = get_wsgi_application()

_errors = [check for check in run_checks(include_deployment_checks=True) if check.level >= ERROR]
if _errors:
    raise ImproperlyConfigured("Forløb will not start: " + " ".join(f"{e.id}: {e.msg} {e.hint or ''}" for e in _errors))
