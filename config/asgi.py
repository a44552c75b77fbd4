"""ASGI entry point."""

import os
import sys

from django.core.asgi import get_asgi_application

from config.env import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
try:
    application = get_asgi_application()
except ConfigError as error:
    sys.stderr.write(f"configuration error: {error}\n")
    raise SystemExit(2) from None
