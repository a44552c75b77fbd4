from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search: the outbox that keeps the search backend in step with the database."""

    name = "search"
    label = "search"
    verbose_name = "검색 (Search)"

    def ready(self) -> None:
        from backend.core.privacy import register_eraser
        from search.privacy import forget_profile

        register_eraser(forget_profile)
