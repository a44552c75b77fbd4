from django.apps import AppConfig


class EmployersConfig(AppConfig):
    """Employers (organisations), their members and verification by staff."""

    name = "backend.employers"
    label = "employers"
    verbose_name = "기업 (Employers)"

    def ready(self) -> None:
        from backend.core.privacy import register_exporter
        from backend.employers.privacy import membership_export

        register_exporter("employer_membership", membership_export)
