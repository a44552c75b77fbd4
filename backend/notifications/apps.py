from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Mails to people: one row per mail, sent through the background jobs."""

    name = "backend.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from backend.notifications import tasks

        tasks.register()
