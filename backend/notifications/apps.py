from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Mails to people: one row per mail, sent through the background jobs."""

    name = "backend.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from backend.accounts.hooks import personal_data_read
        from backend.core.privacy import register_exporter
        from backend.notifications import alerts, tasks
        from backend.notifications.selectors import preferences_export

        tasks.register()
        register_exporter("notification_preferences", preferences_export)
        personal_data_read.subscribe(alerts.bulk_read_check)
