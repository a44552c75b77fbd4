from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    """Cross-cutting platform pieces: health and readiness, system checks, API conventions."""

    name = "backend.core"
    label = "core"
    verbose_name = gettext_lazy("플랫폼")

    def ready(self) -> None:
        from backend.core import checks, schema  # noqa: F401  (they register themselves)
