from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users (email login, role), and later consent records and the access log."""

    name = "backend.accounts"
    label = "accounts"
    verbose_name = "계정 (Accounts)"
