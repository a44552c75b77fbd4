from django.apps import AppConfig


class EmployersConfig(AppConfig):
    """Employers (organisations), their members and verification by staff."""

    name = "backend.employers"
    label = "employers"
    verbose_name = "기업 (Employers)"
