from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Mails to people: one row per mail, sent through the background jobs."""

    name = "backend.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from backend.accounts.hooks import personal_data_read
        from backend.notifications import alerts, tasks

        tasks.register()
        personal_data_read.subscribe(alerts.bulk_read_check)
