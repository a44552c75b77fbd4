import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class WorkersConfig(AppConfig):
    """Background jobs: the durable `JobRun` record, dispatch, engines and the schedule."""

    name = "workers"
    label = "workers"
    verbose_name = gettext_lazy("백그라운드 작업")

    def ready(self) -> None:
        from django.conf import settings

        from workers import checks, jobs  # noqa: F401  (checks and jobs register themselves)

        # Test and benchmark jobs, named by settings (the apps register their own jobs).
        for module in settings.JOB_MODULES:
            importlib.import_module(module)
