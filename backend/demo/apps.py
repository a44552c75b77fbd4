from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data (`manage.py seed_demo`): above every app it fills."""

    name = "backend.demo"
    label = "demo"
    verbose_name = "시연 데이터 (Demo data)"
