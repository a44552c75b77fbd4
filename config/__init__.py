"""Project configuration: settings, URLs, WSGI/ASGI entry points and the Celery app.

The Celery app is imported here so that `shared_task`s bind to it in every process (web and
worker alike) instead of to Celery's unconfigured default app.
"""

from config.celery import app as celery_app

__all__ = ["celery_app"]
