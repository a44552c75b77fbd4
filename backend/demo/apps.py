from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DemoConfig(AppConfig):
    """Synthetic demo data (`manage.py seed_demo`): above every app it fills."""

    name = "backend.demo"
    label = "demo"
    verbose_name = gettext_lazy("시연 데이터")
