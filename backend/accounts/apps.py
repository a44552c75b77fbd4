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

        from django.contrib.auth.signals import user_logged_in

        from backend.accounts import staff_security

        def logged_in(sender: object, request: object = None, **kwargs: object) -> None:
            staff_security.mark_login(request)  # type: ignore[arg-type]

        user_logged_in.connect(logged_in, weak=False, dispatch_uid="sjl-staff-last-activity")
