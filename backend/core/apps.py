from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting platform pieces: health and readiness, system checks, API conventions."""

    name = "backend.core"
    label = "core"
    verbose_name = "플랫폼 (Platform)"

    def ready(self) -> None:
        from backend.core import checks, schema  # noqa: F401  (they register themselves)
