from django.apps import AppConfig


class WebConfig(AppConfig):
    """Server-rendered pages for every role (UI.md): templates, static files, i18n."""

    name = "backend.web"
    label = "web"
    verbose_name = "Web"
