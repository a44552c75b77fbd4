from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AccountsConfig(AppConfig):
    """Users (email login, role), and later consent records and the access log."""

    name = "backend.accounts"
    label = "accounts"
    verbose_name = gettext_lazy("계정")

    def ready(self) -> None:
        from backend.accounts import tasks

        tasks.register()
