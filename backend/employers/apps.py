from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class EmployersConfig(AppConfig):
    """Employers (organisations), their members and verification by staff."""

    name = "backend.employers"
    label = "employers"
    verbose_name = gettext_lazy("기업")

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.employers.privacy import invitations_export, membership_export

        register_exporter("employer_membership", membership_export)
        register_exporter("employer_invitations", invitations_export)
