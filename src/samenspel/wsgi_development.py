"""WSGI entry for `make run`: the demo served by gunicorn with development settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.settings.development")
application = get_wsgi_application()
