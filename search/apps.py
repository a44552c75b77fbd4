from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SearchConfig(AppConfig):
    """Search: the outbox that keeps the search backend in step with the database."""

    name = "search"
    label = "search"
    verbose_name = gettext_lazy("검색")

    def ready(self) -> None:
        from backend.core.readiness import register_probe
        from search import tasks
        from search.backends import probe_search

        tasks.register()
        register_probe("search", probe_search)
