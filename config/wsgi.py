"""WSGI entry point (gunicorn config.wsgi)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from config.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
try:
    application = get_wsgi_application()
except ConfigError as error:
    sys.stderr.write(f"configuration error: {error}\n")
    raise SystemExit(2) from None
