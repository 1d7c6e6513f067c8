"""WSGI entry point (gunicorn forlob.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlob.settings.production")
application = get_wsgi_application()
